using SecOpsDx.Core.Organization.Roster;

namespace SecOpsDx.Core.Training;

/// <summary>
/// A CSV file read for an import: decoded (UTF-8 with or without BOM, else CP932; see ImportText), split into records with their
/// line numbers, and its header row mapped to the columns the import knows, matched by name in any order.
/// </summary>
public sealed class CsvTable
{
    public required string EncodingName { get; init; }

    /// <summary>Column key → position and header as written in the file.</summary>
    public required IReadOnlyDictionary<string, (int Index, string Header)> Columns { get; init; }

    public required IReadOnlyList<(int Line, IReadOnlyList<string> Fields)> Rows { get; init; }

    public bool Has(string key) => Columns.ContainsKey(key);

    public string HeaderOf(string key) => Columns.TryGetValue(key, out var c) ? c.Header : key;

    /// <summary>The trimmed value of a column in a row; "" when the column or value is missing.</summary>
    public static string Value(CsvTable table, IReadOnlyList<string> fields, string key) =>
        table.Columns.TryGetValue(key, out var c) && c.Index < fields.Count ? fields[c.Index].Trim() : "";

    /// <param name="aliases">Normalised header (lower case, no spaces, underscores or hyphens) → column key.</param>
    /// <returns>The table, or the reason it cannot be read (a <see cref="FieldError"/> with a file-level code).</returns>
    public static (CsvTable? Table, FieldError? Error) Read(byte[] bytes, IReadOnlyDictionary<string, string> aliases)
    {
        var (text, encoding, encodingError) = ImportText.Decode(bytes);
        if (encodingError is not null) return (null, encodingError);
        List<CsvRecord> records;
        try
        {
            records = CsvText.Parse(text!);
        }
        catch (UnterminatedQuoteException e)
        {
            return (null, new FieldError(ErrorCodes.RosterUnterminatedQuote, e.Line));
        }
        var nonBlank = records.Where(r => !r.IsBlank).ToList();
        if (nonBlank.Count == 0) return (null, new FieldError(ErrorCodes.RosterEmpty));
        var header = nonBlank[0];
        var columns = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var written = header.Fields[i].Trim().TrimStart('\uFEFF').Trim();
            if (!aliases.TryGetValue(RosterColumns.NormalizeHeader(written), out var key)) continue;
            if (columns.TryGetValue(key, out var first))
                return (null, new FieldError(ErrorCodes.RosterDuplicateColumn, header.Line, first.Item2, written));
            columns[key] = (i, written);
        }
        return (new CsvTable
        {
            EncodingName = encoding!,
            Columns = columns,
            Rows = nonBlank.Skip(1).Select(r => (r.Line, r.Fields)).ToList(),
        }, null);
    }
}
