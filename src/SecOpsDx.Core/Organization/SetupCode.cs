using System.Security.Cryptography;

namespace SecOpsDx.Core.Organization;

/// <summary>
/// The short code printed on a set-password slip, for someone who types rather than scans: 12 characters of
/// Crockford's base32 (60 random bits) in groups of four. Easily confused letters are read as the digits they look
/// like, case and separators do not matter. Guessing is held back by the page's per-address limit, and a code
/// works once and only until its link expires.
/// </summary>
public static class SetupCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 12;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var code = new string(chars);
        return $"{code[..4]}-{code[4..8]}-{code[8..]}";
    }

    /// <summary>The code in its stored form, or null when the text is not shaped like a code (a link token, say).</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 30) return null;
        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ' or '\u3000' or '\u2010' or '\u2212' or '\uFF0D') continue;
            var c = char.ToUpperInvariant(raw) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (Alphabet.IndexOf(c) < 0 || n == Length) return null;
            chars[n++] = c;
        }
        return n == Length ? new string(chars) : null;
    }
}
