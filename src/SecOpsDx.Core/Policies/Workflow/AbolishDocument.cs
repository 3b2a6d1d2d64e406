using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// 廃止: from the given day no revision of the document is in force, so nobody is asked to acknowledge it, it leaves
/// the public page and the reading list, and no new revision can be started. Its revisions and acknowledgments stay.
/// </summary>
public sealed class AbolishDocument(PolicyWrites writes)
{
    public async Task ExecuteAsync(int documentId, int expectedVersion, DateOnly? abolishedOn, string? reason, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        (await writes.PolicyActorAsync(db, ct)).RequireApprover();
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == documentId, ct)
            ?? throw new DomainException(ErrorCodes.PolicyNotFound);
        db.ExpectVersion(document, expectedVersion);
        if (document.AbolishedOn is { } already) throw new DomainException(ErrorCodes.PolicyAbolished, already.ToString("yyyy-MM-dd"));

        var errors = new FieldErrors();
        var text = errors.Text("abolitionReason", reason, PolicyLimits.AbolitionReason, required: true);
        var latestEffective = await db.PolicyRevisions.Where(r => r.DocumentId == documentId && r.Stage == PolicyRevisionStage.Approved)
            .MaxAsync(r => (DateOnly?)r.EffectiveOn, ct);
        if (abolishedOn is not { } day) errors.Add("abolishedOn", ErrorCodes.Required);
        else if (latestEffective is { } effective && day < effective)
            errors.Add("abolishedOn", ErrorCodes.AbolishedBeforeEffective, effective.ToString("yyyy-MM-dd"));
        else if (day > writes.Today.AddYears(1)) errors.Add("abolishedOn", ErrorCodes.TooLate, writes.Today.AddYears(1).Year);
        errors.ThrowIfAny();

        document.AbolishedOn = abolishedOn;
        document.AbolitionReason = text;
        db.Entry(document).State = EntityState.Modified;
        await db.SaveOrConflictAsync(ct);
    }
}
