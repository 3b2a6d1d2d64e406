using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Separation;

/// <summary>
/// 是正完了: a manager of the finding's owner department (or the CISO office) records that its corrective action was
/// done, on which day and what was done. Follow-up goes on after the self-check is closed, so a closed one is no bar;
/// a withdrawn finding has nothing to correct, and a correction is recorded once.
/// </summary>
public sealed class CorrectFinding(ControlWrites writes)
{
    public async Task ExecuteAsync(int findingId, int expectedVersion, DateOnly? correctedOn, string? note, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (correctedOn is null) errors.Add("correctedOn", ErrorCodes.Required);
        else if (correctedOn > writes.Today) errors.Add("correctedOn", ErrorCodes.InFuture);
        else errors.SaneDate("correctedOn", correctedOn, writes.Now);
        var text = errors.Text("correctionNote", note, ControlLimits.CorrectionNote, required: true);
        errors.ThrowIfAny();

        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        var finding = await db.SelfCheckFindings.SingleOrDefaultAsync(f => f.Id == findingId, ct)
                      ?? throw new DomainException(ErrorCodes.SelfCheckFindingNotFound);
        if (!who.CoversDepartment(finding.OwnerDepartmentId)) throw new DomainException(ErrorCodes.NotFindingOwner);
        // Said before a version conflict: someone who corrected it in the meantime is the likelier story.
        if (finding.CorrectedAt is not null) throw new DomainException(ErrorCodes.FindingAlreadyCorrected);
        if (finding.WithdrawnAt is not null) throw new DomainException(ErrorCodes.FindingWithdrawn);
        db.ExpectVersion(finding, expectedVersion);
        if (correctedOn < JapanTime.DateOf(finding.RaisedAt)) throw ValidationFailedException.For("correctedOn", ErrorCodes.CorrectedBeforeRaised);

        (finding.CorrectedOn, finding.CorrectionNote, finding.CorrectedBy, finding.CorrectedAt) = (correctedOn, text, who.Actor.Name, writes.Now);
        await db.SaveOrConflictAsync(ct);
    }
}
