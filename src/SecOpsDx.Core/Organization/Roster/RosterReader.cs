using System.Text;

namespace SecOpsDx.Core.Organization.Roster;

/// <summary>One data row of a roster file: trimmed text of each recognised column present in the file.</summary>
/// <param name="Line">Physical line the row starts on; the header is line 1.</param>
/// <param name="HasExtraFields">The row has non-empty values beyond the last header column.</param>
public sealed record RosterRecord(int Line, IReadOnlyDictionary<RosterColumn, string> Values, bool HasExtraFields)
{
    /// <summary>The trimmed value, "" when empty, null when the file has no such column.</summary>
    public string? this[RosterColumn column] => Values.GetValueOrDefault(column);
}

/// <summary>A roster file as read: its headers and rows, or why it could not be read at all.</summary>
public sealed class RosterFile
{
    /// <summary>The encoding detected: "UTF-8" or "Shift_JIS" (CP932).</summary>
    public string? EncodingName { get; init; }

    /// <summary>Recognised columns → header text as written in the file (trimmed).</summary>
    public IReadOnlyDictionary<RosterColumn, string> Headers { get; init; } = new Dictionary<RosterColumn, string>();

    /// <summary>Data rows, blank lines left out.</summary>
    public IReadOnlyList<RosterRecord> Records { get; init; } = [];

    /// <summary>Why the file as a whole cannot be imported (no header, missing required column…); null when readable.</summary>
    public FieldError? FileError { get; init; }

    /// <summary>The header text for a column: as written in the file, else the Japanese name.</summary>
    public string HeaderOf(RosterColumn column) =>
        Headers.TryGetValue(column, out var h) ? h : RosterColumns.JapaneseName(column);
}

/// <summary>
/// Reads a roster CSV as Japanese offices export it: UTF-8 (with or without BOM) or Shift_JIS
/// (CP932, including vendor characters such as 髙 and 﨑). Headers in Japanese or English.
/// </summary>
public static class RosterReader
{
    /// <summary>Windows-31J (Shift_JIS with NEC/IBM extensions), as Excel on Japanese Windows saves CSV.</summary>
    public static Encoding ShiftJis => ImportText.ShiftJis;

    public static async Task<RosterFile> ReadAsync(Stream stream, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return Read(buffer.ToArray());
    }

    public static RosterFile Read(byte[] bytes)
    {
        var (text, encoding, encodingError) = ImportText.Decode(bytes);
        if (encodingError is not null) return new RosterFile { EncodingName = encoding, FileError = encodingError };
        List<CsvRecord> records;
        try
        {
            records = CsvText.Parse(text!);
        }
        catch (UnterminatedQuoteException e)
        {
            return new RosterFile { EncodingName = encoding, FileError = new FieldError(ErrorCodes.RosterUnterminatedQuote, e.Line) };
        }

        var nonBlank = records.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0)
            return new RosterFile { EncodingName = encoding, FileError = new FieldError(ErrorCodes.RosterEmpty) };

        var header = nonBlank[0];
        var headers = new Dictionary<RosterColumn, string>();
        var positions = new Dictionary<RosterColumn, int>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var text1 = header.Fields[i].Trim().TrimStart('\uFEFF').Trim();
            if (RosterColumns.FromHeader(text1) is not { } column) continue;
            if (!headers.TryAdd(column, text1))
            {
                return new RosterFile
                {
                    EncodingName = encoding,
                    FileError = new FieldError(ErrorCodes.RosterDuplicateColumn, header.Line, headers[column], text1),
                };
            }
            positions[column] = i;
        }

        var missing = RosterColumns.Required.Where(c => !headers.ContainsKey(c)).Select(RosterColumns.JapaneseName).ToList();
        if (missing.Count > 0)
        {
            return new RosterFile
            {
                EncodingName = encoding,
                Headers = headers,
                FileError = new FieldError(ErrorCodes.RosterMissingColumns, string.Join(", ", missing), header.Line),
            };
        }

        var rows = new List<RosterRecord>(nonBlank.Count - 1);
        foreach (var record in nonBlank.Skip(1))
        {
            var values = new Dictionary<RosterColumn, string>(positions.Count);
            foreach (var (column, index) in positions)
                values[column] = index < record.Fields.Count ? record.Fields[index].Trim() : "";
            var extra = record.Fields.Skip(header.Fields.Count).Any(f => !string.IsNullOrWhiteSpace(f));
            rows.Add(new RosterRecord(record.Line, values, extra));
        }
        return new RosterFile { EncodingName = encoding, Headers = headers, Records = rows };
    }
}
