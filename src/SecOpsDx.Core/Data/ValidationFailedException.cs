namespace SecOpsDx.Core;

/// <summary>Input that cannot be stored, with every problem named by its field (as the API names fields).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("入力内容に誤りがあります: " + string.Join(" / ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Collects field problems and throws them together, so a form or API client sees all at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public string? Text(string field, string? value, int maxLength, bool required)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is null && required) Add(field, "必須です");
        else if (v is not null && v.Length > maxLength) Add(field, $"{maxLength}文字以内で入力してください");
        return v;
    }

    public string? Email(string field, string? value)
    {
        var v = Text(field, value, 256, required: false);
        if (v is not null && !System.Net.Mail.MailAddress.TryCreate(v, out _)) Add(field, "メールアドレスの形式が正しくありません");
        return v;
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
