using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Training;

/// <summary>
/// 免除: takes a person out of a course and its rate (leave, secondment), with a reason; withdrawing it puts them
/// back. Both are audited like every change; the row stays.
/// </summary>
public sealed class ExemptStaff(TrainingWrites writes)
{
    public async Task ExemptAsync(int courseId, int staffId, string? reason, int? onlyDepartmentId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var why = errors.Text("reason", reason, TrainingLimits.Reason, required: true);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var facts = await TrainingWrites.FactsAsync(db, courseId, staffId, ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        TrainingScope.Check(snapshot, staffId, onlyDepartmentId, writes.Today);
        if (!TrainingAudience.IsAssigned(facts.Audience, snapshot.ById[staffId], writes.Today, snapshot.ParentOf))
            throw new DomainException(ErrorCodes.NotAssigned);
        if (facts.Exempt.ContainsKey(staffId)) return;
        var who = await writes.ActorAsync();
        db.TrainingExemptions.Add(new TrainingExemption
        {
            CourseId = courseId, StaffMemberId = staffId, Reason = why!, RecordedAt = writes.Now, RecordedByName = who.Name,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task WithdrawAsync(int courseId, int staffId, int? onlyDepartmentId, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        await TrainingWrites.CheckWritableAsync(db, courseId, ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct, staffId);
        TrainingScope.Check(snapshot, staffId, onlyDepartmentId, writes.Today);
        foreach (var e in await db.TrainingExemptions.Where(e => e.CourseId == courseId && e.StaffMemberId == staffId && !e.Withdrawn).ToListAsync(ct))
            e.Withdrawn = true;
        await db.SaveChangesAsync(ct);
    }
}
