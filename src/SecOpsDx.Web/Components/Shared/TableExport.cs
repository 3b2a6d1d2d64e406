using System.Data;
using System.Text;
using MiniExcelLibs;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>A list as its page shows it: the column headers and each row's cells, in the reader's words and date style.</summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows);

/// <summary>
/// The one way a list becomes a file: CSV in UTF-8 with a byte-order mark (so that Excel opens it as Japanese, not as
/// Shift_JIS) or .xlsx, with an ASCII file name and no caching. A cell that a spreadsheet would run as a formula is
/// kept as text in both.
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
        foreach (var line in new[] { table.Headers.ToArray() }.Concat(table.Rows))
            text.Append(string.Join(',', line.Select(Field))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>One sheet with the headers in the first row (also when there are no rows); every cell is text, never a formula.</summary>
    public static async Task<byte[]> XlsxAsync(ExportTable table, CancellationToken ct)
    {
        using var data = new DataTable("Sheet1");
        foreach (var header in UniqueHeaders(table.Headers)) data.Columns.Add(header, typeof(string));
        foreach (var row in table.Rows) data.Rows.Add(row.Cast<object>().ToArray());
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(data, cancellationToken: ct);
        return stream.ToArray();
    }

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    /// <summary>A sheet's columns need distinct names: a repeated header gets " (2)", " (3)"… as a reader would number them.</summary>
    private static IEnumerable<string> UniqueHeaders(IReadOnlyList<string> headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            var name = header;
            for (var n = 2; !seen.Add(name); n++) name = $"{header} ({n})";
            yield return name;
        }
    }

    /// <summary>File names stay ASCII (some mail gateways and old browsers mangle others): anything else becomes '-'.</summary>
    private static string AsciiName(string stem) =>
        new(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray());
}
