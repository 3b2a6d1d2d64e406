namespace SecOpsDx.Core.Training;

/// <summary>
/// A manager records that someone took a course on paper (紙の受講票), for staff without a PC: the day and the
/// reason, kept with who recorded it. A manager acts only within their own department.
/// </summary>
public sealed class RecordPaperCompletion(TrainingWrites writes)
{
    /// <param name="onlyDepartmentId">The acting manager's department (a 部 takes its 課); null for the CISO office.</param>
    public async Task ExecuteAsync(int courseId, int staffId, DateOnly? completedOn, string? reason, int? onlyDepartmentId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var why = errors.Text("reason", reason, TrainingLimits.Reason, required: true);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var facts = await TrainingWrites.FactsAsync(db, courseId, staffId, ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        TrainingScope.Check(snapshot, staffId, onlyDepartmentId, writes.Today);
        writes.CheckCompletion(facts, snapshot, staffId, completedOn);
        var who = await writes.ActorAsync();
        db.TrainingRecords.Add(new TrainingRecord
        {
            CourseId = courseId, StaffMemberId = staffId, CompletedOn = completedOn!.Value, Method = CompletionMethod.Paper, Reason = why,
            Passed = true, Attempt = await TrainingWrites.NextAttemptAsync(db, courseId, staffId, ct),
            RecordedAt = writes.Now, RecordedByUserId = who.UserId, RecordedByName = who.Name,
        });
        await db.SaveChangesAsync(ct);
    }
}

internal static class TrainingScope
{
    /// <summary>Refuses a manager's write about someone outside their department (a 部 takes its 課).</summary>
    public static void Check(TrainingSnapshot snapshot, int staffId, int? onlyDepartmentId, DateOnly today)
    {
        if (!snapshot.ById.TryGetValue(staffId, out var person)) throw new DomainException(ErrorCodes.StaffNotFound);
        if (onlyDepartmentId is not { } dept) return;
        var theirs = person.DepartmentOn(today);
        if (theirs != dept && snapshot.ParentOf.GetValueOrDefault(theirs) != dept) throw new DomainException(ErrorCodes.NotYourDepartment);
    }
}
