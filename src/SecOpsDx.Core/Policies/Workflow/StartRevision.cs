using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Opens a new draft of a document, starting from the text of its newest approved revision. The CISO office may
/// start one of any document; a manager only of a document their department (or their 部) owns. The drafter is
/// kept on the revision.
/// </summary>
public sealed class StartRevision(PolicyWrites writes)
{
    public async Task<int> ExecuteAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var (document, drafter) = await writes.DocumentToDraftAsync(db, documentId, ct);
        var who = drafter.Actor;
        if (document.AbolishedOn is { } abolished) throw new DomainException(ErrorCodes.PolicyAbolished, abolished.ToString("yyyy-MM-dd"));
        var revisions = await db.PolicyRevisions.Where(r => r.DocumentId == documentId)
            .Select(r => new { r.Number, r.Stage, r.Title, r.Body, r.EffectiveOn }).ToListAsync(ct);
        if (revisions.FirstOrDefault(r => r.Stage != PolicyRevisionStage.Approved) is { } open)
            throw new DomainException(ErrorCodes.RevisionAlreadyOpen, open.Number);
        var basis = revisions.OrderByDescending(r => r.Number).FirstOrDefault();
        var revision = new PolicyRevision
        {
            DocumentId = documentId, Number = (basis?.Number ?? 0) + 1, Title = basis?.Title ?? document.Title, Body = basis?.Body ?? "",
            Change = PolicyChange.Material, Stage = PolicyRevisionStage.Draft,
            EffectiveOn = basis is { } b && b.EffectiveOn > writes.Today ? b.EffectiveOn : writes.Today,
            DraftedByUserId = who.UserId, DraftedByName = who.Name, DraftedAt = writes.Now,
        };
        db.PolicyRevisions.Add(revision);
        await db.SaveChangesAsync(ct);
        return revision.Id;
    }
}
