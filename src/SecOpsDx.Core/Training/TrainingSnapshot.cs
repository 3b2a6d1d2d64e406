using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>The roster as the training rules need it, read once per query: people, their moves and roles, departments.</summary>
internal sealed class TrainingSnapshot
{
    public required IReadOnlyList<TrainingPerson> People { get; init; }
    public required IReadOnlyDictionary<int, TrainingPerson> ById { get; init; }
    public required IReadOnlyDictionary<int, DepartmentInfo> Departments { get; init; }
    public required IReadOnlyDictionary<int, int?> ParentOf { get; init; }

    public sealed record DepartmentInfo(int Id, string Code, string Name, int? ParentId);

    public string DepartmentName(int id) => Departments.TryGetValue(id, out var d) ? d.Name : "";

    /// <param name="onlyStaffId">One person only (their own task, a write about them): read through <see cref="OnePersonReads"/>.</param>
    public static async Task<TrainingSnapshot> LoadAsync(SecOpsDxDbContext db, CancellationToken ct, int? onlyStaffId = null)
    {
        if (onlyStaffId is { } only) return await OnePersonReads.SnapshotAsync(db, only, ct);
        var staff = await db.Staff.AsNoTracking()
            .Select(s => new { s.Id, s.EmployeeNumber, s.FullName, s.Email, s.DepartmentId, s.HiredOn, s.RetiredOn, s.Category, s.UserId })
            .ToListAsync(ct);
        var moves = (await db.StaffDepartmentMoves.AsNoTracking().ToListAsync(ct)).ToLookup(m => m.StaffMemberId);
        var userIds = staff.Where(s => s.UserId != null).Select(s => s.UserId!).ToHashSet();
        var roleRows = await db.UserRoles.AsNoTracking()
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var roles = roleRows.Where(r => userIds.Contains(r.UserId) && r.Name != null).ToLookup(r => r.UserId, r => r.Name!);
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new DepartmentInfo(d.Id, d.Code, d.Name, d.ParentId)).ToDictionaryAsync(d => d.Id, ct);

        var people = staff.Select(s => new TrainingPerson(s.Id, s.EmployeeNumber, s.FullName, s.Email, s.DepartmentId, s.HiredOn, s.RetiredOn,
            s.Category, s.UserId is null ? [] : roles[s.UserId].ToList(), moves[s.Id].ToList())).ToList();
        return new TrainingSnapshot
        {
            People = people,
            ById = people.ToDictionary(p => p.Id),
            Departments = departments,
            ParentOf = departments.Values.ToDictionary(d => d.Id, d => d.ParentId),
        };
    }
}

/// <summary>One course's audience, completions and exemptions, read once and then asked about anyone.</summary>
internal sealed class CourseFacts
{
    public required TrainingCourse Course { get; init; }
    public required CourseAudience Audience { get; init; }

    /// <summary>Staff id → the day of their first passed record.</summary>
    public required IReadOnlyDictionary<int, DateOnly> CompletedOn { get; init; }

    /// <summary>Staff id → reason, for exemptions in force.</summary>
    public required IReadOnlyDictionary<int, string> Exempt { get; init; }

    public TrainingStatus StatusOf(TrainingPerson person, DateOnly day) => StatusOf(person, TrainingDay.On(day));

    /// <summary>Completed by the as-of day, else exempt, else overdue when the due date has passed on the judging day (<see cref="TrainingDay"/>).</summary>
    public TrainingStatus StatusOf(TrainingPerson person, TrainingDay day)
    {
        if (CompletedOn.TryGetValue(person.Id, out var on) && on <= day.AsOf) return TrainingStatus.Completed;
        if (Exempt.ContainsKey(person.Id)) return TrainingStatus.Exempt;
        return day.IsOverdue(TrainingAudience.DueFor(Audience, person)) ? TrainingStatus.Overdue : TrainingStatus.Pending;
    }

    public static async Task<List<CourseFacts>> LoadAsync(SecOpsDxDbContext db, IQueryable<TrainingCourse> courses, CancellationToken ct, int? onlyStaffId = null)
    {
        var list = await courses.AsNoTracking().Include(c => c.Questions).ToListAsync(ct);
        var ids = list.Select(c => c.Id).ToList();
        // A withdrawn paper record no longer counts: the person stands as they would without it.
        var records = db.TrainingRecords.AsNoTracking()
            .Where(r => ids.Contains(r.CourseId) && r.Passed && !db.TrainingRecordWithdrawals.Any(w => w.RecordId == r.Id));
        var exemptions = db.TrainingExemptions.AsNoTracking().Where(e => ids.Contains(e.CourseId) && !e.Withdrawn);
        var named = db.TrainingAssignees.AsNoTracking().Where(a => ids.Contains(a.CourseId));
        if (onlyStaffId is { } only)
        {
            records = records.Where(r => r.StaffMemberId == only);
            exemptions = exemptions.Where(e => e.StaffMemberId == only);
            named = named.Where(a => a.StaffMemberId == only);
        }
        var passed = (await records.Select(r => new { r.CourseId, r.StaffMemberId, r.CompletedOn }).ToListAsync(ct)).ToLookup(r => r.CourseId);
        var exempt = (await exemptions.Select(e => new { e.CourseId, e.StaffMemberId, e.Reason }).ToListAsync(ct)).ToLookup(e => e.CourseId);
        var names = (await named.Select(a => new { a.CourseId, a.StaffMemberId }).ToListAsync(ct)).ToLookup(a => a.CourseId, a => a.StaffMemberId);
        return list.Select(c => Of(c, passed[c.Id].Select(r => (r.StaffMemberId, r.CompletedOn)),
            exempt[c.Id].Select(e => (e.StaffMemberId, e.Reason)), names[c.Id])).ToList();
    }

    /// <summary>A course's facts from its passed records (the first one of a person counts), exemptions in force and named staff.</summary>
    public static CourseFacts Of(TrainingCourse course, IEnumerable<(int StaffId, DateOnly On)> passed,
        IEnumerable<(int StaffId, string Reason)> exemptions, IEnumerable<int> named)
    {
        var completed = new Dictionary<int, DateOnly>();
        foreach (var (staffId, on) in passed)
            if (!completed.TryGetValue(staffId, out var first) || on < first) completed[staffId] = on;
        var exempt = new Dictionary<int, string>();
        foreach (var (staffId, reason) in exemptions) exempt[staffId] = reason;
        return new CourseFacts { Course = course, Audience = CourseAudience.Of(course, named), CompletedOn = completed, Exempt = exempt };
    }
}
