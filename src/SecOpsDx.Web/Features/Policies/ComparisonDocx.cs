using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.PolicyRegister;

/// <summary>
/// 新旧対照表 as a Word file, laid out as the 法規担当 expect: A4 landscape, the note above, a two-column table, changed
/// passages underlined, (新設)/(削る) on the empty side, 明朝 type.
/// </summary>
public static class ComparisonDocx
{
    // A4 landscape (16838 twips wide) with 2 cm margins, split evenly between 改正前 and 改正後.
    private const int PageWidth = 16838, Margin = 1134;
    private static readonly int SideWidth = WordTable.Between(PageWidth, Margin, Margin) / 2;

    public static byte[] Write(ComparisonView view, bool newOnLeft, IStringLocalizer<PolicyText> t)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(Run($"{view.DocumentTitle} {t["Compare.Title"]}", bold: true)));
            body.Append(Paragraph(Run(t["Compare.Note"])));

            var table = WordTable.Create(SideWidth, SideWidth);
            var (leftHead, rightHead) = newOnLeft ? (t["Compare.New"].Value, t["Compare.Old"].Value) : (t["Compare.Old"].Value, t["Compare.New"].Value);
            table.Append(new TableRow(Cell([Paragraph(Run(leftHead, bold: true))]), Cell([Paragraph(Run(rightHead, bold: true))])));
            foreach (var row in view.Rows)
            {
                var newSide = Side(row, row.New, row.Kind == ComparisonRowKind.Removed ? t["Compare.Deleted"].Value : null, t);
                var oldSide = Side(row, row.Old, row.Kind == ComparisonRowKind.Added ? t["Compare.Added"].Value : null, t);
                table.Append(new TableRow(Cell(newOnLeft ? newSide : oldSide), Cell(newOnLeft ? oldSide : newSide)));
            }
            body.Append(table);
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = Margin, Bottom = Margin, Left = Margin, Right = Margin, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static List<Paragraph> Side(ComparisonRow row, IReadOnlyList<ComparisonLine> lines, string? mark, IStringLocalizer<PolicyText> t)
    {
        if (row.Kind == ComparisonRowKind.Omitted) return [Paragraph(Run(t["Compare.Omitted", row.Heading]))];
        if (mark is not null) return [Paragraph(Run(mark))];
        return lines.Select(l => new Paragraph(l.Segments.Select(s => (OpenXmlElement)Run(s.Text, underline: s.Changed)))).ToList();
    }

    private static TableCell Cell(IEnumerable<Paragraph> paragraphs) => WordTable.Cell(SideWidth, paragraphs);

    private static Paragraph Paragraph(Run run) => new(run);

    private static Run Run(string text, bool bold = false, bool underline = false)
    {
        var props = new RunProperties(new RunFonts { EastAsia = "ＭＳ 明朝", Ascii = "ＭＳ 明朝", HighAnsi = "ＭＳ 明朝" });
        if (bold) props.Append(new Bold());
        if (underline) props.Append(new Underline { Val = UnderlineValues.Single });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
