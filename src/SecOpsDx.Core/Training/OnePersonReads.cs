using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>
/// The reads behind one person's confirmation of one course (the form thousands post in the last week of March), as
/// compiled queries on one connection: the same facts as <see cref="TrainingSnapshot.LoadAsync"/> and
/// <see cref="CourseFacts.LoadAsync"/> narrowed to that person, without EF translating each query again on every
/// request. <c>OnePersonReadsTests</c> checks that both paths give the same answers.
/// </summary>
internal static class OnePersonReads
{
    private sealed record StaffRow(int Id, string EmployeeNumber, string FullName, string? Email, int DepartmentId,
        DateOnly? HiredOn, DateOnly? RetiredOn, EmploymentCategory Category, string? UserId);

    private sealed record RecordRow(int StaffMemberId, DateOnly CompletedOn);

    private sealed record ExemptionRow(int StaffMemberId, string Reason);

    private static readonly Func<SecOpsDxDbContext, int, Task<StaffRow?>> StaffOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int id) => db.Staff.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new StaffRow(s.Id, s.EmployeeNumber, s.FullName, s.Email, s.DepartmentId, s.HiredOn, s.RetiredOn, s.Category, s.UserId))
            .FirstOrDefault());

    private static readonly Func<SecOpsDxDbContext, int, IAsyncEnumerable<StaffDepartmentMove>> MovesOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int id) => db.StaffDepartmentMoves.AsNoTracking().Where(m => m.StaffMemberId == id));

    private static readonly Func<SecOpsDxDbContext, string, IAsyncEnumerable<string?>> RolesOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, string userId) => db.UserRoles.AsNoTracking().Where(ur => ur.UserId == userId)
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => r.Name));

    private static readonly Func<SecOpsDxDbContext, IAsyncEnumerable<TrainingSnapshot.DepartmentInfo>> Departments = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db) => db.Departments.AsNoTracking().Select(d => new TrainingSnapshot.DepartmentInfo(d.Id, d.Code, d.Name, d.ParentId)));

    private static readonly Func<SecOpsDxDbContext, int, Task<TrainingCourse?>> CourseWithQuestions = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int courseId) => db.TrainingCourses.AsNoTracking().Include(c => c.Questions).FirstOrDefault(c => c.Id == courseId));

    private static readonly Func<SecOpsDxDbContext, int, int, IAsyncEnumerable<RecordRow>> PassedOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int courseId, int staffId) => db.TrainingRecords.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.StaffMemberId == staffId && r.Passed && !db.TrainingRecordWithdrawals.Any(w => w.RecordId == r.Id))
            .Select(r => new RecordRow(r.StaffMemberId, r.CompletedOn)));

    private static readonly Func<SecOpsDxDbContext, int, int, IAsyncEnumerable<ExemptionRow>> ExemptionsOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int courseId, int staffId) => db.TrainingExemptions.AsNoTracking()
            .Where(e => e.CourseId == courseId && e.StaffMemberId == staffId && !e.Withdrawn)
            .Select(e => new ExemptionRow(e.StaffMemberId, e.Reason)));

    private static readonly Func<SecOpsDxDbContext, int, int, IAsyncEnumerable<int>> NamedOf = EF.CompileAsyncQuery(
        (SecOpsDxDbContext db, int courseId, int staffId) => db.TrainingAssignees.AsNoTracking()
            .Where(a => a.CourseId == courseId && a.StaffMemberId == staffId).Select(a => a.StaffMemberId));

    /// <summary>The roster narrowed to one person (all departments, for the 部 a 課 belongs to); empty when there is no such person.</summary>
    public static async Task<TrainingSnapshot> SnapshotAsync(SecOpsDxDbContext db, int staffId, CancellationToken ct)
    {
        var departments = new Dictionary<int, TrainingSnapshot.DepartmentInfo>();
        await foreach (var d in Departments(db).WithCancellation(ct)) departments[d.Id] = d;
        var people = new List<TrainingPerson>();
        if (await StaffOf(db, staffId) is { } s)
        {
            var moves = await ToListAsync(MovesOf(db, staffId), ct);
            var roles = s.UserId is null ? [] : (await ToListAsync(RolesOf(db, s.UserId), ct)).OfType<string>().ToList();
            people.Add(new TrainingPerson(s.Id, s.EmployeeNumber, s.FullName, s.Email, s.DepartmentId, s.HiredOn, s.RetiredOn, s.Category, roles, moves));
        }
        return new TrainingSnapshot
        {
            People = people,
            ById = people.ToDictionary(p => p.Id),
            Departments = departments,
            ParentOf = departments.Values.ToDictionary(d => d.Id, d => d.ParentId),
        };
    }

    /// <summary>One course with what is recorded about one person on it; null when there is no such course.</summary>
    public static async Task<CourseFacts?> CourseAsync(SecOpsDxDbContext db, int courseId, int staffId, CancellationToken ct)
    {
        if (await CourseWithQuestions(db, courseId) is not { } course) return null;
        var passed = await ToListAsync(PassedOf(db, courseId, staffId), ct);
        var exemptions = await ToListAsync(ExemptionsOf(db, courseId, staffId), ct);
        var named = await ToListAsync(NamedOf(db, courseId, staffId), ct);
        return CourseFacts.Of(course, passed.Select(r => (r.StaffMemberId, r.CompletedOn)), exemptions.Select(e => (e.StaffMemberId, e.Reason)), named);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }
}
