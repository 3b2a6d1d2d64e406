using System.Text;

namespace SecOpsDx.Core.Organization.Roster;

/// <summary>One record of a CSV text and the physical line (1-based) it starts on.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// RFC 4180 CSV as spreadsheet programs write it: comma separated, fields optionally in double
/// quotes, <c>""</c> for a quote inside quotes, commas and line breaks allowed inside quotes.
/// CRLF, LF and lone CR all end a line. Tracks physical line numbers so errors can point at them.
/// </summary>
internal static class CsvText
{
    /// <exception cref="FormatException">A quoted field is never closed.</exception>
    public static List<CsvRecord> Parse(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldQuoted = false;
        var quoteLine = 0;

        void EndField()
        {
            fields.Add(field.ToString());
            field.Clear();
            fieldQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            records.Add(new CsvRecord(recordLine, fields));
            fields = [];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                    continue;
                }
                if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))) line++;
                field.Append(c);
                continue;
            }

            switch (c)
            {
                case ',':
                    EndField();
                    break;
                case '\r' or '\n':
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                case '"' when !fieldQuoted && string.IsNullOrWhiteSpace(field.ToString()):
                    // Opening quote (spaces before it, as some tools write, are dropped).
                    field.Clear();
                    inQuotes = true;
                    fieldQuoted = true;
                    quoteLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (inQuotes)
            throw new UnterminatedQuoteException(quoteLine);
        if (fields.Count > 0 || field.Length > 0 || fieldQuoted)
            EndRecord();
        return records;
    }
}

/// <summary>A quoted field that is never closed; <see cref="Line"/> is where it opens.</summary>
public sealed class UnterminatedQuoteException(int line) : FormatException($"unterminated quote starting on line {line}")
{
    public int Line { get; } = line;
}
