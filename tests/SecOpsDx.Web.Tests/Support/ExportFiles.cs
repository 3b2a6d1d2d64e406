using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

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

    /// <summary>
    /// The first sheet of an .xlsx file, header row first, every cell as the page writes it (an empty cell as ""): a
    /// number or date cell is shown through its number format as a reader of <paramref name="english"/> or Japanese
    /// sees it, so that a file that stores values still reads like the page.
    /// </summary>
    public static List<string[]> Xlsx(byte[] bytes, bool english = false) =>
        XlsxCells(bytes).Select(r => r.Select(c => c.Shown(english)).ToArray()).ToList();

    /// <summary>A cell as stored: a string (never a formula), or a number with its number format (null for General).</summary>
    public sealed record SheetCell(string? Text, double? Number, string? Format)
    {
        public string Shown(bool english)
        {
            if (Number is not { } v) return Text ?? "";
            var culture = System.Globalization.CultureInfo.GetCultureInfo(english ? "en-US" : "ja-JP");
            var (ui, saved) = (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture);
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            try
            {
                var day = DateTime.FromOADate(v);
                var style = Format?.Contains("ggg", StringComparison.Ordinal) == true ? Core.Calendar.DateDisplayStyle.Wareki : Core.Calendar.DateDisplayStyle.Western;
                return Format switch
                {
                    null => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "0%" => (v * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%",
                    "0.0%" => (v * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%",
                    Components.Shared.ExportCell.JapaneseMonth => $"{day.Year}年{day.Month}月",
                    Components.Shared.ExportCell.EnglishMonth => $"{day.Month}/{day.Year}",
                    _ when Format.Contains("hh:mm", StringComparison.Ordinal) =>
                        $"{Components.Shared.DisplayDates.Format(DateOnly.FromDateTime(day), style)} {day:HH:mm}",
                    _ => Components.Shared.DisplayDates.Format(DateOnly.FromDateTime(day), style),
                };
            }
            finally { (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (ui, saved); }
        }
    }

    /// <summary>The first sheet's cells read with the Open XML SDK, rows as wide as the header row.</summary>
    public static List<SheetCell[]> XlsxCells(byte[] bytes)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        var formats = styles?.NumberingFormats?.Elements<DocumentFormat.OpenXml.Spreadsheet.NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
        var xfs = styles?.CellFormats?.Elements<DocumentFormat.OpenXml.Spreadsheet.CellFormat>().ToList() ?? [];
        var sheetId = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!.Value!;
        var sheet = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)workbook.GetPartById(sheetId)).Worksheet;
        var rows = new List<SheetCell[]>();
        int width = 0;
        foreach (var row in sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>())
        {
            var cells = new Dictionary<int, SheetCell>();
            foreach (var cell in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                Assert.Null(cell.CellFormula);
                var column = ColumnIndex(cell.CellReference!.Value!);
                var raw = cell.CellValue?.Text;
                var type = cell.DataType?.Value;
                if (type == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString) cells[column] = new(strings[int.Parse(raw!, System.Globalization.CultureInfo.InvariantCulture)], null, null);
                else if (type == DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString) cells[column] = new(cell.InlineString?.InnerText, null, null);
                else if (type == DocumentFormat.OpenXml.Spreadsheet.CellValues.String) cells[column] = new(raw, null, null);
                else
                {
                    var formatId = cell.StyleIndex is { } si ? xfs[(int)si.Value].NumberFormatId?.Value ?? 0 : 0;
                    var format = formatId == 0 ? null : formats.TryGetValue(formatId, out var code) ? code : $"builtin:{formatId}";
                    cells[column] = new(null, double.Parse(raw!, System.Globalization.CultureInfo.InvariantCulture), format);
                }
            }
            if (rows.Count == 0) width = cells.Count == 0 ? 0 : cells.Keys.Max() + 1;
            rows.Add(Enumerable.Range(0, width).Select(k => cells.TryGetValue(k, out var c) ? c : new SheetCell("", null, null)).ToArray());
        }
        return rows;
    }

    private static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) n = n * 26 + (c - 'A' + 1);
        return n - 1;
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

    /// <summary>The file name a download response suggests.</summary>
    public static string FileName(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
}
