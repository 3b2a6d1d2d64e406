using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>The CISO closes the self-check with a summary for the committee; its figures are then fixed.</summary>
public sealed class CloseSelfCheck(ControlWrites writes)
{
    public async Task ExecuteAsync(int selfCheckId, int expectedVersion, string? summary, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var text = errors.Text("selfCheckSummary", summary, ControlLimits.SelfCheckSummary, required: true);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        if (!who.IsCiso) throw new DomainException(ErrorCodes.CisoClosesSelfCheck);
        var check = await db.SelfChecks.SingleOrDefaultAsync(s => s.Id == selfCheckId, ct) ?? throw new DomainException(ErrorCodes.SelfCheckNotFound);
        db.ExpectVersion(check, expectedVersion);
        if (!check.IsOpen) throw new DomainException(ErrorCodes.SelfCheckClosed);
        (check.ClosedAt, check.ClosedBy, check.Summary) = (writes.Now, who.Actor.Name, text);
        await db.SaveOrConflictAsync(ct);
    }
}
