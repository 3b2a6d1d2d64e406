using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Training;

/// <summary>
/// A manager records a drill report that reached them by hand (the mail forwarded to them, a phone call) for a
/// recipient of their own department; the CISO office for anyone. The report rate then counts the person, once: a
/// recipient who already pressed the report button, or was recorded before, is refused.
/// </summary>
public sealed class RecordDrillReport(TrainingWrites writes)
{
    public async Task ExecuteAsync(int drillId, int staffId, DateOnly? receivedOn, string? note, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var who = await DrillActor.ResolveAsync(db, await writes.ActorAsync(), ct);
        who.RequireRecorder();
        var drill = await db.Drills.AsNoTracking().Where(d => d.Id == drillId).Select(d => new { d.HeldOn }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException(ErrorCodes.DrillNotFound);
        var result = await db.DrillResults.AsNoTracking().Where(r => r.DrillId == drillId && r.StaffMemberId == staffId)
            .Select(r => new { r.Id, r.DepartmentId, r.Reported }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException(ErrorCodes.DrillNotRecipient);
        var parentOf = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ParentId, ct);
        if (!who.MayRecordFor(result.DepartmentId, parentOf)) throw new DomainException(ErrorCodes.NotYourDepartment);
        if (result.Reported || await db.DrillManualReports.AnyAsync(m => m.DrillResultId == result.Id, ct))
            throw new DomainException(ErrorCodes.DrillAlreadyReported);

        var errors = new FieldErrors();
        var why = errors.Text("note", note, TrainingLimits.Reason, required: false);
        if (receivedOn is not { } on) errors.Add("receivedOn", ErrorCodes.Required);
        else if (on > writes.Today) errors.Add("receivedOn", ErrorCodes.InFuture);
        else if (on < drill.HeldOn) errors.Add("receivedOn", ErrorCodes.DrillReceivedBeforeHeld);
        errors.ThrowIfAny();

        db.DrillManualReports.Add(new DrillManualReport
        {
            DrillId = drillId, DrillResultId = result.Id, ReceivedOn = receivedOn!.Value, Note = why, RecordedAt = writes.Now,
            RecordedByUserId = who.Actor.UserId, RecordedByName = who.Actor.Name,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people recording the same recipient at once: the unique index lets one through.
            await using var again = await writes.OpenAsync(ct);
            if (await again.DrillManualReports.AnyAsync(m => m.DrillResultId == result.Id, ct)) throw new DomainException(ErrorCodes.DrillAlreadyReported);
            throw;
        }
    }
}
