using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The demo municipality with the annual report's 宛先 and 発信者 set, as a municipality names them.</summary>
public sealed class NamedReportAppFactory() : AppFactory(new()
{
    ["SecOpsDx:AnnualReport:Addressee"] = "みらい市情報セキュリティ委員会 委員長 様",
    ["SecOpsDx:AnnualReport:Sender"] = "最高情報セキュリティ責任者 副市長 山田太郎",
});

/// <summary>
/// The annual report's Word file carries what its page carries, in the order of a 決裁 document: date, 宛先, 発信者,
/// title, the opening sentence with the staff in post, 集計日 and 総合評価, then every area with its figures.
/// </summary>
public sealed class AnnualReportDocumentTests(NamedReportAppFactory factory) : IClassFixture<NamedReportAppFactory>
{
    private static List<string> Paragraphs(byte[] bytes)
    {
        using var docx = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
    }

    [Fact]
    public async Task The_Word_file_opens_with_the_head_of_the_page_and_the_settings_addressee_and_sender()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");
        var year = Core.Calendar.FiscalYear.Current(TimeProvider.System).StartYear - 1;

        var html = new HtmlParser().ParseDocument(await client.GetStringAsync($"/compliance/report?year={year}"));
        var bytes = await client.GetByteArrayAsync($"/compliance/report.docx?year={year}");

        OfficeFiles.AssertValid(bytes, "annual report");
        var paragraphs = Paragraphs(bytes);
        var article = html.QuerySelector("[data-testid=annual-report]")!;
        var pageHead = article.Children.TakeWhile(e => e.LocalName != "section").Select(e => ExportFiles.Normalise(e.TextContent)).ToList();
        Assert.Equal(pageHead, paragraphs.Take(pageHead.Count).Select(ExportFiles.Normalise));
        Assert.Matches("^作成日: 令和", paragraphs[0]);
        Assert.Equal("みらい市情報セキュリティ委員会 委員長 様", paragraphs[1]);
        Assert.Equal("みらい市 最高情報セキュリティ責任者 副市長 山田太郎", paragraphs[2]);
        Assert.Contains("情報セキュリティ対策の実施状況について(報告)", paragraphs[3]);
        Assert.Matches(@"の情報セキュリティ対策の実施状況を次のとおり報告します\(在職職員 \d+人\)。", paragraphs[4]);
        Assert.Matches("^集計日: 令和", paragraphs[5]);
        Assert.Matches("^総合評価: ", paragraphs[6]);
    }

    [Fact]
    public async Task Every_figure_on_the_page_is_in_the_Word_file()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");

        var html = new HtmlParser().ParseDocument(await client.GetStringAsync("/compliance/report"));
        using var docx = WordprocessingDocument.Open(new MemoryStream(await client.GetByteArrayAsync("/compliance/report.docx")), false);

        var pageRows = html.QuerySelectorAll(".report-section tr").Select(r => r.Children.Select(c => ExportFiles.Normalise(c.TextContent)).ToArray()).ToList();
        var fileRows = docx.MainDocumentPart!.Document.Body!.Descendants<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => ExportFiles.Normalise(c.InnerText)).ToArray()).ToList();
        Assert.True(pageRows.Count > 10, "the report has figures");
        Assert.Equal(pageRows, fileRows);
        var pageReasons = html.QuerySelectorAll(".report-section li").Select(l => "・" + ExportFiles.Normalise(l.TextContent));
        Assert.All(pageReasons, r => Assert.Contains(r, docx.MainDocumentPart.Document.Body.InnerText));
    }

    [Fact]
    public async Task A_long_area_runs_on_to_the_next_page_instead_of_leaving_the_first_nearly_empty()
    {
        var client = await SignIn.AsAsync(factory, "ciso@example.jp");

        using var docx = WordprocessingDocument.Open(new MemoryStream(await client.GetByteArrayAsync("/compliance/report.docx")), false);
        var body = docx.MainDocumentPart!.Document.Body!;

        // Nothing forces a page break or keeps a whole table on one page: headings keep with their table, rows don't split.
        Assert.Empty(body.Descendants<PageBreakBefore>());
        Assert.Empty(body.Descendants<Break>());
        foreach (var table in body.Elements<Table>())
        {
            var heading = table.ElementsBefore().OfType<Paragraph>().Last(p => p.InnerText.Length > 0);
            Assert.NotNull(heading.ParagraphProperties?.KeepNext);
            Assert.All(table.Elements<TableRow>(), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<CantSplit>()));
            Assert.All(table.Descendants<Paragraph>(), p => Assert.Null(p.ParagraphProperties?.KeepNext));
        }
        var css = await client.GetStringAsync("/SecOpsDx.Web.styles.css");
        Assert.DoesNotMatch(new Regex(@"\.report-section\[[^\]]+\]\s*\{[^}]*break-inside:\s*avoid"), css);
    }
}
