using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MiniExcelLibs;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>A table as a person reads it on a page, and an exported file read back, both as rows of cell texts.</summary>
public static partial class ExportFiles
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Runs of white space (line breaks inside a cell included) as one space, trimmed: how text reads on a page.</summary>
    public static string Normalise(string? text) => Whitespace().Replace(text ?? "", " ").Trim();

    /// <summary>
    /// The header and body rows of the table that <paramref name="tableSelector"/> picks (or the rows that
    /// <paramref name="rowSelector"/> picks in the whole page), each cell as its visible text: marks hidden from assistive
    /// technology (icons), visually hidden text and buttons are left out.
    /// </summary>
    public static (string[] Headers, List<string[]> Rows) PageTable(string html, string tableSelector, string? rowSelector = null)
    {
        var document = new HtmlParser().ParseDocument(html);
        var table = document.QuerySelector(tableSelector);
        Assert.True(table is not null, $"the page has no {tableSelector}");
        var headers = table.QuerySelectorAll("thead th").Select(Text).ToArray();
        var rows = (rowSelector is null ? table.QuerySelectorAll("tbody tr") : document.QuerySelectorAll(rowSelector))
            .Select(r => r.Children.Where(c => c.LocalName is "td" or "th").Select(Text).ToArray()).ToList();
        return (headers, rows);
    }

    private static string Text(IElement cell) => Normalise(Visible(cell));

    private static string Visible(INode node) => node switch
    {
        IElement e when e.GetAttribute("aria-hidden") == "true" || e.ClassList.Contains("visually-hidden") || e.LocalName is "button" => "",
        IElement e when e.LocalName is "div" or "p" => $" {string.Concat(e.ChildNodes.Select(Visible))} ",
        IText t => t.Data,
        _ => string.Concat(node.ChildNodes.Select(Visible)),
    };

    /// <summary>A CSV file's lines as cells, after checking that it starts with the UTF-8 byte-order mark.</summary>
    public static List<string[]> Csv(byte[] bytes)
    {
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "the CSV starts with the UTF-8 byte-order mark");
        return CsvText.Parse(bytes);
    }

    /// <summary>The first sheet of an .xlsx file, header row first, every cell as text (an empty cell as "").</summary>
    public static List<string[]> Xlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var width = rows.Count == 0 ? 0 : rows[0].Count;
        return rows.Select(r => Enumerable.Range(0, width).Select(k => r.TryGetValue(Column(k), out var v) ? v?.ToString() ?? "" : "").ToArray()).ToList();
    }

    /// <summary>Whether any cell of the .xlsx's sheets is a formula (an &lt;f&gt; element), rather than text or a number.</summary>
    public static bool XlsxHasFormula(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        return zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Any(e =>
        {
            using var reader = new StreamReader(e.Open());
            return Regex.IsMatch(reader.ReadToEnd(), "<(\\w+:)?f[ >]");
        });
    }

    /// <summary>How the exports keep a cell that a spreadsheet would run as a formula: an apostrophe in front.</summary>
    public static string Guarded(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' ? "'" + cell : cell;

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>The file name a download response suggests.</summary>
    public static string FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
}
