using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Training;

/// <summary>
/// 取り下げ: the CISO office takes back a course made by mistake or no longer run, with a reason. Its records stay
/// (completions included) and can be read, but it is nobody's task, counts in no rate or reminder and takes no
/// more writes. A course retired by mistake can be reinstated; both steps are audited like every change.
/// </summary>
public sealed class RetireCourse(TrainingWrites writes)
{
    public async Task RetireAsync(int courseId, int expectedVersion, string? reason, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var why = errors.Text("reason", reason, TrainingLimits.Reason, required: true);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new DomainException(ErrorCodes.CourseNotFound);
        db.ExpectVersion(course, expectedVersion);
        if (course.IsRetired) throw new DomainException(ErrorCodes.CourseRetired);
        var who = await writes.ActorAsync();
        course.RetiredAt = writes.Now;
        course.RetiredReason = why;
        course.RetiredByName = who.Name;
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>Puts a retired course back as it was; the audit trail keeps when and why it had been retired.</summary>
    public async Task ReinstateAsync(int courseId, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Id == courseId, ct)
            ?? throw new DomainException(ErrorCodes.CourseNotFound);
        db.ExpectVersion(course, expectedVersion);
        if (!course.IsRetired) return;
        course.RetiredAt = null;
        course.RetiredReason = null;
        course.RetiredByName = null;
        await db.SaveOrConflictAsync(ct);
    }
}
