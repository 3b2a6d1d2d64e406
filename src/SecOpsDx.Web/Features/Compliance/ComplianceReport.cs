using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Features.Separation;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Compliance;

/// <summary>
/// The annual report to the 情報セキュリティ委員会: the four areas of a 年度 with their status, the reasons and the
/// key figures, as one list of sections that both the printable page and the Word file are made from.
/// </summary>
public static class ComplianceReport
{
    public sealed record Section(string Title, AreaStatus? Status, IReadOnlyList<string> Reasons, IReadOnlyList<(string Label, string Value)> Figures);

    /// <summary>
    /// The head of the report as a 決裁 document has it: the date, the addressee (宛先) and the sender (発信者) from the
    /// settings, the title, then the opening sentence with the staff in post, the 集計日 and the 総合評価.
    /// </summary>
    public sealed record Letter(string Date, string Addressee, string Sender, string Title, string Opening, string AsOf, string Overall);

    public static Letter Head(ComplianceSummary s, DateOnly today, DateDisplayStyle style, SecOpsDxOptions options, IStringLocalizer<ComplianceText> c)
    {
        var settings = options.AnnualReport;
        var sender = settings.Sender.Trim() is { Length: > 0 } named ? named : c["Report.DefaultSender"].Value;
        return new(
            $"{c["Report.Date"]} {DisplayDates.Format(today, style)}",
            settings.Addressee.Trim() is { Length: > 0 } addressee ? addressee : c["Report.DefaultAddressee"].Value,
            string.Join(" ", new[] { options.MunicipalityName.Trim(), sender }.Where(p => p.Length > 0)),
            c["Report.Title", DisplayDates.Format(s.Year)],
            c["Report.Intro", DisplayDates.Format(s.Year), s.StaffCount],
            $"{c["AsOf"]} {DisplayDates.Format(s.AsOf, style)} · {c["NowNote"]}",
            $"{c["Overall"]} {c.Status(s.Overall)}");
    }

    public static IReadOnlyList<Section> Sections(ComplianceSummary s, IStringLocalizer<ComplianceText> c, ControlCatalogue catalogue, IncidentTaxonomy taxonomy)
    {
        string Count(int n) => c["Count", n];
        List<string> Reasons(IEnumerable<StatusReason> reasons) => reasons.Select(r => c.Reason(r, catalogue, taxonomy)).ToList();
        var t = s.Training;
        var training = new List<(string, string)>
        {
            (c["Training.Rate"], $"{ComplianceLabels.Percent(t.Overall.Rate)} {c["Training.Counts", t.Overall.Completed, t.Overall.Assigned, t.Overall.Exempt]}"),
            (c["Training.Overdue"], Count(t.Overdue)),
            (c["Training.Drill"], t.LastDrill is { } d
                ? $"{d.Name}: {c["Training.DrillRates", ComplianceLabels.Percent(d.ClickRate), ComplianceLabels.Percent(d.ReportRate), d.Sent]}"
                  + (d.ReportedByHand > 0 ? $" ({c["Training.DrillByHand", d.ReportedByHand]})" : "")
                  + (d.MailArrivesAsText ? $" {c["Training.DrillTextMail"]}" : "")
                : c["Training.NoDrill"]),
        };
        training.AddRange(t.ByDepartment.Select(d => ($"{c["Col.Department"]}: {d.Name}", $"{ComplianceLabels.Percent(d.Rate.Rate)} ({d.Rate.Completed}/{d.Rate.Assigned})")));
        training.AddRange(t.Trend.Select(p => ($"{c["Training.Trend"]}: {DisplayDates.Format(p.Year)}", ComplianceLabels.Percent(p.Rate.Rate))));
        var p = s.Policies;
        var policies = new List<(string, string)>
        {
            (c["Policies.InForce"], Count(p.DocumentsInForce)), (c["Policies.OverdueReviews"], Count(p.OverdueReviews)),
            (c["Policies.OlderEdition"], Count(p.OlderEdition)),
            (c["Policies.Acknowledged"], $"{ComplianceLabels.Percent(p.AcknowledgmentRate)} {c["Policies.AckCounts", p.Acknowledged, p.Applicable]}"),
        };
        if (p.UnpublishedOrgans is { } unpublished) policies.Insert(3, (c["Policies.UnpublishedOrgans"], Count(unpublished)));
        var k = s.Controls;
        var controls = new List<(string, string)> { (c["Controls.Model", ControlLabels.Model(catalogue, k.Model)].Value, "") };
        controls.AddRange(k.BySegment.Select(f => (ControlLabels.Segment(catalogue, f.Segment), $"{Core.Common.Percent.Format(f.Percent)} ({f.Met}/{f.Applicable})")));
        controls.AddRange([
            (c["Controls.Unmet"], Count(k.UnmetControls)), (c["Controls.Overdue"], Count(k.OverdueVerifications)),
            (c["Controls.Exceptions"], c["Controls.ExceptionCounts", k.ExceptionsExpiring, k.ExceptionsExpired]),
            (c["Controls.Findings"], k.SelfCheckYear is { } y ? $"{Count(k.OpenFindings)} {c["Controls.SelfCheckOf", DisplayDates.Format(new FiscalYear(y))]}" : c["Controls.NoSelfCheck"]),
        ]);
        var sections = new List<Section>
        {
            new(c["Area.Training"], t.Status, Reasons(t.Reasons), training),
            new(c["Area.Policies"], p.Status, Reasons(p.Reasons), policies),
            new(c["Area.Controls"], k.Status, Reasons(k.Reasons), controls),
        };
        if (s.Incidents is { } i)
        {
            var incidents = new List<(string, string)>
            {
                (c["Incidents.Months", DisplayDates.Format(s.Year)], Count(i.ReceivedInYear)),
                (c["Incidents.Open"], Count(i.Open)),
                (c["Incidents.Ppc"], c["Incidents.PpcCounts", i.PpcMissed, i.PpcDueSoon]),
                (c["Incidents.Medians"], c["Incidents.MedianHours", Hours(i.MedianHoursToTriage), Hours(i.MedianHoursToClose)]),
            };
            incidents.AddRange(i.MonthsByCategory.GroupBy(m => m.Category).OrderByDescending(g => g.Sum(m => m.Count))
                .Select(g => (taxonomy.Category(g.Key)?.Label(AppCultures.IsEnglish) ?? g.Key, Count(g.Sum(m => m.Count)))));
            sections.Add(new(c["Area.Incidents"], i.Status, Reasons(i.Reasons), incidents));
        }
        return sections;
    }

    private static string Hours(double? h) => h is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—";

    // A4 portrait (11906 twips wide) with 2 cm margins: the figures' labels take 44% of the line, their values the rest.
    private const int PageWidth = 11906, Margin = 1134;
    private static readonly int LineWidth = WordTable.Between(PageWidth, Margin, Margin);
    private static readonly int LabelWidth = LineWidth * 44 / 100;
    private static readonly int ValueWidth = LineWidth - LabelWidth;

    /// <summary>
    /// The report as a Word file: A4 portrait, 明朝, the head of the letter, and per area its status, reasons and a table
    /// of figures. An area's heading stays with its table and a row is never split, but a long table may run on to the
    /// next page, so the first page is not left nearly empty.
    /// </summary>
    public static byte[] Docx(Letter head, IReadOnlyList<Section> sections, IStringLocalizer<ComplianceText> c)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Para(Text(head.Date), JustificationValues.Right));
            body.Append(Para(Text(head.Addressee)));
            body.Append(Para(Text(head.Sender), JustificationValues.Right));
            body.Append(Para(Text(head.Title, bold: true, size: 28), JustificationValues.Center));
            body.Append(Para(Text(head.Opening)));
            body.Append(Para(Text(head.AsOf)));
            body.Append(Para(Text(head.Overall, bold: true)));
            foreach (var section in sections)
            {
                body.Append(Para(Text(section.Status is { } st ? $"{section.Title}  [{c.Status(st)}]" : section.Title, bold: true, size: 26), keepNext: true));
                foreach (var reason in section.Reasons) body.Append(Para(Text("・" + reason), keepNext: true));
                var table = WordTable.Create(LabelWidth, ValueWidth);
                foreach (var (label, value) in section.Figures)
                    table.Append(new TableRow(new TableRowProperties(new CantSplit()), WordTable.Cell(LabelWidth, [Para(Text(label))]), WordTable.Cell(ValueWidth, [Para(Text(value))])));
                body.Append(table);
                body.Append(new Paragraph());
            }
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = 16838 },
                new PageMargin { Top = Margin, Bottom = Margin, Left = Margin, Right = Margin, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Para(Run run, JustificationValues? align = null, bool keepNext = false)
    {
        var p = new Paragraph();
        if (align is not null || keepNext)
        {
            var props = new ParagraphProperties();
            if (keepNext) props.Append(new KeepNext());
            if (align is { } a) props.Append(new Justification { Val = a });
            p.Append(props);
        }
        p.Append(run);
        return p;
    }

    private static Run Text(string text, bool bold = false, int? size = null)
    {
        var props = new RunProperties(new RunFonts { EastAsia = "ＭＳ 明朝", Ascii = "ＭＳ 明朝", HighAnsi = "ＭＳ 明朝" });
        if (bold) props.Append(new Bold());
        if (size is { } half) props.Append(new FontSize { Val = half.ToString(CultureInfo.InvariantCulture) });
        return new Run(props, new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
