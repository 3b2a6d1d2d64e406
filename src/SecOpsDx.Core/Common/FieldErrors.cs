namespace SecOpsDx.Core;

/// <summary>
/// Collects field problems and throws them together, so a form or API client sees all at once. The checks here
/// are the ones every feature needs; a feature adds its own with <see cref="Add"/>.
/// </summary>
public sealed class FieldErrors
{
    /// <summary>The longest e-mail address kept anywhere.</summary>
    public const int MaxEmail = 256;

    private readonly Dictionary<string, List<FieldError>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string code, params object?[] args)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(new FieldError(code, args));
    }

    /// <summary>
    /// Trimmed text, or null when blank; too long or missing (when required) is an error, never a cut. Invisible
    /// characters that only do harm are taken out first: control characters other than tab and line breaks (NUL,
    /// BEL, …) and the bidirectional overrides and isolates that make a title read backwards (U+202A–U+202E,
    /// U+2066–U+2069).
    /// </summary>
    public string? Text(string field, string? value, int maxLength, bool required)
    {
        value = WithoutHarmfulCharacters(value);
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null && required) Add(field, ErrorCodes.Required);
        else if (v is not null && v.Length > maxLength) Add(field, ErrorCodes.TooLong, maxLength, v.Length);
        return v;
    }

    public static string? WithoutHarmfulCharacters(string? value)
    {
        if (value is null || !value.Any(IsHarmful)) return value;
        return new string(value.Where(c => !IsHarmful(c)).ToArray());
    }

    private static bool IsHarmful(char c) =>
        (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    public string? Email(string field, string? value)
    {
        var v = Text(field, value, MaxEmail, required: false);
        if (v is not null && !System.Net.Mail.MailAddress.TryCreate(v, out _)) Add(field, ErrorCodes.EmailInvalid);
        return v;
    }

    /// <summary>The earliest moment a record of this app can be about; an earlier one is a typo (1026 for 2026).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(9));

    /// <summary>
    /// A moment that has happened (a few minutes of clock difference are allowed) and not before <see cref="Earliest"/>:
    /// a mistyped year is refused here rather than stored and shown wrongly for ever.
    /// </summary>
    public void PastMoment(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value > now.AddMinutes(5)) Add(field, ErrorCodes.InFuture);
        else if (value < Earliest) Add(field, ErrorCodes.TooEarly, Earliest.Year);
    }

    /// <summary>A date (a due date, say) within the years the app can be about: from <see cref="Earliest"/> to 100 years ahead.</summary>
    public void SaneDate(string field, DateOnly? value, DateTimeOffset now)
    {
        if (value is not { } d) return;
        if (d.Year < Earliest.Year) Add(field, ErrorCodes.TooEarly, Earliest.Year);
        else if (d.Year > now.Year + 100) Add(field, ErrorCodes.TooLate, now.Year + 100);
    }

    public void NotNegative(string field, int? value)
    {
        if (value is < 0) Add(field, ErrorCodes.Negative);
    }

    /// <summary>Adds problems found by another check, so that one answer names them all.</summary>
    public void AddAll(IReadOnlyDictionary<string, IReadOnlyList<FieldError>> problems)
    {
        foreach (var (field, list) in problems)
            foreach (var e in list) Add(field, e.Code, e.Args.ToArray());
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FieldError>> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => (IReadOnlyList<FieldError>)e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(ToDictionary());
    }
}
