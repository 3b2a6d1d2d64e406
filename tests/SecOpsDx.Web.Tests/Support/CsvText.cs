using System.Text;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>Reads the exports' CSV back: a UTF-8 byte-order mark first, RFC 4180 quoting, CRLF after every line.</summary>
public static class CsvText
{
    /// <summary>The lines as cells; throws when the byte-order mark or the closing CRLF is missing.</summary>
    public static List<string[]> Parse(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble())) throw new FormatException("the CSV does not start with the UTF-8 byte-order mark");
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = new List<string[]>();
        var line = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { line.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                line.Add(cell.ToString());
                cell.Clear();
                lines.Add([.. line]);
                line.Clear();
                i++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || line.Count > 0) throw new FormatException("the last CSV line does not end with CRLF");
        return lines;
    }
}
