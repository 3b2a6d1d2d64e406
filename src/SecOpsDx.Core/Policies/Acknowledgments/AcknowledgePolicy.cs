using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// A member of staff confirms they read the revision in force (確認しました). Refused for a revision that is not in
/// force or not meant for them; a second press for a revision already acknowledged adds nothing.
/// </summary>
public sealed class AcknowledgePolicy(PolicyWrites writes, TimeProvider time)
{
    /// <returns>True when a new acknowledgment was recorded, false when one already counted.</returns>
    public async Task<bool> ExecuteAsync(int staffId, int revisionId, string? clientAddress, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var today = JapanTime.Today(time);
        var reader = await PolicyPeople.ReaderAsync(db, staffId, today, ct);
        if (reader is not { InPost: true }) throw new DomainException(ErrorCodes.NoStaffRecord);
        var revision = await db.PolicyRevisions.AsNoTracking().Include(r => r.Document).SingleOrDefaultAsync(r => r.Id == revisionId, ct)
            ?? throw new DomainException(ErrorCodes.RevisionNotFound);
        var facts = await db.PolicyRevisions.AsNoTracking().Where(r => r.DocumentId == revision.DocumentId)
            .Select(r => new RevisionFacts(r.Id, r.Number, r.Stage, r.EffectiveOn, r.Change)).ToListAsync(ct);
        var inForce = PolicyRules.InForce(facts, today, revision.Document!.AbolishedOn);
        if (inForce?.Id != revisionId) throw new DomainException(ErrorCodes.NotInForce);
        if (!PolicyAudience.Parse(revision.Document.Audience).Includes(reader.Roles, reader.DepartmentCode, reader.ParentCode))
            throw new DomainException(ErrorCodes.NotInAudience);
        var from = PolicyRules.AcknowledgedFrom(facts, inForce);
        if (await db.PolicyAcknowledgments.AnyAsync(a => a.StaffId == staffId && a.DocumentId == revision.DocumentId
                && a.RevisionNumber >= from && a.RevisionNumber <= inForce.Number, ct))
            return false;
        var address = clientAddress is null ? null : clientAddress.Length > PolicyLimits.ClientAddress ? clientAddress[..PolicyLimits.ClientAddress] : clientAddress;
        db.PolicyAcknowledgments.Add(new PolicyAcknowledgment
        {
            StaffId = staffId, DocumentId = revision.DocumentId, RevisionId = revisionId, RevisionNumber = revision.Number,
            AcknowledgedAt = writes.Now, ClientAddress = address,
        });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
