using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The plumbing every ticket use case shares: load the ticket the user saw at the version they saw, let the use
/// case change it and add its timeline entries, save once (audited). A stale version is refused rather than
/// overwriting a colleague's work.
/// </summary>
public sealed class TicketWrites(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    public ValueTask<AuditActor> ActorAsync() => actor.GetActorAsync();

    public Task<SecOpsDxDbContext> OpenAsync(CancellationToken ct) => factory.CreateDbContextAsync(ct);

    public async Task ChangeAsync(int id, int expectedVersion, Func<SecOpsDxDbContext, Incident, AuditActor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.IncidentNotFound);
        db.ExpectVersion(incident, expectedVersion);
        await change(db, incident, who, time.GetUtcNow());
        // The ticket row itself changes on every step, so its version guards the whole step.
        db.Entry(incident).State = EntityState.Modified;
        await db.SaveOrConflictAsync(ct);
    }

    public static async Task<Incident> TicketAsync(SecOpsDxDbContext db, int id, CancellationToken ct, bool mustBeOpen = false)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.IncidentNotFound);
        if (mustBeOpen && !incident.IsOpen) throw new DomainException(ErrorCodes.IncidentClosed);
        return incident;
    }
}
