using SecOpsDx.Core;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>How a step the user asked for ended: done (with what to say) or refused (with why).</summary>
public sealed record StepOutcome(string Message, bool Refused, bool IsConflict = false, IReadOnlyDictionary<string, IReadOnlyList<FieldError>>? Fields = null)
{
    public static StepOutcome Done(string message) => new(message, false);

    public static StepOutcome From(DomainException e) =>
        new(UserMessages.Describe(e), true, e.IsConflict, (e as ValidationFailedException)?.Errors);
}
