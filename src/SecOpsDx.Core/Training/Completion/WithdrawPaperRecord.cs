using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Training;

/// <summary>
/// 紙の受講票の取消: a paper record entered by mistake (wrong person, wrong course) is withdrawn with a reason by
/// someone who may record for the person's department. The record is kept and marked withdrawn (who, when, why);
/// the person's status is again what it would be without it. Only paper records: a person's own confirmation is
/// their statement (with their quiz answers) and an import mirrors the e-learning system, which is where that is
/// corrected.
/// </summary>
public sealed class WithdrawPaperRecord(TrainingWrites writes)
{
    /// <param name="onlyDepartmentId">The acting manager's department (a 部 takes its 課); null for the CISO office.</param>
    public async Task ExecuteAsync(long recordId, string? reason, int? onlyDepartmentId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var why = errors.Text("reason", reason, TrainingLimits.Reason, required: true);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var record = await db.TrainingRecords.AsNoTracking().Include(r => r.Course).SingleOrDefaultAsync(r => r.Id == recordId, ct)
            ?? throw new DomainException(ErrorCodes.RecordNotFound);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct, record.StaffMemberId);
        TrainingScope.Check(snapshot, record.StaffMemberId, onlyDepartmentId, writes.Today);
        if (record.Course!.IsRetired) throw new DomainException(ErrorCodes.CourseRetired);
        if (record.Method != CompletionMethod.Paper) throw new DomainException(ErrorCodes.NotPaperRecord);
        if (await db.TrainingRecordWithdrawals.AnyAsync(w => w.RecordId == recordId, ct)) throw new DomainException(ErrorCodes.RecordWithdrawn);
        var who = await writes.ActorAsync();
        db.TrainingRecordWithdrawals.Add(new TrainingRecordWithdrawal
        {
            RecordId = recordId, Reason = why!, WithdrawnAt = writes.Now, WithdrawnByUserId = who.UserId, WithdrawnByName = who.Name,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two people withdrawing the same record at once: the unique index lets one through.
            if (await AlreadyWithdrawnAsync(recordId, ct)) throw new DomainException(ErrorCodes.RecordWithdrawn);
            throw;
        }
    }

    private async Task<bool> AlreadyWithdrawnAsync(long recordId, CancellationToken ct)
    {
        await using var db = await writes.OpenAsync(ct);
        return await db.TrainingRecordWithdrawals.AnyAsync(w => w.RecordId == recordId, ct);
    }
}
