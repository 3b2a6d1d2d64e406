using System.Text;

namespace SecOpsDx.Core;

/// <summary>
/// Decodes a file handed to an import (roster, completion and drill CSVs, policy Markdown) the same way everywhere:
/// a UTF-8 BOM means UTF-8; otherwise valid UTF-8 is UTF-8 and anything else is tried as Shift_JIS (CP932, as Excel
/// on Japanese Windows saves). UTF-16 and UTF-32 are refused by name, and a byte that is valid in neither encoding
/// refuses the file with its line: nothing is ever imported with replacement characters in it.
/// </summary>
public static class ImportText
{
    public const string Utf8 = "UTF-8", ShiftJisName = "Shift_JIS";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Cp932 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932);
    });

    private static readonly Lazy<Encoding> StrictCp932 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Windows-31J (Shift_JIS with NEC/IBM extensions).</summary>
    public static Encoding ShiftJis => Cp932.Value;

    /// <returns>The text and the encoding's name, or why the file cannot be read as text.</returns>
    public static (string? Text, string? EncodingName, FieldError? Error) Decode(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, 0x00, 0x00, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
            return (null, null, new FieldError(ErrorCodes.EncodingUnsupported, "UTF-32"));
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
            return (null, null, new FieldError(ErrorCodes.EncodingUnsupported, "UTF-16"));
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            // Declared UTF-8: a bad byte refuses the file rather than switching encodings.
            try
            {
                return (StrictUtf8.GetString(bytes, 3, bytes.Length - 3), Utf8, null);
            }
            catch (DecoderFallbackException e)
            {
                return (null, Utf8, new FieldError(ErrorCodes.EncodingInvalidBytes, Utf8, LineOf(bytes, e.Index + 3)));
            }
        }
        // UTF-16 without a BOM holds a NUL byte in every Latin character, digit, comma and line break; a stray NUL in
        // UTF-8 text is a control character that the text fields strip.
        if (LooksLikeUtf16(bytes))
            return (null, null, new FieldError(ErrorCodes.EncodingUnsupported, "UTF-16"));
        int utf8Bad;
        try
        {
            return (StrictUtf8.GetString(bytes), Utf8, null);
        }
        catch (DecoderFallbackException e)
        {
            utf8Bad = e.Index;
        }
        try
        {
            return (StrictCp932.Value.GetString(bytes), ShiftJisName, null);
        }
        catch (DecoderFallbackException e)
        {
            // Neither reading works: name the later bad byte, which is where the text stops making sense in both.
            return (null, null, new FieldError(ErrorCodes.EncodingInvalidBytes, "UTF-8 / Shift_JIS", LineOf(bytes, Math.Max(utf8Bad, e.Index))));
        }
    }

    private static bool LooksLikeUtf16(byte[] bytes)
    {
        var nul = 0;
        foreach (var b in bytes)
            if (b == 0) nul++;
        return nul > 0 && nul * 8L >= bytes.Length;
    }

    private static int LineOf(byte[] bytes, int index)
    {
        var end = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        for (var i = 0; i < end; i++)
            if (bytes[i] == (byte)'\n') line++;
        return line;
    }
}
