using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training;

/// <summary>
/// What every training write shares: who acts and when, the course and the person loaded with the facts the rules
/// need, and the checks on a completion (assigned, not done yet, dated between the course's opening and today).
/// </summary>
public sealed class TrainingWrites(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => JapanTime.Today(time);

    public ValueTask<AuditActor> ActorAsync() => actor.GetActorAsync();

    /// <summary>A context for one write, its connection open for the write's reads and its save (one pooled connection each).</summary>
    public async Task<SecOpsDxDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return db;
    }

    /// <summary>
    /// The course with what is recorded about one person on it (the writes are each about one person). A retired
    /// course is refused: its records are read-only.
    /// </summary>
    internal static async Task<CourseFacts> FactsAsync(SecOpsDxDbContext db, int courseId, int staffId, CancellationToken ct)
    {
        var facts = await OnePersonReads.CourseAsync(db, courseId, staffId, ct)
            ?? throw new DomainException(ErrorCodes.CourseNotFound);
        CheckNotRetired(facts.Course);
        return facts;
    }

    internal static void CheckNotRetired(TrainingCourse course)
    {
        if (course.IsRetired) throw new DomainException(ErrorCodes.CourseRetired);
    }

    /// <summary>Refuses a write to a retired course (or one that does not exist) without loading its records.</summary>
    internal static async Task CheckWritableAsync(SecOpsDxDbContext db, int courseId, CancellationToken ct)
    {
        var course = await db.TrainingCourses.AsNoTracking().Where(c => c.Id == courseId).Select(c => new { c.RetiredAt }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException(ErrorCodes.CourseNotFound);
        if (course.RetiredAt is not null) throw new DomainException(ErrorCodes.CourseRetired);
    }

    /// <summary>Checks that the person may be recorded as having taken the course on that day.</summary>
    internal void CheckCompletion(CourseFacts facts, TrainingSnapshot snapshot, int staffId, DateOnly? on, string field = "completedOn")
    {
        if (!snapshot.ById.TryGetValue(staffId, out var person)) throw new DomainException(ErrorCodes.StaffNotFound);
        var today = Today;
        if (!TrainingAudience.IsAssigned(facts.Audience, person, on is { } d && d <= today ? d : today, snapshot.ParentOf)
            && !TrainingAudience.IsAssigned(facts.Audience, person, today, snapshot.ParentOf))
            throw new DomainException(ErrorCodes.NotAssigned);
        if (facts.CompletedOn.ContainsKey(staffId)) throw new DomainException(ErrorCodes.AlreadyCompleted);
        var errors = new FieldErrors();
        if (on is not { } date) errors.Add(field, ErrorCodes.Required);
        else if (date > today) errors.Add(field, ErrorCodes.InFuture);
        else if (date < facts.Course.OpensOn) errors.Add(field, ErrorCodes.BeforeOpening);
        errors.ThrowIfAny();
    }

    internal static async Task<int> NextAttemptAsync(SecOpsDxDbContext db, int courseId, int staffId, CancellationToken ct) =>
        await db.TrainingRecords.CountAsync(r => r.CourseId == courseId && r.StaffMemberId == staffId, ct) + 1;
}
