using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>
/// Reads of training, shaped for the pages and for the reminders: a person's tasks and history, a course's list
/// per department, rates overall and per department as of a day, the overdue list and the trend over 年度.
/// </summary>
/// <param name="ended">Figures of the 年度 that have ended, kept while the database is unchanged (none kept when null).</param>
public sealed class TrainingQueries(IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time, EndedYearFigures? ended = null)
{
    public DateOnly Today => JapanTime.Today(time);

    /// <summary>The staff member behind a sign-in account and their department, or null when the account has none.</summary>
    public async Task<StaffOfAccount?> StaffOfAsync(string? userId, CancellationToken ct = default)
    {
        if (userId is null) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Staff.AsNoTracking().Where(s => s.UserId == userId)
            .Select(s => new StaffOfAccount(s.Id, s.DepartmentId, s.Department!.Name)).SingleOrDefaultAsync(ct);
    }

    /// <summary>What the person must do in the current 年度, soonest due first, done ones last.</summary>
    public async Task<MyTrainingTasks> MyTasksAsync(int staffId, CancellationToken ct = default)
    {
        var today = Today;
        var year = FiscalYear.Of(today);
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct, staffId);
        if (!snapshot.ById.TryGetValue(staffId, out var person)) return new MyTrainingTasks(year, []);
        var facts = await CourseFacts.LoadAsync(db, Running(db).Where(c => c.FiscalYear == year.StartYear && c.OpensOn <= today), ct, staffId);
        var attempts = await db.TrainingRecords.AsNoTracking().Where(r => r.StaffMemberId == staffId)
            .GroupBy(r => r.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var tasks = facts
            .Where(f => TrainingAudience.IsAssigned(f.Audience, person, today, snapshot.ParentOf))
            .Select(f => new MyTrainingTask(f.Course.Id, f.Course.Title, f.Course.Kind, TrainingAudience.DueFor(f.Audience, person),
                f.StatusOf(person, today), f.CompletedOn.TryGetValue(staffId, out var on) ? on : null, f.Course.HasQuiz, f.Course.MaterialUrl,
                attempts.GetValueOrDefault(f.Course.Id)))
            .OrderBy(t => t.Status is TrainingStatus.Completed or TrainingStatus.Exempt).ThenBy(t => t.DueOn).ThenBy(t => t.Title, StringComparer.Ordinal)
            .ToList();
        return new MyTrainingTasks(year, tasks);
    }

    /// <summary>Every record of the person, newest 年度 first.</summary>
    public async Task<IReadOnlyList<MyTrainingRecord>> MyHistoryAsync(int staffId, CancellationToken ct = default) => await HistoryAsync(staffId, null, ct);

    private async Task<IReadOnlyList<MyTrainingRecord>> HistoryAsync(int staffId, int? courseId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await HistoryAsync(db, staffId, courseId, ct);
    }

    internal static async Task<IReadOnlyList<MyTrainingRecord>> HistoryAsync(SecOpsDxDbContext db, int staffId, int? courseId, CancellationToken ct)
    {
        var rows = await db.TrainingRecords.AsNoTracking().Where(r => r.StaffMemberId == staffId && (courseId == null || r.CourseId == courseId))
            .Join(db.TrainingCourses, r => r.CourseId, c => c.Id, (r, c) => new
            {
                r, c.FiscalYear, c.Title, c.Kind, Retired = c.RetiredAt != null,
                Withdrawn = db.TrainingRecordWithdrawals.Any(w => w.RecordId == r.Id),
            })
            .ToListAsync(ct);
        return rows.Select(x => new MyTrainingRecord(new FiscalYear(x.FiscalYear), x.r.CourseId, x.Title, x.Kind, x.r.CompletedOn, x.r.Method, x.r.Score, x.r.Passed, x.r.Attempt,
                x.Withdrawn, x.Retired))
            .OrderByDescending(r => r.Year.StartYear).ThenBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.Attempt).ToList();
    }

    /// <summary>A course as the person would confirm it; null when there is no such course (or it has not opened).</summary>
    public async Task<TrainingToConfirm?> ToConfirmAsync(int staffId, int courseId, CancellationToken ct = default)
    {
        var today = Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        // One connection for the page's dozen small reads: thousands post this form in the last week of March, and
        // taking a pooled connection per read made them queue on the pool's lock.
        await db.Database.OpenConnectionAsync(ct);
        var facts = await OnePersonReads.CourseAsync(db, courseId, staffId, ct);
        if (facts is null || facts.Course.OpensOn > today || facts.Course.IsRetired) return null;
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct, staffId);
        return ToConfirmView(facts, snapshot, staffId, today, await HistoryAsync(db, staffId, courseId, ct));
    }

    /// <summary>The confirmation page of one course for one person, from what was read about them.</summary>
    internal static TrainingToConfirm ToConfirmView(CourseFacts facts, TrainingSnapshot snapshot, int staffId, DateOnly today, IReadOnlyList<MyTrainingRecord> history)
    {
        var person = snapshot.ById.GetValueOrDefault(staffId);
        var assigned = person is not null && TrainingAudience.IsAssigned(facts.Audience, person, today, snapshot.ParentOf);
        var c = facts.Course;
        return new TrainingToConfirm(c.Id, new FiscalYear(c.FiscalYear), c.Title, c.Kind, c.MaterialUrl, c.OpensOn,
            person is null ? c.DueOn : TrainingAudience.DueFor(facts.Audience, person),
            c.HasQuiz ? c.PassMark : null,
            c.HasQuiz ? c.Questions.OrderBy(q => q.Order).Select(q => new QuizQuestion(q.Order, q.Text, q.ChoiceList)).ToList() : [],
            assigned, person is null ? TrainingStatus.Pending : facts.StatusOf(person, today),
            facts.CompletedOn.TryGetValue(staffId, out var on) ? on : null, history);
    }

    /// <summary>
    /// Who is assigned one course on a day and where each stands, optionally for one department (a 部 takes its 課),
    /// counting each person in the department they belonged to that day.
    /// </summary>
    public async Task<CourseStatusView?> CourseStatusAsync(int courseId, int? departmentId, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = (await CourseFacts.LoadAsync(db, db.TrainingCourses.Where(c => c.Id == courseId), ct)).SingleOrDefault();
        if (facts is null) return null;
        var judged = asOf is { } explicitDay ? TrainingDay.On(explicitDay) : DefaultDayFor(new FiscalYear(facts.Course.FiscalYear));
        var day = judged.AsOf;
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var methods = await db.TrainingRecords.AsNoTracking()
            .Where(r => r.CourseId == courseId && r.Passed && !db.TrainingRecordWithdrawals.Any(w => w.RecordId == r.Id))
            .Select(r => new { r.StaffMemberId, r.Method, r.Id }).ToListAsync(ct);
        var firstOf = methods.GroupBy(m => m.StaffMemberId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Id).First());
        var withdrawn = await db.TrainingRecordWithdrawals.AsNoTracking().Where(w => w.Record!.CourseId == courseId)
            .Select(w => new { w.Record!.StaffMemberId, w.Record.CompletedOn, w.Record.RecordedByName, w.WithdrawnAt, w.WithdrawnByName, w.Reason })
            .ToListAsync(ct);
        var rows = new List<CourseStaffRow>();
        var rate = TrainingRate.Zero;
        foreach (var p in snapshot.People)
        {
            if (!TrainingAudience.IsAssigned(facts.Audience, p, day, snapshot.ParentOf)) continue;
            var dept = p.DepartmentOn(day);
            if (departmentId is { } wanted && dept != wanted && snapshot.ParentOf.GetValueOrDefault(dept) != wanted) continue;
            var status = facts.StatusOf(p, judged);
            rate = rate.Plus(Count(status));
            rows.Add(new CourseStaffRow(p.Id, p.EmployeeNumber, p.FullName, dept, snapshot.DepartmentName(dept), status,
                TrainingAudience.DueFor(facts.Audience, p), status == TrainingStatus.Completed ? facts.CompletedOn[p.Id] : null,
                status == TrainingStatus.Completed ? firstOf.GetValueOrDefault(p.Id)?.Method : null, facts.Exempt.GetValueOrDefault(p.Id),
                status == TrainingStatus.Completed ? firstOf.GetValueOrDefault(p.Id)?.Id : null));
        }
        rows = rows.OrderBy(r => StatusOrder(r.Status)).ThenBy(r => r.DueOn).ThenBy(r => r.EmployeeNumber, StringComparer.Ordinal).ToList();
        // Withdrawn paper records of the people in view (a manager sees their own department's only).
        var withdrawnRows = withdrawn
            .Where(w => snapshot.ById.TryGetValue(w.StaffMemberId, out var p)
                && (departmentId is not { } only || p.DepartmentOn(day) == only || snapshot.ParentOf.GetValueOrDefault(p.DepartmentOn(day)) == only))
            .Select(w => new WithdrawnRecordRow(w.StaffMemberId, snapshot.ById[w.StaffMemberId].EmployeeNumber, snapshot.ById[w.StaffMemberId].FullName,
                w.CompletedOn, w.RecordedByName, w.WithdrawnAt, w.WithdrawnByName, w.Reason))
            .OrderByDescending(w => w.WithdrawnAt).ToList();
        return new CourseStatusView(courseId, facts.Course.Title, new FiscalYear(facts.Course.FiscalYear), day, departmentId,
            departmentId is { } d2 ? snapshot.DepartmentName(d2) : null, rate, rows, withdrawnRows, facts.Course.IsRetired);
    }

    /// <summary>
    /// The rate of every course of a 年度 and per department (each person where they were that day), as of a day.
    /// Counted in the database (<see cref="TrainingRateCounts"/>): the same figures as the in-memory overview of
    /// <see cref="DashboardAsync"/>, without reading every person and record.
    /// </summary>
    public async Task<TrainingOverview> OverviewAsync(FiscalYear year, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var courses = await Running(db).AsNoTracking().Include(c => c.Questions).Where(c => c.FiscalYear == year.StartYear).ToListAsync(ct);
        var departments = await DepartmentsAsync(db, ct);
        return await CountedOverviewAsync(db, departments, courses, year, asOf is { } day ? TrainingDay.On(day) : DefaultDayFor(year), ct);
    }

    /// <summary>
    /// The overview of every 年度 that has courses, oldest first, each as of its last day (or today for the current one),
    /// counted in the database: the CISO's figures and trend in one call.
    /// </summary>
    public async Task<IReadOnlyList<TrainingOverview>> OverviewsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Read before anything else, so that figures kept under it can only be older than it says (see EndedYearFigures).
        var today = Today;
        var version = ended is null ? 0 : await ended.VersionAsync(db, FiscalYear.Of(today).StartYear, ct);
        var courses = (await Running(db).AsNoTracking().Include(c => c.Questions).ToListAsync(ct)).ToLookup(c => c.FiscalYear);
        var departments = await DepartmentsAsync(db, ct);
        // The 年度 not kept are counted side by side, each on its own connection (SQLite reads complete synchronously,
        // hence Task.Run): after a change, five 年度 at 50,000 staff take about what the two slowest do.
        var counts = courses.OrderBy(g => g.Key).Select(group =>
        {
            var year = new FiscalYear(group.Key);
            var over = year.LastDay < today;
            // Kept figures are judged on the day they were counted: a due date N days after hiring can pass after the 年度 ends.
            if (over && ended?.Find(group.Key, version) is { } kept && kept.JudgedOn == today) return Task.FromResult(kept);
            return Task.Run(async () =>
            {
                await using var yearDb = await factory.CreateDbContextAsync(ct);
                var overview = await CountedOverviewAsync(yearDb, departments, group.ToList(), year, DefaultDayFor(year), ct);
                if (over) ended?.Keep(group.Key, version, overview);
                return overview;
            }, ct);
        }).ToList();
        return await Task.WhenAll(counts);
    }

    private static Task<Dictionary<int, TrainingSnapshot.DepartmentInfo>> DepartmentsAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        db.Departments.AsNoTracking().Select(d => new TrainingSnapshot.DepartmentInfo(d.Id, d.Code, d.Name, d.ParentId)).ToDictionaryAsync(d => d.Id, ct);

    private static async Task<TrainingOverview> CountedOverviewAsync(SecOpsDxDbContext db, IReadOnlyDictionary<int, TrainingSnapshot.DepartmentInfo> departments,
        IReadOnlyList<TrainingCourse> courses, FiscalYear year, TrainingDay day, CancellationToken ct)
    {
        var counts = await TrainingRateCounts.CountAsync(db, courses, day, ct);
        var perDepartment = new Dictionary<int, TrainingRate>();
        var rows = new List<CourseRateRow>(courses.Count);
        var overall = TrainingRate.Zero;
        foreach (var c in courses.OrderBy(c => c.OpensOn).ThenBy(c => c.Title, StringComparer.Ordinal))
        {
            var rate = TrainingRate.Zero;
            if (counts.TryGetValue(c.Id, out var byDepartment))
                foreach (var (dept, one) in byDepartment)
                {
                    rate = rate.Plus(one);
                    perDepartment[dept] = perDepartment.GetValueOrDefault(dept, TrainingRate.Zero).Plus(one);
                }
            overall = overall.Plus(rate);
            rows.Add(new CourseRateRow(c.Id, c.Title, c.Kind, c.OpensOn, c.DueOn, c.HasQuiz, rate, c.Version));
        }
        return new TrainingOverview(year, day.AsOf, overall, rows, DepartmentRows(perDepartment, departments), day.JudgedOn);
    }

    private static List<DepartmentRateRow> DepartmentRows(Dictionary<int, TrainingRate> perDepartment, IReadOnlyDictionary<int, TrainingSnapshot.DepartmentInfo> departments) =>
        perDepartment
            .Select(kv => departments.TryGetValue(kv.Key, out var d)
                ? new DepartmentRateRow(d.Id, d.Code, d.Name, kv.Value)
                : new DepartmentRateRow(kv.Key, "", "", kv.Value))
            .OrderBy(d => d.Code, StringComparer.Ordinal).ToList();

    private static TrainingOverview Overview(TrainingSnapshot snapshot, IReadOnlyList<CourseFacts> facts, FiscalYear year, TrainingDay judged)
    {
        var perDepartment = new Dictionary<int, TrainingRate>();
        var courses = new List<CourseRateRow>(facts.Count);
        var overall = TrainingRate.Zero;
        var day = judged.AsOf;
        foreach (var f in facts.OrderBy(f => f.Course.OpensOn).ThenBy(f => f.Course.Title, StringComparer.Ordinal))
        {
            var rate = TrainingRate.Zero;
            if (f.Course.OpensOn <= day)
            {
                foreach (var p in snapshot.People)
                {
                    if (!TrainingAudience.IsAssigned(f.Audience, p, day, snapshot.ParentOf)) continue;
                    var one = Count(f.StatusOf(p, judged));
                    rate = rate.Plus(one);
                    var dept = p.DepartmentOn(day);
                    perDepartment[dept] = perDepartment.GetValueOrDefault(dept, TrainingRate.Zero).Plus(one);
                }
            }
            overall = overall.Plus(rate);
            courses.Add(new CourseRateRow(f.Course.Id, f.Course.Title, f.Course.Kind, f.Course.OpensOn, f.Course.DueOn, f.Course.HasQuiz, rate, f.Course.Version));
        }
        return new TrainingOverview(year, day, overall, courses, DepartmentRows(perDepartment, snapshot.Departments), judged.JudgedOn);
    }

    /// <summary>
    /// Everything the CISO's overview shows, from one read of the roster and the records: the 年度's rates, the
    /// overdue list (a finished 年度's too: its non-completers are overdue once their due date has passed) and the trend.
    /// </summary>
    public async Task<TrainingDashboard> DashboardAsync(FiscalYear year, CancellationToken ct = default)
    {
        var today = Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var facts = (await CourseFacts.LoadAsync(db, Running(db), ct)).ToLookup(f => f.Course.FiscalYear);
        var day = DefaultDayFor(year);
        var overview = Overview(snapshot, facts[year.StartYear].ToList(), year, day);
        var trend = facts.OrderBy(g => g.Key).Select(g => new FiscalYear(g.Key))
            .Select(y => y == year ? new TrendPoint(y, overview.Overall) : new TrendPoint(y, Overview(snapshot, facts[y.StartYear].ToList(), y, DefaultDayFor(y)).Overall))
            .ToList();
        var overdue = Overdue(snapshot, facts[year.StartYear].Where(f => f.Course.OpensOn <= day.AsOf), day, null);
        var years = facts.Select(g => g.Key).Append(FiscalYear.Of(today).StartYear).Distinct().OrderDescending().Select(y => new FiscalYear(y)).ToList();
        var retired = await db.TrainingCourses.AsNoTracking().Where(c => c.FiscalYear == year.StartYear && c.RetiredAt != null)
            .Select(c => new { c.Id, c.Title, c.Kind, c.RetiredAt, c.RetiredReason, c.RetiredByName }).ToListAsync(ct);
        var retiredRows = retired.Select(c => new RetiredCourseRow(c.Id, c.Title, c.Kind, JapanTime.DateOf(c.RetiredAt!.Value), c.RetiredReason ?? "", c.RetiredByName ?? ""))
            .OrderByDescending(c => c.RetiredOn).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
        return new TrainingDashboard(overview, overdue, trend, years, retiredRows);
    }

    /// <summary>Everyone past their due date and not done, on a day, for the courses of its 年度 (or one department).</summary>
    public Task<IReadOnlyList<OverdueRow>> OverdueAsync(DateOnly? asOf = null, int? departmentId = null, CancellationToken ct = default)
    {
        var day = asOf ?? Today;
        return OverdueAsync(FiscalYear.Of(day), TrainingDay.On(day), departmentId, ct);
    }

    /// <summary>
    /// Everyone past their due date and not done on a 年度's courses as the 年度 is shown today (a finished one as of its
    /// last day, judged today: see <see cref="TrainingDay"/>), or one department's.
    /// </summary>
    public Task<IReadOnlyList<OverdueRow>> OverdueAsync(FiscalYear year, int? departmentId = null, CancellationToken ct = default) =>
        OverdueAsync(year, DefaultDayFor(year), departmentId, ct);

    private async Task<IReadOnlyList<OverdueRow>> OverdueAsync(FiscalYear year, TrainingDay day, int? departmentId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var facts = await CourseFacts.LoadAsync(db, Running(db).Where(c => c.FiscalYear == year.StartYear && c.OpensOn <= day.AsOf), ct);
        return Overdue(snapshot, facts, day, departmentId);
    }

    /// <summary>
    /// Everyone with a course of the day's 年度 still to do, whether its due date has passed or not (for the reminders:
    /// due soon and overdue alike). Completed and exempt assignments are left out.
    /// </summary>
    public async Task<IReadOnlyList<OverdueRow>> OutstandingAsync(DateOnly day, CancellationToken ct = default)
    {
        var year = FiscalYear.Of(day);
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var facts = await CourseFacts.LoadAsync(db, Running(db).Where(c => c.FiscalYear == year.StartYear && c.OpensOn <= day), ct);
        return Overdue(snapshot, facts, TrainingDay.On(day), null, includePending: true);
    }

    private static List<OverdueRow> Overdue(TrainingSnapshot snapshot, IEnumerable<CourseFacts> facts, TrainingDay judged, int? departmentId, bool includePending = false)
    {
        var day = judged.AsOf;
        var rows = new List<OverdueRow>();
        foreach (var f in facts)
            foreach (var p in snapshot.People)
            {
                if (!TrainingAudience.IsAssigned(f.Audience, p, day, snapshot.ParentOf)) continue;
                var status = f.StatusOf(p, judged);
                if (status != TrainingStatus.Overdue && !(includePending && status == TrainingStatus.Pending)) continue;
                var dept = p.DepartmentOn(day);
                if (departmentId is { } wanted && dept != wanted && snapshot.ParentOf.GetValueOrDefault(dept) != wanted) continue;
                rows.Add(new OverdueRow(p.Id, p.EmployeeNumber, p.FullName, p.Email, dept, snapshot.DepartmentName(dept),
                    f.Course.Id, f.Course.Title, TrainingAudience.DueFor(f.Audience, p)));
            }
        return rows.OrderBy(r => r.DueOn).ThenBy(r => r.EmployeeNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>The overall rate of each 年度 that has courses, oldest first, each as of its last day (or today).</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var facts = (await CourseFacts.LoadAsync(db, Running(db), ct)).ToLookup(f => f.Course.FiscalYear);
        return facts.OrderBy(g => g.Key)
            .Select(g => new FiscalYear(g.Key))
            .Select(y => new TrendPoint(y, Overview(snapshot, facts[y.StartYear].ToList(), y, DefaultDayFor(y)).Overall))
            .ToList();
    }

    /// <summary>The 年度 that have courses, and the current one.</summary>
    public async Task<IReadOnlyList<FiscalYear>> YearsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var years = await db.TrainingCourses.AsNoTracking().Select(c => c.FiscalYear).Distinct().ToListAsync(ct);
        years.Add(FiscalYear.Of(Today).StartYear);
        return years.Distinct().OrderDescending().Select(y => new FiscalYear(y)).ToList();
    }

    public async Task<CourseDetail?> CourseAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.TrainingCourses.AsNoTracking().Include(c => c.Questions).SingleOrDefaultAsync(c => c.Id == id, ct);
        return c is null ? null : new CourseDetail(c.Id, new FiscalYear(c.FiscalYear), c.Title, c.Kind, c.MaterialUrl, c.OpensOn, c.DueOn,
            c.DueDaysAfterHire, c.NamedStaffOnly, c.DepartmentIds, c.RoleNames, c.AudienceCategories, c.AudienceHiredOnOrAfter, c.PassMark,
            QuizText.Format(c.Questions.OrderBy(q => q.Order).ToList()), c.Version,
            c.RetiredAt is { } at ? new CourseRetirement(JapanTime.DateOf(at), c.RetiredReason ?? "", c.RetiredByName ?? "") : null);
    }

    /// <summary>The courses of a 年度 by title, for pickers (a retired course takes no more writes, so it is not offered).</summary>
    public async Task<IReadOnlyList<(int Id, string Title)>> CourseNamesAsync(FiscalYear year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Running(db).AsNoTracking().Where(c => c.FiscalYear == year.StartYear)
            .OrderBy(c => c.OpensOn).ThenBy(c => c.Title).Select(c => new { c.Id, c.Title }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }

    /// <summary>The courses that count: a retired one is nobody's task and in no rate, overdue list or reminder.</summary>
    private static IQueryable<TrainingCourse> Running(SecOpsDxDbContext db) => db.TrainingCourses.Where(c => c.RetiredAt == null);

    /// <summary>A finished 年度 is taken as of its last day and judged today; the current one today (<see cref="TrainingDay.For"/>).</summary>
    private TrainingDay DefaultDayFor(FiscalYear year) => TrainingDay.For(year, Today);

    private static TrainingRate Count(TrainingStatus status) => status switch
    {
        TrainingStatus.Completed => new(1, 1, 0, 0),
        TrainingStatus.Exempt => new(0, 0, 1, 0),
        TrainingStatus.Overdue => new(1, 0, 0, 1),
        _ => new(1, 0, 0, 0),
    };

    private static int StatusOrder(TrainingStatus s) => s switch
    {
        TrainingStatus.Overdue => 0,
        TrainingStatus.Pending => 1,
        TrainingStatus.Completed => 2,
        _ => 3,
    };
}
