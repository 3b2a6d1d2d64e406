using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>Withdrawing a course (取り下げ) and reinstating it; withdrawing a paper record entered by mistake.</summary>
public sealed class RetireAndWithdrawTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly FiscalYear R8 = new(2026);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _tax, _citizens;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, Today);
        _tax = await _desk.DepartmentAsync("2020", "税務課");
        _citizens = await _desk.DepartmentAsync("2010", "市民課");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>A course for all staff, due at the end of October (so whoever has not taken it is overdue now).</summary>
    private Task<int> OverdueCourseAsync(string title = "個人情報保護研修") =>
        _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, title, dueOn: new DateOnly(2026, 10, 31)));

    private async Task<long> RecordIdAsync(int courseId, int staffId)
    {
        await using var db = _desk.CreateDbContext();
        return await db.TrainingRecords.Where(r => r.CourseId == courseId && r.StaffMemberId == staffId).Select(r => r.Id).SingleAsync();
    }

    private async Task<List<string>> AuditChangesAsync(string entityType)
    {
        await using var db = _desk.CreateDbContext();
        return await db.AuditEntries.Where(a => a.EntityType == entityType).OrderBy(a => a.Sequence).Select(a => a.Action + " " + a.Changes).ToListAsync();
    }

    [Fact]
    public async Task A_retired_course_leaves_tasks_rates_overdue_lists_and_reminders_but_keeps_its_records_and_shows_when_and_why()
    {
        var done = await _desk.StaffAsync("1", _tax);
        var late = await _desk.StaffAsync("2", _citizens);
        var kept = await OverdueCourseAsync("情報セキュリティ研修");
        var course = await OverdueCourseAsync();
        await _desk.Confirm.ExecuteAsync(done, course, new DateOnly(2026, 10, 20), []);
        Assert.Equal(2, (await _desk.Queries.MyTasksAsync(late)).Tasks.Count);
        Assert.Equal(4, (await _desk.Queries.OverviewAsync(R8)).Overall.Assigned);

        _desk.MoveTo(Today.AddDays(1));
        await _desk.Retire.RetireAsync(course, await _desk.VersionOfAsync(course), "  誤って作成したため  ");

        Assert.Equal([kept], (await _desk.Queries.MyTasksAsync(late)).Tasks.Select(t => t.CourseId));
        Assert.Equal([kept], (await _desk.Queries.MyTasksAsync(done)).Tasks.Select(t => t.CourseId));
        var overview = await _desk.Queries.OverviewAsync(R8);
        Assert.Equal([kept], overview.Courses.Select(c => c.CourseId));
        Assert.Equal(new TrainingRate(2, 0, 0, 2), overview.Overall);
        Assert.Equal(2, overview.Departments.Sum(d => d.Rate.Assigned));
        Assert.All(await _desk.Queries.OverdueAsync(), r => Assert.Equal(kept, r.CourseId));
        Assert.All(await _desk.Queries.OutstandingAsync(_desk.Today), r => Assert.Equal(kept, r.CourseId));
        Assert.Equal(2, (await _desk.Queries.OutstandingAsync(_desk.Today)).Count);
        Assert.Equal(2, (await _desk.Queries.TrendAsync()).Single().Rate.Assigned);
        Assert.DoesNotContain((await _desk.Queries.CourseNamesAsync(R8)), c => c.Id == course);
        Assert.Null(await _desk.Queries.ToConfirmAsync(late, course));

        var dashboard = await _desk.Queries.DashboardAsync(R8);
        Assert.Equal(2, dashboard.Overview.Overall.Assigned);
        var retired = Assert.Single(dashboard.Retired);
        Assert.Equal((course, Today.AddDays(1), "誤って作成したため", "管理 者"), (retired.CourseId, retired.RetiredOn, retired.Reason, retired.RetiredByName));
        var detail = (await _desk.Queries.CourseAsync(course))!;
        Assert.Equal(new CourseRetirement(Today.AddDays(1), "誤って作成したため", "管理 者"), detail.Retired);

        var history = Assert.Single(await _desk.Queries.MyHistoryAsync(done));
        Assert.True(history.CourseRetired);
        Assert.True(history.Passed);
        Assert.Contains(await AuditChangesAsync(nameof(TrainingCourse)), c => c.StartsWith("Update", StringComparison.Ordinal) && c.Contains("誤って作成したため"));
    }

    [Fact]
    public async Task A_retired_course_refuses_confirmation_paper_records_exemptions_imports_and_edits()
    {
        var person = await _desk.StaffAsync("1", _tax);
        var other = await _desk.StaffAsync("2", _tax);
        var course = await OverdueCourseAsync();
        await _desk.Paper.ExecuteAsync(course, other, Today, "紙の受講票", null);
        var paper = await RecordIdAsync(course, other);
        await _desk.Exempt.ExemptAsync(course, other, "育児休業", null);
        await _desk.Retire.RetireAsync(course, await _desk.VersionOfAsync(course), "実施しないことになったため");
        var csv = Encoding.UTF8.GetBytes("職員番号,受講日\n1,2026-11-20\n");

        var refusals = new Func<Task>[]
        {
            () => _desk.Confirm.ExecuteAsync(person, course, Today, []),
            () => _desk.Paper.ExecuteAsync(course, person, Today, "紙の受講票", null),
            () => _desk.Exempt.ExemptAsync(course, person, "病気休暇", null),
            () => _desk.Exempt.WithdrawAsync(course, other, null),
            () => _desk.Import.PreviewAsync(course, csv),
            () => _desk.Import.ImportAsync(course, csv),
            () => _desk.Save.ExecuteAsync(course, _desk.VersionOfAsync(course).Result, TrainingDesk.Course(2026, "題名を変える")),
            () => _desk.WithdrawPaper.ExecuteAsync(paper, "誤入力", null),
        };
        foreach (var refuse in refusals)
            Assert.Equal(ErrorCodes.CourseRetired, (await Assert.ThrowsAsync<DomainException>(refuse)).Code);

        await using var db = _desk.CreateDbContext();
        Assert.Equal(1, await db.TrainingRecords.CountAsync(r => r.CourseId == course));
        Assert.Equal(1, await db.TrainingExemptions.CountAsync(e => e.CourseId == course && !e.Withdrawn));
        Assert.Empty(await db.TrainingRecordWithdrawals.ToListAsync());
        Assert.Equal("個人情報保護研修", (await db.TrainingCourses.SingleAsync(c => c.Id == course)).Title);
    }

    [Fact]
    public async Task Retiring_needs_a_reason_within_the_limit_a_current_version_and_happens_once()
    {
        var course = await OverdueCourseAsync();
        var version = await _desk.VersionOfAsync(course);

        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Retire.RetireAsync(course, version, " \t "));
        Assert.Equal(ErrorCodes.Required, blank.Errors["reason"].Single().Code);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Retire.RetireAsync(course, version, new string('理', TrainingLimits.Reason + 1)));
        Assert.Equal(ErrorCodes.TooLong, tooLong.Errors["reason"].Single().Code);
        var stale = await Assert.ThrowsAsync<DomainException>(() => _desk.Retire.RetireAsync(course, version + 1, "誤って作成"));
        Assert.Equal(ErrorCodes.Conflict, stale.Code);
        var missing = await Assert.ThrowsAsync<DomainException>(() => _desk.Retire.RetireAsync(course + 100, 0, "誤って作成"));
        Assert.Equal(ErrorCodes.CourseNotFound, missing.Code);
        Assert.False((await _desk.Queries.CourseAsync(course))!.IsRetired);

        await _desk.Retire.RetireAsync(course, version, "誤って作成");
        var twice = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Retire.RetireAsync(course, await _desk.VersionOfAsync(course), "もう一度"));
        Assert.Equal(ErrorCodes.CourseRetired, twice.Code);
        Assert.Equal("誤って作成", (await _desk.Queries.CourseAsync(course))!.Retired!.Reason);
    }

    [Fact]
    public async Task A_course_retired_by_mistake_is_reinstated_with_its_records_and_both_steps_are_audited()
    {
        var person = await _desk.StaffAsync("1", _tax);
        var done = await _desk.StaffAsync("2", _tax);
        var course = await OverdueCourseAsync();
        await _desk.Confirm.ExecuteAsync(done, course, new DateOnly(2026, 10, 1), []);
        await _desk.Retire.RetireAsync(course, await _desk.VersionOfAsync(course), "取り違え");
        Assert.Empty((await _desk.Queries.MyTasksAsync(person)).Tasks);

        await _desk.Retire.ReinstateAsync(course, await _desk.VersionOfAsync(course));

        Assert.Equal(TrainingStatus.Overdue, Assert.Single((await _desk.Queries.MyTasksAsync(person)).Tasks).Status);
        Assert.Equal(new TrainingRate(2, 1, 0, 1), (await _desk.Queries.OverviewAsync(R8)).Overall);
        Assert.Null((await _desk.Queries.CourseAsync(course))!.Retired);
        Assert.Empty((await _desk.Queries.DashboardAsync(R8)).Retired);
        var updates = (await AuditChangesAsync(nameof(TrainingCourse))).Where(c => c.StartsWith("Update", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains("取り違え", updates[1]);
        await _desk.Confirm.ExecuteAsync(person, course, Today, []);
    }

    [Fact]
    public async Task Copying_a_year_leaves_out_a_retired_course()
    {
        await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "情報セキュリティ研修"));
        var wrong = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "誤って作った研修"));
        await _desk.Retire.RetireAsync(wrong, await _desk.VersionOfAsync(wrong), "誤って作成");

        Assert.Equal(1, await _desk.Copy.ExecuteAsync(new FiscalYear(2025), R8));
        Assert.Equal(["情報セキュリティ研修"], (await _desk.Queries.CourseNamesAsync(R8)).Select(c => c.Title));
    }

    [Fact]
    public async Task A_paper_record_withdrawn_is_kept_marked_with_who_when_and_why_and_the_person_is_overdue_again()
    {
        var person = await _desk.StaffAsync("1", _citizens);
        var course = await OverdueCourseAsync();
        await _desk.Paper.ExecuteAsync(course, person, new DateOnly(2026, 11, 20), "紙の受講票", _citizens);
        var record = await RecordIdAsync(course, person);
        var row = Assert.Single((await _desk.Queries.CourseStatusAsync(course, _citizens))!.Rows);
        Assert.Equal((TrainingStatus.Completed, CompletionMethod.Paper, (long?)record), (row.Status, row.Method, row.RecordId));

        _desk.MoveTo(Today.AddDays(1));
        await _desk.WithdrawPaper.ExecuteAsync(record, " 別の職員の受講票を取り違えたため ", _citizens);

        var view = (await _desk.Queries.CourseStatusAsync(course, _citizens))!;
        row = Assert.Single(view.Rows);
        Assert.Equal(TrainingStatus.Overdue, row.Status);
        Assert.Null(row.RecordId);
        Assert.Equal(new TrainingRate(1, 0, 0, 1), view.Rate);
        var withdrawn = Assert.Single(view.Withdrawn);
        Assert.Equal(("1", new DateOnly(2026, 11, 20), "管理 者", "別の職員の受講票を取り違えたため"),
            (withdrawn.EmployeeNumber, withdrawn.CompletedOn, withdrawn.WithdrawnByName, withdrawn.Reason));
        Assert.Equal(_desk.Time.GetUtcNow(), withdrawn.WithdrawnAt);
        Assert.Equal(TrainingStatus.Overdue, Assert.Single((await _desk.Queries.MyTasksAsync(person)).Tasks).Status);
        Assert.Single(await _desk.Queries.OutstandingAsync(_desk.Today));
        Assert.True(Assert.Single(await _desk.Queries.MyHistoryAsync(person)).Withdrawn);

        await using (var db = _desk.CreateDbContext())
        {
            var kept = await db.TrainingRecords.SingleAsync(r => r.Id == record);
            Assert.True(kept.Passed);
            Assert.Equal("紙の受講票", kept.Reason);
            var mark = await db.TrainingRecordWithdrawals.SingleAsync();
            Assert.Equal(("u-manager", "管理 者"), (mark.WithdrawnByUserId, mark.WithdrawnByName));
        }
        Assert.Contains(await AuditChangesAsync(nameof(TrainingRecordWithdrawal)), c => c.StartsWith("Insert", StringComparison.Ordinal) && c.Contains("取り違えた"));

        // The right sheet can then be entered.
        await _desk.Paper.ExecuteAsync(course, person, new DateOnly(2026, 11, 25), "本人の受講票", _citizens);
        Assert.Equal(TrainingStatus.Completed, Assert.Single((await _desk.Queries.CourseStatusAsync(course, _citizens))!.Rows).Status);
    }

    [Fact]
    public async Task Only_a_paper_record_can_be_withdrawn_once_with_a_reason_by_someone_who_may_record_for_the_department()
    {
        var self = await _desk.StaffAsync("1", _citizens);
        var imported = await _desk.StaffAsync("2", _citizens);
        var paper = await _desk.StaffAsync("3", _citizens);
        var course = await OverdueCourseAsync();
        await _desk.Confirm.ExecuteAsync(self, course, Today, []);
        await _desk.Import.ImportAsync(course, Encoding.UTF8.GetBytes("職員番号,受講日\n2,2026-11-20\n"));
        await _desk.Paper.ExecuteAsync(course, paper, Today, "紙の受講票", null);
        var paperRecord = await RecordIdAsync(course, paper);

        async Task<string> RefusedAsync(long id, string? reason, int? onlyDepartment) =>
            (await Assert.ThrowsAsync<DomainException>(() => _desk.WithdrawPaper.ExecuteAsync(id, reason, onlyDepartment))).Code;

        Assert.Equal(ErrorCodes.NotPaperRecord, await RefusedAsync(await RecordIdAsync(course, self), "誤り", null));
        Assert.Equal(ErrorCodes.NotPaperRecord, await RefusedAsync(await RecordIdAsync(course, imported), "誤り", null));
        Assert.Equal(ErrorCodes.NotYourDepartment, await RefusedAsync(paperRecord, "誤り", _tax));
        Assert.Equal(ErrorCodes.RecordNotFound, await RefusedAsync(paperRecord + 100, "誤り", null));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.WithdrawPaper.ExecuteAsync(paperRecord, "", _citizens));
        Assert.Equal(ErrorCodes.Required, blank.Errors["reason"].Single().Code);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.WithdrawPaper.ExecuteAsync(paperRecord, new string('誤', TrainingLimits.Reason + 1), null));
        Assert.Equal(ErrorCodes.TooLong, tooLong.Errors["reason"].Single().Code);
        Assert.Equal(3, (await _desk.Queries.CourseStatusAsync(course, null))!.Rate.Completed);

        await _desk.WithdrawPaper.ExecuteAsync(paperRecord, "誤り", null);
        Assert.Equal(ErrorCodes.RecordWithdrawn, await RefusedAsync(paperRecord, "もう一度", null));
        Assert.Equal(2, (await _desk.Queries.CourseStatusAsync(course, null))!.Rate.Completed);
    }

    [Fact]
    public async Task The_employment_category_set_on_the_staff_record_decides_who_takes_a_course_for_a_category()
    {
        var id = await _desk.Organization.SaveStaffAsync(null, 0, new StaffInput("K001", "会計 年度", null, _tax, null, null, new DateOnly(2020, 4, 1), null));
        var course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "会計年度任用職員研修", categories: EmploymentCategory.FiscalYearAppointed));
        Assert.Empty((await _desk.Queries.MyTasksAsync(id)).Tasks);

        await _desk.Organization.SaveStaffAsync(id, 0, new StaffInput("K001", "会計 年度", null, _tax, null, null, new DateOnly(2020, 4, 1), null, EmploymentCategory.FiscalYearAppointed));
        Assert.Equal(course, Assert.Single((await _desk.Queries.MyTasksAsync(id)).Tasks).CourseId);

        // Saving without a category (e.g. an older caller) keeps the one stored.
        await _desk.Organization.SaveStaffAsync(id, 1, new StaffInput("K001", "会計 年度", null, _tax, "主事", null, new DateOnly(2020, 4, 1), null));
        Assert.Single((await _desk.Queries.MyTasksAsync(id)).Tasks);

        foreach (var bad in new[] { (EmploymentCategory)0, EmploymentCategory.Regular | EmploymentCategory.Contractor, (EmploymentCategory)8 })
        {
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                _desk.Organization.SaveStaffAsync(id, 2, new StaffInput("K001", "会計 年度", null, _tax, null, null, null, null, bad)));
            Assert.Equal(ErrorCodes.Required, e.Errors["employmentCategory"].Single().Code);
        }
        await using var db = _desk.CreateDbContext();
        Assert.Equal(EmploymentCategory.FiscalYearAppointed, (await db.Staff.SingleAsync(s => s.Id == id)).Category);
    }
}
