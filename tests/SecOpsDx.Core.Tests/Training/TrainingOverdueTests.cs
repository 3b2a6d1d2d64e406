using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>
/// "Overdue" worked by hand on dated examples: a course of 令和7年度 due on its last day, 2026-03-31, is in time on that
/// day (民法第141条: a period ends at the end of its last day) and overdue from 2026-04-01 for everyone assigned who did
/// not complete it, however long after the 年度 it is viewed.
/// </summary>
public sealed class TrainingOverdueTests : IAsyncLifetime
{
    private static readonly FiscalYear R7 = new(2025);
    private static readonly DateOnly LastDayOfR7 = new(2026, 3, 31), FirstDayOfR8 = new(2026, 4, 1);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _tax, _done, _never1, _never2, _course;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, new DateOnly(2025, 6, 1));
        _tax = await _desk.DepartmentAsync("2020", "税務課");
        _done = await _desk.StaffAsync("1", _tax);
        _never1 = await _desk.StaffAsync("2", _tax);
        _never2 = await _desk.StaffAsync("3", _tax);
        _course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "令和7年度 情報セキュリティ研修", dueOn: LastDayOfR7));
        await _desk.Confirm.ExecuteAsync(_done, _course, new DateOnly(2025, 6, 1), []);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("2026-03-30", false)]
    [InlineData("2026-03-31", false)]
    [InlineData("2026-04-01", true)]
    [InlineData("2026-12-07", true)]
    public void A_course_due_2026_03_31_is_overdue_from_the_next_day(string judgedOn, bool overdue) =>
        Assert.Equal(overdue, TrainingDay.IsOverdue(LastDayOfR7, DateOnly.Parse(judgedOn)));

    [Fact]
    public void A_finished_year_is_taken_as_of_its_last_day_and_judged_today()
    {
        Assert.Equal(new TrainingDay(LastDayOfR7, LastDayOfR7), TrainingDay.For(R7, LastDayOfR7));
        Assert.Equal(new TrainingDay(LastDayOfR7, FirstDayOfR8), TrainingDay.For(R7, FirstDayOfR8));
        Assert.Equal(new TrainingDay(LastDayOfR7, new DateOnly(2026, 12, 7)), TrainingDay.For(R7, new DateOnly(2026, 12, 7)));
        Assert.Equal(TrainingDay.On(new DateOnly(2025, 11, 1)), TrainingDay.For(R7, new DateOnly(2025, 11, 1)));
    }

    [Fact]
    public async Task On_the_due_date_nobody_is_overdue_yet()
    {
        _desk.MoveTo(LastDayOfR7);
        await AssertOverdueEverywhereAsync(0);
    }

    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026-12-07")]
    public async Task After_the_due_date_the_two_who_never_took_the_course_are_overdue_in_the_finished_year(string viewedOn)
    {
        _desk.MoveTo(LastDayOfR7);
        await _desk.Queries.OverviewsAsync(); // the ended 年度's figures must not be kept from a day they were judged differently
        _desk.MoveTo(DateOnly.Parse(viewedOn));
        await AssertOverdueEverywhereAsync(2);
    }

    [Fact]
    public async Task A_due_date_counted_from_hiring_that_falls_after_the_year_is_judged_on_the_day_viewed()
    {
        // Hired 2026-03-20, due 30 days later: 2026-04-19, after 令和7年度 ended.
        var hire = await _desk.StaffAsync("4", _tax, hired: new DateOnly(2026, 3, 20));
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "新規採用職員研修", kind: TrainingKind.NewHire,
            hiredOnOrAfter: new DateOnly(2025, 4, 1), daysAfterHire: 30));

        _desk.MoveTo(new DateOnly(2026, 4, 19));
        var before = (await _desk.Queries.OverviewsAsync()).Single(o => o.Year == R7).Courses.Single(c => c.CourseId == course).Rate;
        Assert.Equal((1, 0, 0), (before.Assigned, before.Completed, before.Overdue));

        _desk.MoveTo(new DateOnly(2026, 4, 20));
        var after = (await _desk.Queries.OverviewsAsync()).Single(o => o.Year == R7).Courses.Single(c => c.CourseId == course).Rate;
        Assert.Equal((1, 0, 1), (after.Assigned, after.Completed, after.Overdue));
        Assert.Contains(await _desk.Queries.OverdueAsync(R7), r => r.StaffId == hire && r.DueOn == new DateOnly(2026, 4, 19));
    }

    /// <summary>The same count in every read that shows it: counted in SQL, worked out person by person, listed, per course.</summary>
    private async Task AssertOverdueEverywhereAsync(int overdue)
    {
        var counted = (await _desk.Queries.OverviewsAsync()).Single(o => o.Year == R7);
        Assert.Equal(LastDayOfR7, counted.AsOf);
        Assert.Equal((3, 1, overdue), (counted.Overall.Assigned, counted.Overall.Completed, counted.Overall.Overdue));
        Assert.Equal(overdue, counted.Departments.Single(d => d.DepartmentId == _tax).Rate.Overdue);
        Assert.Equal(overdue, (await _desk.Queries.OverviewAsync(R7)).Overall.Overdue);

        var dashboard = await _desk.Queries.DashboardAsync(R7);
        Assert.Equal(counted.Overall, dashboard.Overview.Overall);
        Assert.Equal(overdue, dashboard.Overdue.Count);

        var list = await _desk.Queries.OverdueAsync(R7);
        Assert.Equal(overdue == 0 ? [] : new[] { _never1, _never2 }, list.Select(r => r.StaffId).Order().ToArray());
        Assert.Equal(overdue, (await _desk.Queries.OverdueAsync(R7, _tax)).Count);

        var course = (await _desk.Queries.CourseStatusAsync(_course, _tax))!;
        Assert.Equal(overdue, course.Rate.Overdue);
        Assert.Equal(overdue, course.Rows.Count(r => r.Status == TrainingStatus.Overdue));
        Assert.Equal(TrainingStatus.Completed, course.Rows.Single(r => r.StaffId == _done).Status);
    }
}
