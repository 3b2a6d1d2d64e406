using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>The CISO approves an exception; from then on it is in force until it expires.</summary>
public sealed class ApproveControlException(ControlWrites writes)
{
    public async Task ExecuteAsync(int id, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        if (!who.IsCiso) throw new DomainException(ErrorCodes.CisoApprovesExceptions);
        var row = await db.ControlExceptions.SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new DomainException(ErrorCodes.ControlExceptionNotFound);
        if (writes.Catalogue.Control(row.ControlId) is null) throw new DomainException(ErrorCodes.ControlRetired, row.ControlId);
        db.ExpectVersion(row, expectedVersion);
        if (row.ApprovedAt is not null) return;
        if (row.ExpiresOn < writes.Today) throw new DomainException(ErrorCodes.ExpiryNotInFuture);
        (row.ApprovedAt, row.ApprovedBy) = (writes.Now, who.Actor.Name);
        await db.SaveOrConflictAsync(ct);
    }
}
