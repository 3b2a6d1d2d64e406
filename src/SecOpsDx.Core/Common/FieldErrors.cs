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

    /// <summary>Trimmed text, or null when blank; too long or missing (when required) is an error, never a cut.</summary>
    public string? Text(string field, string? value, int maxLength, bool required)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null && required) Add(field, ErrorCodes.Required);
        else if (v is not null && v.Length > maxLength) Add(field, ErrorCodes.TooLong, maxLength, v.Length);
        return v;
    }

    public string? Email(string field, string? value)
    {
        var v = Text(field, value, MaxEmail, required: false);
        if (v is not null && !System.Net.Mail.MailAddress.TryCreate(v, out _)) Add(field, ErrorCodes.EmailInvalid);
        return v;
    }

    /// <summary>A moment that has not happened yet (a few minutes of clock difference are allowed).</summary>
    public void NotInFuture(string field, DateTimeOffset? value, DateTimeOffset now)
    {
        if (value > now.AddMinutes(5)) Add(field, ErrorCodes.InFuture);
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
