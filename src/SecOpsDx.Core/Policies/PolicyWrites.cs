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

    public async Task ChangeRevisionAsync(int revisionId, int expectedVersion,
        Func<SecOpsDxDbContext, PolicyRevision, AuditActor, Task> change, CancellationToken ct)
    {
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var revision = await db.PolicyRevisions.SingleOrDefaultAsync(r => r.Id == revisionId, ct)
            ?? throw new DomainException(ErrorCodes.RevisionNotFound);
        if (revision.Stage == PolicyRevisionStage.Approved) throw new DomainException(ErrorCodes.RevisionApproved);
        db.ExpectVersion(revision, expectedVersion);
        await change(db, revision, who);
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
