namespace SecOpsDx.Core;

/// <summary>
/// A change the user asked for could not be made. Core names the reason with a <see cref="Code"/> from
/// <see cref="ErrorCodes"/> and the values the sentence needs (<see cref="Args"/>); the Web layer turns both into
/// the user's language. Core never writes the sentence itself.
/// </summary>
public class DomainException(string code, params object?[] args)
    : Exception(args.Length == 0 ? code : $"{code} ({string.Join(", ", args)})")
{
    public string Code { get; } = code;

    /// <summary>Values for the message: numbers, ticket numbers, names, and enums (which Web also translates).</summary>
    public IReadOnlyList<object?> Args { get; } = args;

    public bool IsConflict => Code == ErrorCodes.Conflict;
}

/// <summary>One problem with one field of the input.</summary>
public sealed record FieldError(string Code, params object?[] Args);

/// <summary>Input that cannot be stored, with every problem named by its field (as the API names fields).</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, IReadOnlyList<FieldError>> errors)
    : DomainException(ErrorCodes.Invalid)
{
    public IReadOnlyDictionary<string, IReadOnlyList<FieldError>> Errors { get; } = errors;

    public override string Message =>
        "invalid: " + string.Join(" / ", Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value.Select(v => v.Code))}"));

    public static ValidationFailedException For(string field, string code, params object?[] args) =>
        new(new Dictionary<string, IReadOnlyList<FieldError>> { [field] = [new FieldError(code, args)] });
}
