using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training;

/// <summary>How far the recipients of a drill went; each step counts those who reached it or beyond.</summary>
public sealed record DrillCounts(int Sent, int Opened, int Clicked, int Submitted, int Reported)
{
    public static readonly DrillCounts Zero = new(0, 0, 0, 0, 0);

    public double? Rate(int count) => Sent == 0 ? null : (double)count / Sent;

    public DrillCounts Add(DrillStep step, bool reported, int people = 1) => new(
        Sent + (step >= DrillStep.Sent ? people : 0), Opened + (step >= DrillStep.Opened ? people : 0), Clicked + (step >= DrillStep.Clicked ? people : 0),
        Submitted + (step >= DrillStep.Submitted ? people : 0), Reported + (reported ? people : 0));
}

public sealed record DrillRow(int Id, string Name, DateOnly HeldOn, DrillCounts Counts);

public sealed record DrillDepartmentRow(int? DepartmentId, string Name, DrillCounts Counts, DrillCounts? Previous);

public sealed record DrillPersonRow(int? StaffId, string? EmployeeNumber, string Name, string Email, string? DepartmentName, DrillStep Step, bool Reported);

public sealed record DrillReport(
    int Id, string Name, DateOnly HeldOn, DrillCounts Counts, DrillRow? Previous, IReadOnlyList<DrillDepartmentRow> Departments,
    Paged<DrillPersonRow> People, Paged<DrillPersonRow> Unknown);

/// <summary>Drill results per drill, department and person, compared with the drill held before.</summary>
public sealed class DrillQueries(IDbContextFactory<SecOpsDxDbContext> factory)
{
    /// <summary>Recipients listed per page: a prefecture's drill has a hundred thousand, which no browser should get at once.</summary>
    public const int PageSize = 200;

    public async Task<IReadOnlyList<DrillRow>> DrillsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var drills = await db.Drills.AsNoTracking().Select(d => new { d.Id, d.Name, d.HeldOn }).ToListAsync(ct);
        // Counted in the database, one row per drill, step and reported flag (read off the covering index), not per person:
        // a prefecture's drill has tens of thousands of recipients.
        var results = (await db.DrillResults.AsNoTracking().GroupBy(r => new { r.DrillId, r.Step, r.Reported })
            .Select(g => new { g.Key.DrillId, g.Key.Step, g.Key.Reported, People = g.Count() }).ToListAsync(ct)).ToLookup(r => r.DrillId);
        return drills.Select(d => new DrillRow(d.Id, d.Name, d.HeldOn, results[d.Id].Aggregate(DrillCounts.Zero, (c, r) => c.Add(r.Step, r.Reported, r.People))))
            .OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id).ToList();
    }

    /// <summary>
    /// The drill with its totals and departments counted over every recipient, and one page of the people on the roster
    /// (furthest step first) and of the addresses not on it.
    /// </summary>
    public async Task<DrillReport?> ReportAsync(int id, CancellationToken ct = default, int page = 1, int unknownPage = 1, int pageSize = PageSize)
    {
        var drills = await DrillsAsync(ct);
        var drill = drills.FirstOrDefault(d => d.Id == id);
        if (drill is null) return null;
        var previous = drills.Where(d => d.HeldOn < drill.HeldOn || (d.HeldOn == drill.HeldOn && d.Id < drill.Id))
            .OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id).FirstOrDefault();
        var previousId = previous?.Id ?? 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Code, d.Name), ct);
        var counted = await db.DrillResults.AsNoTracking().Where(r => (r.DrillId == id || r.DrillId == previousId) && r.DepartmentId != null)
            .GroupBy(r => new { r.DrillId, r.DepartmentId, r.Step, r.Reported })
            .Select(g => new { g.Key.DrillId, g.Key.DepartmentId, g.Key.Step, g.Key.Reported, People = g.Count() }).ToListAsync(ct);

        Dictionary<int, DrillCounts> PerDepartment(int drillId) => counted.Where(r => r.DrillId == drillId)
            .GroupBy(r => r.DepartmentId!.Value).ToDictionary(g => g.Key, g => g.Aggregate(DrillCounts.Zero, (c, r) => c.Add(r.Step, r.Reported, r.People)));
        var now = PerDepartment(id);
        var before = previous is null ? [] : PerDepartment(previous.Id);
        var deptRows = now.Select(kv => new DrillDepartmentRow(kv.Key, departments.TryGetValue(kv.Key, out var d) ? d.Name : "", kv.Value,
                previous is null ? null : before.GetValueOrDefault(kv.Key, DrillCounts.Zero)))
            .OrderBy(r => departments.TryGetValue(r.DepartmentId!.Value, out var d) ? d.Code : "", StringComparer.Ordinal).ToList();

        var (peoplePage, size) = Paged<DrillPersonRow>.Clamp(page, pageSize, 1000);
        var known = from r in db.DrillResults.AsNoTracking()
                    where r.DrillId == id && r.StaffMemberId != null
                    join s in db.Staff.AsNoTracking() on r.StaffMemberId equals (int?)s.Id
                    select new { r.Id, StaffId = s.Id, s.EmployeeNumber, s.FullName, r.Email, r.DepartmentId, r.Step, r.Reported };
        var knownTotal = await known.CountAsync(ct);
        var people = (await known.OrderByDescending(p => p.Step).ThenBy(p => p.EmployeeNumber).ThenBy(p => p.Id)
                .Skip((peoplePage - 1) * size).Take(size).ToListAsync(ct))
            .Select(p => new DrillPersonRow(p.StaffId, p.EmployeeNumber, p.FullName, p.Email,
                p.DepartmentId is { } did && departments.TryGetValue(did, out var d) ? d.Name : null, p.Step, p.Reported)).ToList();

        var strangers = db.DrillResults.AsNoTracking().Where(r => r.DrillId == id && r.StaffMemberId == null);
        var unknownTotal = await strangers.CountAsync(ct);
        var (strangerPage, _) = Paged<DrillPersonRow>.Clamp(unknownPage, pageSize, 1000);
        var unknown = (await strangers.OrderBy(r => r.Email.ToLower()).ThenBy(r => r.Id).Skip((strangerPage - 1) * size).Take(size)
                .Select(r => new { r.Email, r.Name, r.Step, r.Reported }).ToListAsync(ct))
            .Select(r => new DrillPersonRow(null, null, r.Name ?? "", r.Email, null, r.Step, r.Reported)).ToList();

        return new DrillReport(drill.Id, drill.Name, drill.HeldOn, drill.Counts, previous, deptRows,
            new Paged<DrillPersonRow>(people, knownTotal, peoplePage, size), new Paged<DrillPersonRow>(unknown, unknownTotal, strangerPage, size));
    }
}

/// <summary>
/// After a drill, in one step: a follow-up course (標的型攻撃メール訓練 kind) for everyone on the roster who clicked the
/// link or submitted data, named one by one so nobody else gets it.
/// </summary>
public sealed class AssignDrillFollowUp(TrainingWrites writes)
{
    /// <returns>The new course and how many people it was assigned to.</returns>
    public async Task<(int CourseId, int Assigned)> ExecuteAsync(int drillId, string? title, DateOnly? dueOn, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var name = errors.Text("title", title, TrainingLimits.Title, required: true);
        var today = writes.Today;
        var due = dueOn ?? today.AddDays(30);
        errors.SaneDate("dueOn", due, writes.Now);
        if (due < today) errors.Add("dueOn", ErrorCodes.DueBeforeOpening);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        if (!await db.Drills.AnyAsync(d => d.Id == drillId, ct)) throw new DomainException(ErrorCodes.DrillNotFound);
        var people = await db.DrillResults.Where(r => r.DrillId == drillId && r.StaffMemberId != null && r.Step >= DrillStep.Clicked)
            .Select(r => r.StaffMemberId!.Value).Distinct().ToListAsync(ct);
        if (people.Count == 0) throw new DomainException(ErrorCodes.NobodyToAssign);
        // The course and its people are saved together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = new TrainingCourse
        {
            FiscalYear = FiscalYear.Of(today).StartYear, Title = name!, Kind = TrainingKind.PhishingDrill, OpensOn = today, DueOn = due, NamedStaffOnly = true,
        };
        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(ct);
        db.TrainingAssignees.AddRange(people.Select(p => new TrainingAssignee
        {
            CourseId = course.Id, StaffMemberId = p, AssignedAt = writes.Now, Note = $"drill:{drillId.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (course.Id, people.Count);
    }
}
