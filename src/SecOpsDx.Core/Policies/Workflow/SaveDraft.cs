namespace SecOpsDx.Core.Policies;

public sealed record DraftInput(string? Title, string? Body, PolicyChange Change, DateOnly? EffectiveOn);

/// <summary>
/// Saves the text of a draft. Only a draft changes; one awaiting approval or approved is refused. The document's
/// drafters (its owner department's managers, the CISO office) may save it.
/// </summary>
public sealed class SaveDraft(PolicyWrites writes)
{
    public Task ExecuteAsync(int revisionId, int expectedVersion, DraftInput input, CancellationToken ct = default) =>
        writes.ChangeRevisionAsync(revisionId, expectedVersion, PolicyPermission.Draft, (db, revision, who) =>
        {
            if (revision.Stage != PolicyRevisionStage.Draft)
                throw new DomainException(ErrorCodes.RevisionNotDraft);
            var errors = new FieldErrors();
            var title = errors.Text("policyTitle", input.Title, PolicyLimits.Title, required: true);
            // The body is kept exactly as typed (no trimming inside); only harmful invisible characters go.
            var body = FieldErrors.WithoutHarmfulCharacters(input.Body);
            if (string.IsNullOrWhiteSpace(body)) errors.Add("body", ErrorCodes.Required);
            else if (body.Length > PolicyLimits.Body) errors.Add("body", ErrorCodes.TooLong, PolicyLimits.Body, body.Length);
            if (input.EffectiveOn is null) errors.Add("effectiveOn", ErrorCodes.Required);
            errors.SaneDate("effectiveOn", input.EffectiveOn, writes.Now);
            errors.ThrowIfAny();
            revision.Title = title!;
            revision.Body = body!;
            revision.Change = input.Change;
            revision.EffectiveOn = input.EffectiveOn!.Value;
            return Task.CompletedTask;
        }, ct);
}
