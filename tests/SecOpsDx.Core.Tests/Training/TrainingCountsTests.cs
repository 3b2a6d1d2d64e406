using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>
/// The overview the CISO's summary reads is counted in the database; the training page's overview is worked out
/// person by person. On a roster that exercises every assignment rule (a move in the middle of the 年度, a retirement,
/// an exemption, a new hire with a due date N days after hiring, an employment category, a 部 taking its 課, a role,
/// named staff, a course not yet open) both must give the same figures, and those worked out by hand.
/// </summary>
public sealed class TrainingCountsTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly FiscalYear R7 = new(2025), R8 = new(2026);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _generalDept, _general, _citizens, _tax;
    private int _done, _mover, _leaver, _exempt, _hire, _appointee, _manager;
    private int _all, _forGeneral, _newHire, _named, _forManagers, _later, _past;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, new DateOnly(2025, 5, 1));
        _generalDept = await _desk.DepartmentAsync("1000", "総務部");
        _general = await _desk.DepartmentAsync("1010", "総務課", _generalDept);
        var citizensDept = await _desk.DepartmentAsync("2000", "市民部");
        _citizens = await _desk.DepartmentAsync("2010", "市民課", citizensDept);
        _tax = await _desk.DepartmentAsync("2020", "税務課", citizensDept);

        _done = await _desk.StaffAsync("1", _general);
        _mover = await _desk.StaffAsync("2", _citizens);
        _leaver = await _desk.StaffAsync("3", _tax);
        _exempt = await _desk.StaffAsync("4", _citizens);
        _hire = await _desk.StaffAsync("5", _tax, hired: new DateOnly(2026, 10, 1));
        _appointee = await _desk.StaffAsync("6", _citizens, category: EmploymentCategory.FiscalYearAppointed);
        _manager = await _desk.StaffAsync("7", _tax);
        await GiveRoleAsync(_manager, Roles.Manager);

        // 令和7年度: one course for all, which the mover completes (in 市民課, before moving in 令和8年度).
        _past = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "令和7年度 研修", dueOn: new DateOnly(2025, 9, 30)));
        _desk.MoveTo(new DateOnly(2025, 6, 1));
        await _desk.Confirm.ExecuteAsync(_mover, _past, new DateOnly(2025, 6, 1), []);

        _desk.MoveTo(new DateOnly(2026, 4, 1));
        _all = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "全職員研修", categories: EmploymentCategory.Regular,
            dueOn: new DateOnly(2026, 9, 30)));
        _forGeneral = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "総務部研修", departments: [_generalDept]));
        _newHire = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "新規採用職員研修", kind: TrainingKind.NewHire,
            hiredOnOrAfter: new DateOnly(2026, 4, 1), daysAfterHire: 30));
        _named = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "指名研修", departments: [_general]));
        _forManagers = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "管理職研修", departments: [_general]));
        _later = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "年明けの研修", opensOn: new DateOnly(2027, 1, 10)));
        await using (var db = _desk.CreateDbContext())
        {
            // Named staff only: the appointee (in 市民課, outside the course's departments) and the leaver.
            var named = await db.TrainingCourses.SingleAsync(c => c.Id == _named);
            named.NamedStaffOnly = true;
            foreach (var who in new[] { _appointee, _leaver })
                db.Add(new TrainingAssignee { CourseId = _named, StaffMemberId = who, AssignedAt = DateTimeOffset.UnixEpoch });
            // 総務課 or the managers' role.
            (await db.TrainingCourses.SingleAsync(c => c.Id == _forManagers)).AudienceRoles = Roles.Manager;
            await db.SaveChangesAsync();
        }
        await _desk.Exempt.ExemptAsync(_all, _exempt, "長期療養", null);

        _desk.MoveTo(new DateOnly(2026, 6, 1));
        await _desk.Confirm.ExecuteAsync(_done, _all, new DateOnly(2026, 6, 1), []);
        await _desk.UpdateStaffAsync(_leaver, s => s.RetiredOn = new DateOnly(2026, 8, 31));
        // The mover goes from 市民課 to 総務課 on 2026-10-01 and completes the 総務部 course there.
        _desk.MoveTo(new DateOnly(2026, 10, 1));
        await _desk.UpdateStaffAsync(_mover, s => s.DepartmentId = _general);
        _desk.MoveTo(new DateOnly(2026, 11, 1));
        await _desk.Confirm.ExecuteAsync(_mover, _forGeneral, new DateOnly(2026, 11, 1), []);
        await _desk.Confirm.ExecuteAsync(_manager, _forManagers, new DateOnly(2026, 11, 1), []);
        // A paper sheet entered for the appointee and withdrawn (it completes nothing), and a course retired after
        // someone completed it (it leaves every figure).
        await _desk.Paper.ExecuteAsync(_named, _appointee, new DateOnly(2026, 10, 20), "紙の受講票", null);
        await using (var db = _desk.CreateDbContext())
            await _desk.WithdrawPaper.ExecuteAsync(db.TrainingRecords.Single(r => r.StaffMemberId == _appointee).Id, "別の職員の受講票", null);
        var dropped = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "取り下げる研修", opensOn: new DateOnly(2026, 4, 1)));
        await _desk.Confirm.ExecuteAsync(_done, dropped, new DateOnly(2026, 11, 1), []);
        await using (var db = _desk.CreateDbContext())
            await _desk.Retire.RetireAsync(dropped, db.TrainingCourses.Single(c => c.Id == dropped).Version, "重複して作成した");
        _desk.MoveTo(Today);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task GiveRoleAsync(int staffId, string role)
    {
        await using var db = _desk.CreateDbContext();
        var row = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
        var user = new ApplicationUser { UserName = "m@example.jp", Email = "m@example.jp", DisplayName = "管理職" };
        db.Roles.Add(row);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = row.Id });
        (await db.Staff.SingleAsync(s => s.Id == staffId)).UserId = user.Id;
        await db.SaveChangesAsync();
    }

    private static TrainingRate Course(TrainingOverview o, int id) => o.Courses.Single(c => c.CourseId == id).Rate;

    private static (int, TrainingRate)[] Departments(TrainingOverview o) => o.Departments.Select(d => (d.DepartmentId, d.Rate)).ToArray();

    [Fact]
    public async Task Today_each_course_counts_who_is_assigned_now_and_each_person_in_their_department_of_today()
    {
        var o = await _desk.Queries.OverviewAsync(R8, Today);

        // Regular staff in post: done (completed), mover (overdue, now 総務課), hire (overdue: the course's date, not N days),
        // manager (overdue); the exempt person is exempt; the appointee is not Regular; the leaver retired in August.
        Assert.Equal(new TrainingRate(4, 1, 1, 3), Course(o, _all));
        // 総務部 takes 総務課: done (pending) and the mover, who moved in on 2026-10-01 (completed).
        Assert.Equal(new TrainingRate(2, 1, 0, 0), Course(o, _forGeneral));
        // Hired 2026-10-01, due 30 days later.
        Assert.Equal(new TrainingRate(1, 0, 0, 1), Course(o, _newHire));
        // Named only: the appointee; the leaver is no longer in post.
        Assert.Equal(new TrainingRate(1, 0, 0, 0), Course(o, _named));
        // 総務課 (done, mover) or a manager (in 税務課, completed).
        Assert.Equal(new TrainingRate(3, 1, 0, 0), Course(o, _forManagers));
        Assert.Equal(TrainingRate.Zero, Course(o, _later));
        Assert.Equal(new TrainingRate(11, 3, 1, 4), o.Overall);
        Assert.Equal([
            (_general, new TrainingRate(6, 2, 0, 1)),
            (_citizens, new TrainingRate(1, 0, 1, 0)),
            (_tax, new TrainingRate(4, 1, 0, 3)),
        ], Departments(o));
    }

    [Fact]
    public async Task Before_the_move_the_mover_counts_in_the_old_department_and_the_leaver_is_still_in_post()
    {
        var o = await _desk.Queries.OverviewAsync(R8, new DateOnly(2026, 7, 31));

        // done (completed), mover (pending, 市民課), leaver (pending), manager (pending); exempt; hire not yet hired.
        Assert.Equal(new TrainingRate(4, 1, 1, 0), Course(o, _all));
        Assert.Equal(new TrainingRate(1, 0, 0, 0), Course(o, _forGeneral));
        Assert.Equal(TrainingRate.Zero, Course(o, _newHire));
        Assert.Equal(new TrainingRate(2, 0, 0, 0), Course(o, _named));
        // The manager's completion came in November.
        Assert.Equal(new TrainingRate(2, 0, 0, 0), Course(o, _forManagers));
        Assert.Equal([
            (_general, new TrainingRate(3, 1, 0, 0)),
            (_citizens, new TrainingRate(2, 0, 1, 0)),
            (_tax, new TrainingRate(4, 0, 0, 0)),
        ], Departments(o));
    }

    [Fact]
    public async Task A_past_year_counts_the_mover_in_the_department_left_later()
    {
        var o = await _desk.Queries.OverviewAsync(R7, R7.LastDay);

        // On 2026-03-31 seven people were in post (the hire came later); the mover completed it in 市民課.
        Assert.Equal(new TrainingRate(6, 1, 0, 5), o.Overall);
        Assert.Contains((_citizens, new TrainingRate(3, 1, 0, 2)), Departments(o));
    }

    [Fact]
    public async Task The_figures_kept_for_an_ended_year_follow_a_late_sheet_its_withdrawal_an_exemption_and_the_course_retired()
    {
        // The desk's reads keep the figures of ended 年度 (令和7年度 here) while nothing changes.
        async Task<TrainingOverview?> R7Async() => (await _desk.Queries.OverviewsAsync()).SingleOrDefault(o => o.Year == R7);
        async Task<TrainingOverview?> FreshR7Async() =>
            (await new TrainingQueries(_desk, _desk.Time).OverviewsAsync()).SingleOrDefault(o => o.Year == R7);

        var first = await R7Async();
        Assert.Equal(new TrainingRate(6, 1, 0, 5), first!.Overall);
        Assert.Same(first, await R7Async());
        // A change to something the rates are not counted from (an API token here; sign-ins, incidents, policies alike)
        // keeps them.
        await new SecOpsDx.Core.Api.ApiTokenService(_desk, new SecOpsDx.Core.Auditing.FixedActor(new SecOpsDx.Core.Auditing.AuditActor("u-admin", "管理 者")), _desk.Time).CreateAsync("集計システム", [SecOpsDx.Core.Api.ApiScopes.ComplianceRead]);
        Assert.Same(first, await R7Async());

        // This 年度's work cannot move 令和7年度's figures: a confirmation, a paper sheet and its withdrawal, and an exemption
        // on this 年度's courses keep them (in March thousands confirm while the CISO reads the dashboard).
        await _desk.Confirm.ExecuteAsync(_mover, _all, Today, []);
        await _desk.Paper.ExecuteAsync(_all, _manager, Today, "紙の受講票", null);
        await using (var db = _desk.CreateDbContext())
            await _desk.WithdrawPaper.ExecuteAsync(db.TrainingRecords.Single(r => r.StaffMemberId == _manager && r.CourseId == _all).Id, "記入漏れ", null);
        await _desk.Exempt.ExemptAsync(_forGeneral, _done, "休職", null);
        Assert.Same(first, await R7Async());

        // A paper sheet found late: 総務課's "done" took the 令和7年度 course in March.
        await _desk.Paper.ExecuteAsync(_past, _done, new DateOnly(2026, 3, 20), "紙の受講票(年度末に回収)", null);
        var late = await R7Async();
        Assert.Equal(new TrainingRate(6, 2, 0, 4), late!.Overall);
        Assert.Equal((await FreshR7Async())!.Departments, late.Departments);

        await using (var db = _desk.CreateDbContext())
            await _desk.WithdrawPaper.ExecuteAsync(db.TrainingRecords.Single(r => r.StaffMemberId == _done && r.CourseId == _past).Id, "別年度の受講票", null);
        Assert.Equal(new TrainingRate(6, 1, 0, 5), (await R7Async())!.Overall);

        await _desk.Exempt.ExemptAsync(_past, _manager, "休職", null);
        var exempted = await R7Async();
        Assert.Equal(new TrainingRate(5, 1, 1, 4), exempted!.Overall);
        Assert.Equal((await FreshR7Async())!.Overall, exempted.Overall);

        // A roster correction: the manager in fact retired before the end of 令和7年度.
        await _desk.UpdateStaffAsync(_manager, x => x.RetiredOn = new DateOnly(2026, 2, 28));
        var corrected = await R7Async();
        Assert.Equal(new TrainingRate(5, 1, 0, 4), corrected!.Overall);
        Assert.Equal((await FreshR7Async())!.Departments, corrected.Departments);

        await using (var db = _desk.CreateDbContext())
            await _desk.Retire.RetireAsync(_past, db.TrainingCourses.Single(c => c.Id == _past).Version, "別の研修と重複");
        Assert.Null(await R7Async());
    }

    [Theory]
    [InlineData("2025-06-01")]
    [InlineData("2026-03-31")]
    [InlineData("2026-04-01")]
    [InlineData("2026-07-31")]
    [InlineData("2026-08-31")]
    [InlineData("2026-09-30")]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-31")]
    [InlineData("2026-11-01")]
    [InlineData("2026-11-26")]
    public async Task The_counted_overview_equals_the_one_worked_out_person_by_person(string day)
    {
        var asOf = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var year = FiscalYear.Of(asOf);
        // The training page's overview judges a 年度 on today (or its last day once over): read it with a clock on that day.
        var queries = new TrainingQueries(_desk, new FakeTimeProvider(new DateTimeOffset(asOf.ToDateTime(new TimeOnly(10, 0)), JapanTime.Offset)));
        var byPerson = (await queries.DashboardAsync(year)).Overview;
        var counted = await queries.OverviewAsync(year, asOf);

        Assert.Equal(byPerson.AsOf, counted.AsOf);
        Assert.Equal(byPerson.Overall, counted.Overall);
        Assert.Equal(byPerson.Courses, counted.Courses);
        Assert.Equal(byPerson.Departments, counted.Departments);
        var all = (await queries.OverviewsAsync()).Single(o => o.Year == year);
        Assert.Equal(byPerson.Overall, all.Overall);
        Assert.Equal(byPerson.Departments, all.Departments);
    }
}
