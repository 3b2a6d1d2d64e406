using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Separation;

namespace SecOpsDx.Core.Training;

/// <summary>
/// How far the recipients of a drill went; each step counts those who reached it or beyond. <see cref="Reported"/>
/// counts each recipient who reported once, whether through the drill tool's button or by hand to a manager;
/// <see cref="ReportedByHand"/> is the part of it recorded by hand.
/// </summary>
public sealed record DrillCounts(int Sent, int Opened, int Clicked, int Submitted, int Reported, int ReportedByHand = 0)
{
    public static readonly DrillCounts Zero = new(0, 0, 0, 0, 0);

    public double? Rate(int count) => Sent == 0 ? null : (double)count / Sent;

    /// <param name="byHand">The report reached a manager and was recorded by hand (counted only when not reported by the button).</param>
    public DrillCounts Add(DrillStep step, bool reported, int people = 1, bool byHand = false) => new(
        Sent + (step >= DrillStep.Sent ? people : 0), Opened + (step >= DrillStep.Opened ? people : 0), Clicked + (step >= DrillStep.Clicked ? people : 0),
        Submitted + (step >= DrillStep.Submitted ? people : 0), Reported + (reported || byHand ? people : 0), ReportedByHand + (!reported && byHand ? people : 0));

    public DrillCounts Plus(DrillCounts o) => new(Sent + o.Sent, Opened + o.Opened, Clicked + o.Clicked, Submitted + o.Submitted,
        Reported + o.Reported, ReportedByHand + o.ReportedByHand);

    /// <summary>Adds reports recorded by hand for recipients the drill tool did not count as reporting.</summary>
    public DrillCounts WithHandReports(int people) => this with { Reported = Reported + people, ReportedByHand = ReportedByHand + people };
}

public sealed record DrillRow(int Id, string Name, DateOnly HeldOn, DrillCounts Counts);

public sealed record DrillDepartmentRow(int? DepartmentId, string Name, DrillCounts Counts, DrillCounts? Previous);

/// <summary>A report recorded by hand: when it reached the manager, who recorded it and how it came.</summary>
public sealed record DrillHandReport(DateOnly ReceivedOn, string RecordedByName, DateTimeOffset RecordedAt, string? Note);

public sealed record DrillPersonRow(
    int? StaffId, string? EmployeeNumber, string Name, string Email, string? DepartmentName, DrillStep Step, bool Reported, DrillHandReport? ByHand = null)
{
    /// <summary>Reported through the button or by hand.</summary>
    public bool HasReported => Reported || ByHand is not null;
}

public sealed record DrillReport(
    int Id, string Name, DateOnly HeldOn, DrillCounts Counts, DrillRow? Previous, IReadOnlyList<DrillDepartmentRow> Departments,
    Paged<DrillPersonRow> People, Paged<DrillPersonRow> Unknown, DrillMeasures Measures);

/// <summary>
/// One drill as a department sees it: its recipients from the department (and its 課), their figures, and whether the
/// viewer may record reports that reached them by hand. <see cref="DepartmentId"/> is null when the CISO office has
/// not chosen a department yet (no people are listed then).
/// </summary>
public sealed record DepartmentDrillView(
    IReadOnlyList<DrillRow> Drills, DrillRow? Drill, int? DepartmentId, string? DepartmentName, bool SeesAllDepartments, bool MayRecord,
    DrillCounts Counts, IReadOnlyList<DrillPersonRow> People, DrillMeasures Measures);

/// <summary>Drill results per drill, department and person, compared with the drill held before.</summary>
public sealed class DrillQueries(IDbContextFactory<SecOpsDxDbContext> factory, ControlCatalogue catalogue, ICurrentActor actor)
{
    /// <summary>What the figures can tell under the municipality's model (the one chosen on the controls' settings, else the catalogue's default).</summary>
    public async Task<DrillMeasures> MeasuresAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await MeasuresAsync(db, ct);
    }

    private async Task<DrillMeasures> MeasuresAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        DrillMeasures.For(await db.SeparationSettings.AsNoTracking().Select(s => s.Model).FirstOrDefaultAsync(ct) ?? catalogue.DefaultModel);

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
        // Reports recorded by hand are few; those of recipients the button did not count are added once each.
        var byHand = (await (from m in db.DrillManualReports.AsNoTracking()
                             join r in db.DrillResults.AsNoTracking() on m.DrillResultId equals r.Id
                             where !r.Reported
                             group m by m.DrillId into g
                             select new { DrillId = g.Key, People = g.Count() }).ToListAsync(ct)).ToDictionary(h => h.DrillId, h => h.People);
        return drills.Select(d => new DrillRow(d.Id, d.Name, d.HeldOn,
                results[d.Id].Aggregate(DrillCounts.Zero, (c, r) => c.Add(r.Step, r.Reported, r.People)).WithHandReports(byHand.GetValueOrDefault(d.Id))))
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
        await using var db = await factory.CreateDbContextAsync(ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => (d.Code, d.Name), ct);
        var staff = await StaffAsync(db, ct);
        var rows = await db.DrillResults.AsNoTracking().Where(r => r.DrillId == id || (previous != null && r.DrillId == previous.Id)).ToListAsync(ct);
        var hand = await HandReportsAsync(db, id, previous?.Id, ct);

        Dictionary<int, DrillCounts> PerDepartment(int drillId) => rows.Where(r => r.DrillId == drillId && r.DepartmentId != null)
            .GroupBy(r => r.DepartmentId!.Value)
            .ToDictionary(g => g.Key, g => g.Aggregate(DrillCounts.Zero, (c, r) => c.Add(r.Step, r.Reported, byHand: hand.ContainsKey(r.Id))));
        var now = PerDepartment(id);
        var before = previous is null ? [] : PerDepartment(previous.Id);
        var deptRows = now.Select(kv => new DrillDepartmentRow(kv.Key, departments.TryGetValue(kv.Key, out var d) ? d.Name : "", kv.Value,
                previous is null ? null : before.GetValueOrDefault(kv.Key, DrillCounts.Zero)))
            .OrderBy(r => departments.TryGetValue(r.DepartmentId!.Value, out var d) ? d.Code : "", StringComparer.Ordinal).ToList();

        DrillPersonRow Person(DrillResult r) => PersonOf(r, staff, departments, hand);
        var mine = rows.Where(r => r.DrillId == id).ToList();
        // Every recipient is counted above; the page shows one page of each list (200 by default).
        var (peoplePage, size) = Paged<DrillPersonRow>.Clamp(page, pageSize, 1000);
        var (strangerPage, _) = Paged<DrillPersonRow>.Clamp(unknownPage, pageSize, 1000);
        static Paged<DrillPersonRow> PageOf(IEnumerable<DrillPersonRow> ordered, int total, int number, int size) =>
            new(ordered.Skip((number - 1) * size).Take(size).ToList(), total, number, size);
        var known = mine.Where(r => r.StaffMemberId != null).ToList();
        var strangers = mine.Where(r => r.StaffMemberId == null).ToList();
        return new DrillReport(drill.Id, drill.Name, drill.HeldOn, drill.Counts, previous, deptRows,
            PageOf(known.Select(Person).OrderByDescending(p => p.Step).ThenBy(p => p.EmployeeNumber, StringComparer.Ordinal), known.Count, peoplePage, size),
            PageOf(strangers.Select(Person).OrderBy(p => p.Email, StringComparer.OrdinalIgnoreCase), strangers.Count, strangerPage, size),
            await MeasuresAsync(db, ct));
    }

    /// <summary>
    /// A drill (the latest when none is named) for one department: a manager's own (with its 課 when they manage a 部),
    /// whatever they ask for; the CISO office's choice. Who sees what is decided here from the acting person.
    /// </summary>
    public async Task<DepartmentDrillView?> DepartmentAsync(int? drillId, int? departmentId, CancellationToken ct = default)
    {
        var drills = await DrillsAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await DrillActor.ResolveAsync(db, await actor.GetActorAsync(), ct);
        if (!who.MayRecord) return null;
        var measures = await MeasuresAsync(db, ct);
        var scope = who.Office ? departmentId : who.DepartmentId;
        var drill = drillId is { } asked ? drills.FirstOrDefault(d => d.Id == asked) : drills.FirstOrDefault();
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Code, d.Name, d.ParentId }).ToListAsync(ct);
        var scopeName = departments.FirstOrDefault(d => d.Id == scope)?.Name;
        if (drill is null || scope is not { } root || scopeName is null)
            return new DepartmentDrillView(drills, drill, scope, scopeName, who.Office, who.MayRecord, DrillCounts.Zero, [], measures);

        var inScope = departments.Where(d => d.Id == root || d.ParentId == root).Select(d => d.Id).ToList();
        var rows = await db.DrillResults.AsNoTracking()
            .Where(r => r.DrillId == drill.Id && r.DepartmentId != null && inScope.Contains(r.DepartmentId.Value)).ToListAsync(ct);
        var hand = await HandReportsAsync(db, drill.Id, null, ct);
        var staff = await StaffAsync(db, ct);
        var names = departments.ToDictionary(d => d.Id, d => (d.Code, d.Name));
        var people = rows.Select(r => PersonOf(r, staff, names, hand))
            .OrderBy(p => p.EmployeeNumber, StringComparer.Ordinal).ToList();
        var counts = rows.Aggregate(DrillCounts.Zero, (c, r) => c.Add(r.Step, r.Reported, byHand: hand.ContainsKey(r.Id)));
        return new DepartmentDrillView(drills, drill, root, scopeName, who.Office, who.MayRecord, counts, people, measures);
    }

    private static async Task<Dictionary<int, (string EmployeeNumber, string FullName)>> StaffAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        await db.Staff.AsNoTracking().Select(s => new { s.Id, s.EmployeeNumber, s.FullName }).ToDictionaryAsync(s => s.Id, s => (s.EmployeeNumber, s.FullName), ct);

    private static async Task<Dictionary<long, DrillHandReport>> HandReportsAsync(SecOpsDxDbContext db, int drillId, int? previousId, CancellationToken ct) =>
        await db.DrillManualReports.AsNoTracking().Where(m => m.DrillId == drillId || (previousId != null && m.DrillId == previousId))
            .ToDictionaryAsync(m => m.DrillResultId, m => new DrillHandReport(m.ReceivedOn, m.RecordedByName, m.RecordedAt, m.Note), ct);

    private static DrillPersonRow PersonOf(DrillResult r, Dictionary<int, (string EmployeeNumber, string FullName)> staff,
        IReadOnlyDictionary<int, (string Code, string Name)> departments, Dictionary<long, DrillHandReport> hand)
    {
        var byHand = hand.GetValueOrDefault(r.Id);
        return r.StaffMemberId is { } sid && staff.TryGetValue(sid, out var s)
            ? new DrillPersonRow(sid, s.EmployeeNumber, s.FullName, r.Email,
                r.DepartmentId is { } did && departments.TryGetValue(did, out var d) ? d.Name : null, r.Step, r.Reported, byHand)
            : new DrillPersonRow(null, null, r.Name ?? "", r.Email, null, r.Step, r.Reported, byHand);
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
