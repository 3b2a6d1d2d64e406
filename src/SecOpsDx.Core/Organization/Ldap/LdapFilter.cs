using System.Text;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>Values put into LDAP search filters (RFC 4515), so that a typed name can never add conditions.</summary>
public static class LdapFilter
{
    /// <summary>Escapes * ( ) \ NUL and every non-ASCII byte as \hh of its UTF-8 encoding.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (byte)'*' or (byte)'(' or (byte)')' or (byte)'\\' or 0 || b >= 0x80)
                text.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else
                text.Append((char)b);
        }
        return text.ToString();
    }

    /// <summary>(|(a=v)(b=v)…) for one value over several attributes.</summary>
    public static string AnyOf(IEnumerable<string> attributes, string value)
    {
        var escaped = Escape(value);
        var parts = attributes.Select(a => $"({a}={escaped})").ToList();
        return parts.Count == 1 ? parts[0] : $"(|{string.Concat(parts)})";
    }
}
