using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// A list as its page shows it: the column headers and each row's cells, in the reader's words and date style; counts,
/// rates and dates also carry their values (see <see cref="ExportCell"/>).
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<ExportCell[]> Rows);

/// <summary>
/// The one way a list becomes a file: CSV in UTF-8 with a byte-order mark (so that Excel opens it as Japanese, not as
/// Shift_JIS) or .xlsx, with an ASCII file name and no caching. A cell that a spreadsheet would run as a formula is
/// kept as text in both. In the .xlsx, counts and rates are numbers and dates are dates (in the reader's 和暦 or
/// western format), so that SUM adds them up and a sort puts the months in order.
/// </summary>
public static class TableExport
{
    /// <summary>The route segment of an export's format: <c>export.{format}</c> answers .csv and .xlsx, anything else is not found.</summary>
    public const string Format = "{format:regex(^(csv|xlsx)$)}";

    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file as a download named <paramref name="stem"/>.csv or .xlsx.</summary>
    public static async Task<IResult> FileAsync(HttpContext context, ExportTable table, string format, string stem, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        var name = $"{AsciiName(stem)}.{format}";
        return format == "csv"
            ? Results.File(Csv(table), CsvType, name)
            : Results.File(await XlsxAsync(table, ct), XlsxType, name);
    }

    /// <summary>Today in Japan as yyyyMMdd, for the names of files that show a list as it stands today.</summary>
    public static string Stamp(TimeProvider time) => JapanTime.Today(time).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting, CRLF line ends; a value that a spreadsheet would run as a formula starts with an apostrophe.</summary>
    public static byte[] Csv(ExportTable table)
    {
        var text = new StringBuilder();
        foreach (var line in new[] { table.Headers.Select(h => (ExportCell)h).ToArray() }.Concat(table.Rows))
            text.Append(string.Join(',', line.Select(c => Field(c.ToString())))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// One sheet with the headers in the first row (also when there are no rows), frozen above the list. A cell with a
    /// value is a number with its format; every other cell is a string, never a formula, whatever it starts with.
    /// </summary>
    public static Task<byte[]> XlsxAsync(ExportTable table, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Xlsx(table));
    }

    private static byte[] Xlsx(ExportTable table)
    {
        var formats = table.Rows.SelectMany(r => r).Select(c => c.NumberFormat).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var sharedStrings = new SharedStringTable();
        Cell Text(string reference, string text, uint style)
        {
            text = XmlSafe(text);
            if (!strings.TryGetValue(text, out var index))
            {
                strings[text] = index = strings.Count;
                sharedStrings.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            return new Cell { CellReference = reference, DataType = CellValues.SharedString, StyleIndex = style, CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture)) };
        }

        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        for (var k = 0; k < table.Headers.Count; k++) header.Append(Text(Reference(k, 1), table.Headers[k], HeaderStyle));
        data.Append(header);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var n = (uint)i + 2;
            var row = new Row { RowIndex = n };
            var cells = table.Rows[i];
            for (var k = 0; k < cells.Length; k++)
            {
                var cell = cells[k];
                if (cell.Value is { } value && double.IsFinite(value))
                    row.Append(new Cell
                    {
                        CellReference = Reference(k, n), CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
                        StyleIndex = cell.NumberFormat is { } f ? FirstFormatStyle + (uint)formats.IndexOf(f) : 0,
                    });
                else if (cell.Text.Length > 0)
                    row.Append(Text(Reference(k, n), cell.Text, cell.Text.Contains('\n') ? WrapStyle : 0));
            }
            data.Append(row);
        }

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(
                new SheetViews(new SheetView(
                    new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                    new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
                { WorkbookViewId = 0 }),
                Columns(table),
                data);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = sharedStrings;
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles(formats);
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Sheet1" }));
        }
        return stream.ToArray();
    }

    private const uint HeaderStyle = 1, WrapStyle = 2, FirstFormatStyle = 3;

    /// <summary>Plain, bold headers, wrapped multi-line text, then one style per number format the table uses (custom formats are numbered from 164).</summary>
    private static Stylesheet Styles(IReadOnlyList<string> formats)
    {
        var xfs = new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true });
        for (var i = 0; i < formats.Count; i++)
            xfs.Append(new CellFormat { NumberFormatId = 164 + (uint)i, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true });
        xfs.Count = (uint)xfs.ChildElements.Count;
        var stylesheet = new Stylesheet();
        if (formats.Count > 0)
            stylesheet.Append(new NumberingFormats(formats.Select((f, i) => new NumberingFormat { NumberFormatId = 164 + (uint)i, FormatCode = f })) { Count = (uint)formats.Count });
        stylesheet.Append(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Yu Gothic" })) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            xfs,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
        return stylesheet;
    }

    /// <summary>Each column as wide as its longest line (a full-width character counts twice), within reason.</summary>
    private static Columns Columns(ExportTable table)
    {
        var columns = new Columns();
        for (var k = 0; k < table.Headers.Count; k++)
        {
            var widest = table.Rows.Where(r => k < r.Length).Select(r => r[k].Text).Prepend(table.Headers[k])
                .SelectMany(t => t.Split('\n')).Select(DisplayWidth).DefaultIfEmpty(0).Max();
            var n = (uint)k + 1;
            columns.Append(new Column { Min = n, Max = n, Width = Math.Clamp(widest + 2, 8, 60), CustomWidth = true });
        }
        return columns;
    }

    private static int DisplayWidth(string line) => line.Sum(c => c < 0x2E80 || c is >= '\uFF61' and <= '\uFF9F' ? 1 : 2);

    private static string Reference(int column, uint row) => Letters(column) + row.ToString(CultureInfo.InvariantCulture);

    private static string Letters(int index) => index < 26 ? ((char)('A' + index)).ToString() : Letters(index / 26 - 1) + (char)('A' + index % 26);

    /// <summary>Characters that XML cannot carry (control characters other than tab and line ends) are left out rather than failing the file.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { kept.Append(text, i++, 2); continue; }
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
        }
        return kept.ToString();
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>File names stay ASCII (some mail gateways and old browsers mangle others): anything else becomes '-'.</summary>
    private static string AsciiName(string stem) =>
        new(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
