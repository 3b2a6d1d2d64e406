using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Tests.Training;

public sealed class DemoTrainingTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_demo_has_two_past_years_near_92_and_96_percent_this_year_half_done_with_overdue_people_and_drills()
    {
        var desk = new TrainingDesk(_db, Today);
        await using (var db = desk.CreateDbContext())
        {
            await DemoOrganization.SeedAsync(db, 300, Today);
            Assert.True(await DemoTraining.SeedAsync(db, Today) > 0);
            Assert.Equal(0, await DemoTraining.SeedAsync(db, Today));
        }

        double AllStaffRate(SecOpsDx.Core.Training.Queries.TrainingOverview o) => o.Courses.Single(c => c.Title == DemoTraining.AllStaffTitle).Rate.Rate!.Value;
        Assert.InRange(AllStaffRate(await desk.Queries.OverviewAsync(new FiscalYear(2024))), 0.89, 0.95);
        Assert.InRange(AllStaffRate(await desk.Queries.OverviewAsync(new FiscalYear(2025))), 0.93, 0.99);
        Assert.InRange(AllStaffRate(await desk.Queries.OverviewAsync(new FiscalYear(2026))), 0.35, 0.65);
        Assert.NotEmpty(await desk.Queries.OverdueAsync());

        await using var read = desk.CreateDbContext();
        var demoStaff = await read.Staff.SingleAsync(s => s.EmployeeNumber == "D0005");
        var tasks = (await desk.Queries.MyTasksAsync(demoStaff.Id)).Tasks;
        Assert.Contains(tasks, t => t.HasQuiz && t.Status is TrainingStatus.Pending or TrainingStatus.Overdue);
        var drills = await desk.DrillQueries.DrillsAsync();
        Assert.Equal(2, drills.Count);
        var report = (await desk.DrillQueries.ReportAsync(drills[0].Id, pageSize: 1000))!;
        Assert.NotNull(report.Previous);
        Assert.Equal(2, report.Unknown.Total);
        Assert.Equal(report.People.Total, report.People.Items.Count); // everyone on one page here, to count them
        // One report reached 市民課's manager by forwarded mail and was recorded by hand, counted in the report rate.
        var byHand = Assert.Single(report.People.Items, p => p.ByHand is not null);
        Assert.Equal(DemoTraining.HandReportNote, byHand.ByHand!.Note);
        Assert.Equal("市民課", byHand.DepartmentName);
        Assert.Equal(1, report.Counts.ReportedByHand);
        Assert.Equal(report.People.Items.Count(p => p.HasReported), report.Counts.Reported);
    }

    [Fact]
    public async Task The_demo_has_one_retired_course_and_one_withdrawn_paper_record_the_same_on_every_run()
    {
        var desk = new TrainingDesk(_db, Today);
        await using (var db = desk.CreateDbContext())
        {
            await DemoOrganization.SeedAsync(db, 300, Today);
            await DemoTraining.SeedAsync(db, Today);
        }

        var dashboard = await desk.Queries.DashboardAsync(new FiscalYear(2026));
        var retired = Assert.Single(dashboard.Retired);
        Assert.Equal((DemoTraining.RetiredTitle, DemoTraining.RetiredReason), (retired.Title, retired.Reason));
        Assert.DoesNotContain(dashboard.Overview.Courses, c => c.Title == DemoTraining.RetiredTitle);

        await using var read = desk.CreateDbContext();
        Assert.Equal(3, await read.TrainingRecords.CountAsync(r => r.CourseId == retired.CourseId));
        var withdrawal = await read.TrainingRecordWithdrawals.Include(w => w.Record).SingleAsync();
        Assert.Equal(CompletionMethod.Paper, withdrawal.Record!.Method);
        Assert.Equal(DemoTraining.WithdrawnPaperReason, withdrawal.Reason);
        var privacy = (await desk.Queries.CourseNamesAsync(new FiscalYear(2026))).Single(c => c.Title == DemoTraining.PrivacyTitle).Id;
        var row = (await desk.Queries.CourseStatusAsync(privacy, null))!.Rows.Single(r => r.StaffId == withdrawal.Record.StaffMemberId);
        Assert.Equal(TrainingStatus.Overdue, row.Status);
        var staff = await read.Staff.SingleAsync(s => s.Id == withdrawal.Record.StaffMemberId);
        // Deterministic: the first person on the roster who has not taken the privacy course.
        Assert.Equal("100003", staff.EmployeeNumber);
    }
}
