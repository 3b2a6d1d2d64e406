using System.Text;

namespace SecOpsDx.Core.Calendar;

/// <summary>Culture-independent width folding used before parsing.</summary>
internal static class JapaneseText
{
    /// <summary>
    /// Folds full-width ASCII (！..～, including ０-９, Ｒ, （）, ／, ．, －) to ASCII and the ideographic
    /// space to a space. Done by hand rather than with Unicode normalization so it does not depend on ICU.
    /// </summary>
    public static string Normalize(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var folded = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            };
            if (folded != c)
            {
                sb ??= new StringBuilder(text, 0, i, text.Length);
                sb.Append(folded);
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? text;
    }
}
