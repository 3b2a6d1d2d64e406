using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>Drills under the α model (mail as text: no open rate) and reports that reached a manager, recorded by hand.</summary>
public sealed class DrillHandReportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateOnly HeldOn = new(2026, 10, 1);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _division, _tax, _citizens;
    private int _tanaka, _suzuki, _sato, _yamada;
    private int _drill;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, Today);
        _division = await _desk.DepartmentAsync("2000", "市民部");
        _tax = await _desk.DepartmentAsync("2020", "税務課", _division);
        _citizens = await _desk.DepartmentAsync("2010", "市民課", _division);
        _tanaka = await _desk.StaffAsync("1", _tax, email: "tanaka@city.example.jp");
        _suzuki = await _desk.StaffAsync("2", _tax, email: "suzuki@city.example.jp");
        _sato = await _desk.StaffAsync("3", _citizens, email: "sato@city.example.jp");
        _yamada = await _desk.StaffAsync("4", _citizens, email: "yamada@city.example.jp");
        var manager = await _desk.StaffAsync("9", _citizens, email: "kacho@city.example.jp");
        await _desk.AccountAsync("u-citizens-manager", Roles.Manager, manager);
        await _desk.AccountAsync("u-division-manager", Roles.Manager, await _desk.StaffAsync("8", _division, email: "bucho@city.example.jp"));
        await _desk.AccountAsync("u-staff", Roles.Staff, _sato);
        await _desk.AccountAsync("u-ciso", Roles.Ciso);

        const string header = "id,status,ip,latitude,longitude,send_date,reported,email,first_name,last_name,position\n";
        static string Row(string status, string email, bool reported = false) =>
            $"x,{status},,0,0,2026-10-01T09:00:00+09:00,{(reported ? "true" : "false")},{email},太郎,試験,主事\n";
        var csv = header + Row("Clicked Link", "tanaka@city.example.jp") + Row("Email Opened", "suzuki@city.example.jp", reported: true)
            + Row("Email Sent", "sato@city.example.jp") + Row("Clicked Link", "yamada@city.example.jp");
        _drill = (await _desk.Drills.ImportAsync("令和8年度 第1回", Encoding.UTF8.GetBytes(csv))).DrillId!.Value;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("alpha", false)]
    [InlineData("alpha-prime", false)]
    [InlineData("beta", true)]
    [InlineData("beta-prime", true)]
    public async Task Under_alpha_and_alpha_prime_mail_arrives_as_text_and_the_open_rate_is_not_given(string model, bool opensMeasured)
    {
        await _desk.SetModelAsync(model);
        var report = (await _desk.DrillQueries.ReportAsync(_drill))!;

        Assert.Equal(model, report.Measures.Model);
        Assert.Equal(opensMeasured, report.Measures.OpensMeasured);
        Assert.Equal(!opensMeasured, report.Measures.MailArrivesAsText);
        // Two of four reached "opened" or beyond (tanaka clicked, suzuki opened, yamada clicked): 75 %, given only when measured.
        Assert.Equal(opensMeasured ? 0.75 : null, report.Measures.OpenRate(report.Counts));
        Assert.Equal(0.5, report.Counts.Rate(report.Counts.Clicked));
    }

    [Fact]
    public async Task Without_a_chosen_model_the_default_alpha_applies_and_opens_are_not_measured()
    {
        var measures = await _desk.DrillQueries.MeasuresAsync();
        Assert.Equal("alpha", measures.Model);
        Assert.False(measures.OpensMeasured);
    }

    [Fact]
    public async Task A_manager_records_a_report_that_reached_them_and_the_report_rate_counts_it_once_and_audited()
    {
        await _desk.DrillReportAs("u-citizens-manager", "市民 課長").ExecuteAsync(_drill, _sato, new DateOnly(2026, 10, 2), "課長へメールを転送");

        var report = (await _desk.DrillQueries.ReportAsync(_drill))!;
        Assert.Equal(new DrillCounts(4, 3, 2, 0, 2, 1), report.Counts);
        Assert.Equal(new DrillCounts(2, 1, 1, 0, 1, 1), report.Departments.Single(d => d.DepartmentId == _citizens).Counts);
        var sato = report.People.Items.Single(p => p.StaffId == _sato);
        Assert.True(sato.HasReported);
        Assert.False(sato.Reported);
        Assert.Equal((new DateOnly(2026, 10, 2), "市民 課長", "課長へメールを転送"), (sato.ByHand!.ReceivedOn, sato.ByHand.RecordedByName, sato.ByHand.Note));
        Assert.Equal(2, (await _desk.DrillQueries.DrillsAsync()).Single().Counts.Reported);

        // Recorded a second time, by anyone: refused, so the person is never counted twice.
        var again = await Assert.ThrowsAsync<DomainException>(() => _desk.DrillReportAs("u-ciso").ExecuteAsync(_drill, _sato, Today, null));
        Assert.Equal(ErrorCodes.DrillAlreadyReported, again.Code);
        // Nor someone the drill tool already counted (the report button).
        var pressed = await Assert.ThrowsAsync<DomainException>(() => _desk.DrillReportAs("u-ciso").ExecuteAsync(_drill, _suzuki, Today, null));
        Assert.Equal(ErrorCodes.DrillAlreadyReported, pressed.Code);
        Assert.Equal(2, (await _desk.DrillQueries.ReportAsync(_drill))!.Counts.Reported);

        await using var db = _desk.CreateDbContext();
        var row = await db.DrillManualReports.SingleAsync();
        Assert.Equal("u-citizens-manager", row.RecordedByUserId);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(DrillManualReport)).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal("Insert", entry.Action);
        Assert.Contains("課長へメールを転送", entry.Changes);
    }

    [Fact]
    public async Task A_manager_asking_for_a_recipient_of_another_department_is_refused_by_core()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            _desk.DrillReportAs("u-citizens-manager").ExecuteAsync(_drill, _tanaka, Today, "他課の職員"));
        Assert.Equal(ErrorCodes.NotYourDepartment, refused.Code);

        // Staff record nothing, whoever they ask for.
        var staff = await Assert.ThrowsAsync<DomainException>(() => _desk.DrillReportAs("u-staff").ExecuteAsync(_drill, _sato, Today, null));
        Assert.Equal(ErrorCodes.DrillRecorderOnly, staff.Code);

        await using var db = _desk.CreateDbContext();
        Assert.Empty(await db.DrillManualReports.ToListAsync());
        Assert.Equal(1, (await _desk.DrillQueries.ReportAsync(_drill))!.Counts.Reported);
    }

    [Fact]
    public async Task A_manager_of_a_bu_records_for_its_ka_and_the_CISO_office_for_anyone()
    {
        await _desk.DrillReportAs("u-division-manager").ExecuteAsync(_drill, _tanaka, Today, null);
        await _desk.DrillReportAs("u-ciso").ExecuteAsync(_drill, _yamada, Today, null);
        Assert.Equal(3, (await _desk.DrillQueries.ReportAsync(_drill))!.Counts.Reported);
    }

    [Fact]
    public async Task The_day_received_is_required_and_lies_between_the_drill_and_today_and_the_person_must_be_a_recipient()
    {
        var record = _desk.DrillReportAs("u-citizens-manager");
        Assert.Contains("receivedOn", (await Assert.ThrowsAsync<ValidationFailedException>(() => record.ExecuteAsync(_drill, _sato, null, null))).Errors.Keys);
        Assert.Contains("receivedOn", (await Assert.ThrowsAsync<ValidationFailedException>(() => record.ExecuteAsync(_drill, _sato, HeldOn.AddDays(-1), null))).Errors.Keys);
        Assert.Contains("receivedOn", (await Assert.ThrowsAsync<ValidationFailedException>(() => record.ExecuteAsync(_drill, _sato, Today.AddDays(1), null))).Errors.Keys);
        var notThere = await _desk.StaffAsync("5", _citizens, email: "new@city.example.jp");
        Assert.Equal(ErrorCodes.DrillNotRecipient, (await Assert.ThrowsAsync<DomainException>(() => record.ExecuteAsync(_drill, notThere, Today, null))).Code);
        Assert.Equal(ErrorCodes.DrillNotFound, (await Assert.ThrowsAsync<DomainException>(() => record.ExecuteAsync(_drill + 99, _sato, Today, null))).Code);
    }

    [Fact]
    public async Task A_manager_sees_the_drill_for_their_own_department_only_whatever_they_ask_for()
    {
        await _desk.DrillReportAs("u-citizens-manager").ExecuteAsync(_drill, _sato, Today, null);

        var mine = (await _desk.DrillQueriesAs("u-citizens-manager").DepartmentAsync(_drill, departmentId: _tax))!;
        Assert.Equal(_citizens, mine.DepartmentId);
        Assert.False(mine.SeesAllDepartments);
        Assert.Equal([_sato, _yamada], mine.People.Select(p => p.StaffId!.Value).Order().ToArray());
        Assert.Equal(new DrillCounts(2, 1, 1, 0, 1, 1), mine.Counts);

        var office = (await _desk.DrillQueriesAs("u-ciso").DepartmentAsync(null, _tax))!;
        Assert.Equal([_tanaka, _suzuki], office.People.Select(p => p.StaffId!.Value).Order().ToArray());
        Assert.Null(await _desk.DrillQueriesAs("u-staff").DepartmentAsync(_drill, null));
    }
}
