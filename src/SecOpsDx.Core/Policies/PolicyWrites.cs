using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// What every policy write shares: load the revision at the version the user saw, let the use case change it,
/// save once (audited); a stale version is refused rather than overwriting a colleague's edit.
/// </summary>
public sealed class PolicyWrites(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => JapanTime.Today(time);

    public ValueTask<AuditActor> ActorAsync() => actor.GetActorAsync();

    public Task<SecOpsDxDbContext> OpenAsync(CancellationToken ct) => factory.CreateDbContextAsync(ct);

    /// <summary>The acting person with what they may do in the register.</summary>
    public async Task<PolicyActor> PolicyActorAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        await PolicyActor.ResolveAsync(db, await actor.GetActorAsync(), ct);

    /// <summary>The document, refused unless the acting person may draft it (its owner department's managers, or the office).</summary>
    public async Task<(PolicyDocument Document, PolicyActor Actor)> DocumentToDraftAsync(SecOpsDxDbContext db, int documentId, CancellationToken ct)
    {
        var who = await PolicyActorAsync(db, ct);
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == documentId, ct)
            ?? throw new DomainException(ErrorCodes.PolicyNotFound);
        await who.RequireDrafterAsync(db, document, ct);
        return (document, who);
    }

    public async Task ChangeRevisionAsync(int revisionId, int expectedVersion, PolicyPermission need,
        Func<SecOpsDxDbContext, PolicyRevision, AuditActor, Task> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await PolicyActorAsync(db, ct);
        var revision = await db.PolicyRevisions.SingleOrDefaultAsync(r => r.Id == revisionId, ct)
            ?? throw new DomainException(ErrorCodes.RevisionNotFound);
        if (need == PolicyPermission.Approve) who.RequireApprover();
        else await who.RequireDrafterAsync(db, await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Id == revision.DocumentId, ct), ct);
        if (revision.Stage == PolicyRevisionStage.Approved) throw new DomainException(ErrorCodes.RevisionApproved);
        db.ExpectVersion(revision, expectedVersion);
        await change(db, revision, who.Actor);
        db.Entry(revision).State = EntityState.Modified;
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The latest approved 施行日 before this revision, which its own 施行日 may not precede.</summary>
    public static async Task CheckEffectiveDateAsync(SecOpsDxDbContext db, PolicyRevision revision, CancellationToken ct)
    {
        var previous = await db.PolicyRevisions
            .Where(r => r.DocumentId == revision.DocumentId && r.Id != revision.Id && r.Stage == PolicyRevisionStage.Approved)
            .OrderByDescending(r => r.EffectiveOn).Select(r => (DateOnly?)r.EffectiveOn).FirstOrDefaultAsync(ct);
        if (previous is { } p && revision.EffectiveOn < p)
            throw ValidationFailedException.For("effectiveOn", ErrorCodes.EffectiveBeforePrevious, p.ToString("yyyy-MM-dd"));
    }
}

/// <summary>What a change to a revision asks of the acting person.</summary>
public enum PolicyPermission
{
    /// <summary>Editing and sending for approval: the document's drafters.</summary>
    Draft,
    /// <summary>Approving or sending back: the CISO office.</summary>
    Approve,
}
