using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Training;

public sealed class TrainingRulesTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly FiscalYear R8 = new(2026);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _general, _tax, _citizens;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, Today);
        _general = await _desk.DepartmentAsync("1000", "総務部");
        _tax = await _desk.DepartmentAsync("2020", "税務課");
        _citizens = await _desk.DepartmentAsync("2010", "市民課");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_course_for_all_staff_is_assigned_to_everyone_in_post_and_a_new_hire_gets_it_on_their_first_day()
    {
        var a = await _desk.StaffAsync("1", _tax);
        var b = await _desk.StaffAsync("2", _citizens);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026));
        var hire = await _desk.StaffAsync("3", _tax, hired: new DateOnly(2026, 12, 1));

        Assert.Equal(2, (await _desk.Queries.CourseStatusAsync(course, null))!.Rate.Assigned);
        Assert.Empty((await _desk.Queries.MyTasksAsync(hire)).Tasks);

        _desk.MoveTo(new DateOnly(2026, 12, 1));
        var tasks = await _desk.Queries.MyTasksAsync(hire);
        var task = Assert.Single(tasks.Tasks);
        Assert.Equal(new DateOnly(2027, 3, 31), task.DueOn);
        Assert.Equal(3, (await _desk.Queries.CourseStatusAsync(course, null))!.Rate.Assigned);
        Assert.Single((await _desk.Queries.MyTasksAsync(a)).Tasks);
        Assert.Single((await _desk.Queries.MyTasksAsync(b)).Tasks);
    }

    [Fact]
    public async Task A_new_hire_course_is_due_the_given_days_after_hiring_and_only_for_those_hired_since_the_date()
    {
        var old = await _desk.StaffAsync("1", _tax, hired: new DateOnly(2020, 4, 1));
        var hire = await _desk.StaffAsync("2", _tax, hired: new DateOnly(2026, 10, 1));
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "新規採用職員研修", kind: TrainingKind.NewHire,
            hiredOnOrAfter: new DateOnly(2026, 4, 1), daysAfterHire: 30));

        Assert.Empty((await _desk.Queries.MyTasksAsync(old)).Tasks);
        var task = Assert.Single((await _desk.Queries.MyTasksAsync(hire)).Tasks);
        Assert.Equal(new DateOnly(2026, 10, 31), task.DueOn);
        Assert.Equal(TrainingStatus.Overdue, task.Status);
        Assert.Single(await _desk.Queries.OverdueAsync());
        Assert.Equal(course, (await _desk.Queries.OverdueAsync())[0].CourseId);
    }

    [Fact]
    public async Task A_transfer_keeps_the_completion_and_counts_in_the_new_department_from_the_day_of_the_move()
    {
        var mover = await _desk.StaffAsync("1", _tax);
        await _desk.StaffAsync("2", _citizens);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026));
        await _desk.Confirm.ExecuteAsync(mover, course, new DateOnly(2026, 11, 20), []);

        _desk.MoveTo(new DateOnly(2026, 12, 1));
        await _desk.UpdateStaffAsync(mover, s => s.DepartmentId = _citizens);

        var before = (await _desk.Queries.CourseStatusAsync(course, _tax, new DateOnly(2026, 11, 30)))!;
        Assert.Equal(new TrainingRate(1, 1, 0, 0), before.Rate);
        var after = (await _desk.Queries.CourseStatusAsync(course, _citizens, new DateOnly(2026, 12, 1)))!;
        Assert.Equal(2, after.Rate.Assigned);
        Assert.Equal(1, after.Rate.Completed);
        Assert.Equal(0, (await _desk.Queries.CourseStatusAsync(course, _tax, new DateOnly(2026, 12, 1)))!.Rate.Assigned);
        Assert.Equal(TrainingStatus.Completed, Assert.Single((await _desk.Queries.MyTasksAsync(mover)).Tasks).Status);

        await using var db = _desk.CreateDbContext();
        var move = Assert.Single(await db.StaffDepartmentMoves.ToListAsync());
        Assert.Equal((_tax, _citizens, new DateOnly(2026, 12, 1)), (move.FromDepartmentId, move.ToDepartmentId, move.EffectiveOn));
    }

    [Fact]
    public async Task A_department_course_follows_the_person_who_moves_into_or_out_of_the_department()
    {
        var mover = await _desk.StaffAsync("1", _citizens);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "税務課研修", departments: [_tax]));
        Assert.Empty((await _desk.Queries.MyTasksAsync(mover)).Tasks);

        _desk.MoveTo(new DateOnly(2026, 12, 1));
        await _desk.UpdateStaffAsync(mover, s => s.DepartmentId = _tax);
        Assert.Single((await _desk.Queries.MyTasksAsync(mover)).Tasks);
        Assert.Equal(0, (await _desk.Queries.CourseStatusAsync(course, null, new DateOnly(2026, 11, 30)))!.Rate.Assigned);
    }

    [Fact]
    public async Task A_person_who_retires_mid_year_drops_out_of_the_rate_but_keeps_their_record()
    {
        var leaver = await _desk.StaffAsync("1", _tax);
        var stayer = await _desk.StaffAsync("2", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026));
        await _desk.Confirm.ExecuteAsync(leaver, course, new DateOnly(2026, 11, 2), []);
        await _desk.UpdateStaffAsync(leaver, s => s.RetiredOn = new DateOnly(2026, 11, 30));

        Assert.Equal(new TrainingRate(2, 1, 0, 0), (await _desk.Queries.CourseStatusAsync(course, null, new DateOnly(2026, 11, 26)))!.Rate);
        var december = (await _desk.Queries.CourseStatusAsync(course, null, new DateOnly(2026, 12, 1)))!;
        Assert.Equal(new TrainingRate(1, 0, 0, 0), december.Rate);
        Assert.Equal(stayer, Assert.Single(december.Rows).StaffId);
        Assert.Single(await _desk.Queries.MyHistoryAsync(leaver));
    }

    [Fact]
    public async Task The_rate_is_completed_over_assigned_as_of_the_day_with_exempt_people_in_neither()
    {
        var ids = new List<int>();
        for (var i = 1; i <= 4; i++) ids.Add(await _desk.StaffAsync(i.ToString(), _tax));
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, dueOn: new DateOnly(2026, 11, 1)));

        Assert.Null((await _desk.Queries.OverviewAsync(new FiscalYear(2027))).Overall.Rate);
        await _desk.Confirm.ExecuteAsync(ids[0], course, new DateOnly(2026, 10, 1), []);
        await _desk.Confirm.ExecuteAsync(ids[1], course, new DateOnly(2026, 11, 25), []);
        await _desk.Exempt.ExemptAsync(course, ids[2], "育児休業中", null);

        var today = (await _desk.Queries.OverviewAsync(R8)).Courses.Single().Rate;
        Assert.Equal(new TrainingRate(3, 2, 1, 1), today);
        Assert.Equal(2.0 / 3, today.Rate!.Value, 6);
        // Before the second completion only one of three was done; the late one was not yet overdue on the due date.
        var earlier = (await _desk.Queries.OverviewAsync(R8, new DateOnly(2026, 11, 1))).Overall;
        Assert.Equal(new TrainingRate(3, 1, 1, 0), earlier);
        Assert.Equal(3, (await _desk.Queries.OverviewAsync(R8)).Departments.Single(d => d.DepartmentId == _tax).Rate.Assigned);

        await _desk.Exempt.WithdrawAsync(course, ids[2], null);
        Assert.Equal(4, (await _desk.Queries.OverviewAsync(R8)).Overall.Assigned);
        await using var db = _desk.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(TrainingExemption)));
    }

    [Fact]
    public async Task An_exemption_needs_a_reason()
    {
        var a = await _desk.StaffAsync("1", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Exempt.ExemptAsync(course, a, "  ", null));
        Assert.Equal(ErrorCodes.Required, e.Errors["reason"][0].Code);
    }

    [Fact]
    public async Task The_page_a_confirmation_hands_back_is_the_page_a_fresh_read_gives()
    {
        var a = await _desk.StaffAsync("1", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, passMark: 100, quiz: TrainingDesk.TwoQuestions));

        foreach (var answers in new List<int?>[] { [1, 0], [1, 1] })
        {
            var (result, page) = await _desk.Confirm.ExecuteForPageAsync(a, course, Today, answers);
            var read = (await _desk.Queries.ToConfirmAsync(a, course))!;
            Assert.Equal(result.Passed ? TrainingStatus.Completed : TrainingStatus.Pending, page.Status);
            Assert.Equal(read.Status, page.Status);
            Assert.Equal(read.CompletedOn, page.CompletedOn);
            Assert.Equal(read.DueOn, page.DueOn);
            Assert.Equal(read.Assigned, page.Assigned);
            Assert.Equal(read.Questions.Select(q => (q.Order, q.Text)), page.Questions.Select(q => (q.Order, q.Text)));
            Assert.Equal(read.Attempts, page.Attempts);
            Assert.Equal(result.Attempt, page.Attempts.Count);
        }
    }

    [Fact]
    public async Task A_failed_quiz_is_not_a_completion_and_a_retry_that_passes_is()
    {
        var a = await _desk.StaffAsync("1", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, passMark: 100, quiz: TrainingDesk.TwoQuestions));

        var fail = await _desk.Confirm.ExecuteAsync(a, course, Today, [1, 0]);
        Assert.Equal(new ConfirmResult(false, 50, 100, 1), fail with { WrongQuestions = null });
        // The second question was answered wrongly; the person is told so.
        Assert.Equal([2], fail.WrongQuestions!);
        Assert.Equal(TrainingStatus.Pending, (await _desk.Queries.MyTasksAsync(a)).Tasks.Single().Status);

        var pass = await _desk.Confirm.ExecuteAsync(a, course, Today, [1, 1]);
        Assert.Equal(new ConfirmResult(true, 100, 100, 2), pass with { WrongQuestions = null });
        Assert.Empty(pass.WrongQuestions!);
        Assert.Equal(TrainingStatus.Completed, (await _desk.Queries.MyTasksAsync(a)).Tasks.Single().Status);
        Assert.Equal([false, true], (await _desk.Queries.MyHistoryAsync(a)).Select(r => r.Passed));
        await Assert.ThrowsAsync<DomainException>(() => _desk.Confirm.ExecuteAsync(a, course, Today, [1, 1]));
    }

    [Fact]
    public async Task A_quiz_with_a_question_left_blank_is_refused_and_nothing_is_recorded()
    {
        var a = await _desk.StaffAsync("1", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, passMark: 50, quiz: TrainingDesk.TwoQuestions));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Confirm.ExecuteAsync(a, course, Today, [1, null]));
        Assert.Equal(ErrorCodes.QuizUnanswered, e.Errors["answers"][0].Code);
        Assert.Empty(await _desk.Queries.MyHistoryAsync(a));
    }

    [Theory]
    [InlineData("2026-11-27", ErrorCodes.InFuture)]
    [InlineData("2026-04-30", ErrorCodes.BeforeOpening)]
    public async Task A_completion_cannot_be_dated_in_the_future_or_before_the_course_opened(string day, string code)
    {
        var a = await _desk.StaffAsync("1", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, opensOn: new DateOnly(2026, 5, 1)));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Confirm.ExecuteAsync(a, course, DateOnly.Parse(day), []));
        Assert.Equal(code, e.Errors["completedOn"][0].Code);
    }

    [Fact]
    public async Task A_manager_records_a_paper_sheet_with_a_reason_only_for_their_own_department()
    {
        var mine = await _desk.StaffAsync("1", _tax);
        var other = await _desk.StaffAsync("2", _citizens);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026));

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Paper.ExecuteAsync(course, mine, Today, "", _tax));
        Assert.True(noReason.Errors.ContainsKey("reason"));
        var notMine = await Assert.ThrowsAsync<DomainException>(() => _desk.Paper.ExecuteAsync(course, other, Today, "紙の受講票", _tax));
        Assert.Equal(ErrorCodes.NotYourDepartment, notMine.Code);

        await _desk.Paper.ExecuteAsync(course, mine, Today, "PCのない現場職員のため紙の受講票で受講", _tax);
        var row = (await _desk.Queries.CourseStatusAsync(course, _tax))!.Rows.Single();
        Assert.Equal((TrainingStatus.Completed, CompletionMethod.Paper), (row.Status, row.Method));
        await using var db = _desk.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(TrainingRecord)));
    }

    [Fact]
    public async Task A_course_for_a_部_takes_the_課_under_it_and_categories_narrow_the_audience()
    {
        var section = await _desk.DepartmentAsync("1010", "総務課", _general);
        var regular = await _desk.StaffAsync("1", section);
        var contractor = await _desk.StaffAsync("2", section, category: EmploymentCategory.Contractor);
        await _desk.StaffAsync("3", _tax);
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, departments: [_general],
            categories: EmploymentCategory.Regular | EmploymentCategory.FiscalYearAppointed));
        var rows = (await _desk.Queries.CourseStatusAsync(course, null))!.Rows;
        Assert.Equal([regular], rows.Select(r => r.StaffId));
        Assert.Empty((await _desk.Queries.MyTasksAsync(contractor)).Tasks);
    }

    [Fact]
    public async Task Last_years_courses_are_copied_into_the_new_year_with_dates_and_quiz_in_one_step()
    {
        await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, passMark: 80, quiz: TrainingDesk.TwoQuestions));
        await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "管理職研修", kind: TrainingKind.Managers, dueOn: new DateOnly(2025, 9, 30)));

        Assert.Equal(2, await _desk.Copy.ExecuteAsync(new FiscalYear(2025), R8));
        var overview = await _desk.Queries.OverviewAsync(R8);
        Assert.Equal(["情報セキュリティ研修", "管理職研修"], overview.Courses.Select(c => c.Title).Order());
        Assert.Equal(new DateOnly(2026, 9, 30), overview.Courses.Single(c => c.Title == "管理職研修").DueOn);
        Assert.True(overview.Courses.Single(c => c.Title == "情報セキュリティ研修").HasQuiz);

        var again = await Assert.ThrowsAsync<DomainException>(() => _desk.Copy.ExecuteAsync(new FiscalYear(2025), R8));
        Assert.Equal(ErrorCodes.NothingToCopy, again.Code);
    }

    [Fact]
    public async Task A_quiz_the_editor_cannot_read_is_refused_with_the_question_number()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Save.ExecuteAsync(null, 0,
            TrainingDesk.Course(2026, passMark: 80, quiz: "Q1\n- a\n* b\n\nQ2\n- a\n- b")));
        Assert.Equal(new FieldError(ErrorCodes.QuizFormat, 2).Args, e.Errors["quiz"][0].Args);
        var noMark = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Save.ExecuteAsync(null, 0,
            TrainingDesk.Course(2026, quiz: TrainingDesk.TwoQuestions)));
        Assert.Equal(ErrorCodes.QuizIncomplete, noMark.Errors["quiz"][0].Code);
    }
}
