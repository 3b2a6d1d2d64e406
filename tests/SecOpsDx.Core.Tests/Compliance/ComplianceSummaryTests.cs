using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Incidents;
using SecOpsDx.Core.Tests.Policies;
using SecOpsDx.Core.Tests.Separation;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Tests.Training;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Compliance;

/// <summary>
/// The CISO's summary on a small city whose figures are worked out by hand: two 部 with three 課, five people, one
/// of whom moves from 総務課 to 市民課 in the middle of 令和8年度.
/// </summary>
public sealed class ComplianceSummaryTests : IAsyncLifetime
{
    private static readonly FiscalYear R7 = new(2025), R8 = new(2026);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private ControlDesk _controls = default!;
    private IncidentDesk _incidents = default!;
    private ComplianceQueries _queries = default!;
    private int _generalDept, _general, _citizensDept, _citizens, _tax;
    private int _a, _b, _c, _mover, _leaver;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, new DateOnly(2025, 5, 1));
        _controls = new ControlDesk(_db, _desk.Time, await ControlDesk.PersonAsync(_db, "ciso@example.jp", Roles.Ciso), Path.GetTempPath());
        _incidents = new IncidentDesk(_db, _desk.Time);
        var duty = new RegulatoryDuty(IncidentDesk.Taxonomy);
        _queries = new ComplianceQueries(_desk, _desk.Time, Options.Create(new ComplianceSettings()),
            _desk.Queries, _desk.DrillQueries, new PolicyQueries(_desk, _desk.Time, PolicyDesk.Editions), _controls.Queries, _controls.SelfChecks,
            new IncidentQueries(_desk, IncidentDesk.Taxonomy, _desk.Time, duty), IncidentDesk.Taxonomy,
            new OrganPublicationQueries(_desk, _desk.Time, PolicyDesk.Organs));

        _generalDept = await _desk.DepartmentAsync("1000", "総務部");
        _general = await _desk.DepartmentAsync("1010", "総務課", _generalDept);
        _citizensDept = await _desk.DepartmentAsync("2000", "市民部");
        _citizens = await _desk.DepartmentAsync("2010", "市民課", _citizensDept);
        _tax = await _desk.DepartmentAsync("2020", "税務課", _citizensDept);
        _a = await _desk.StaffAsync("1", _citizens);
        _b = await _desk.StaffAsync("2", _citizens);
        _c = await _desk.StaffAsync("3", _tax);
        _mover = await _desk.StaffAsync("4", _general);
        _leaver = await _desk.StaffAsync("5", _general);

        // 令和7年度: one course for all, due 2025-09-30; a, c and the mover complete it, b and the leaver do not.
        var r7 = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2025, "令和7年度 情報セキュリティ研修", dueOn: new DateOnly(2025, 9, 30)));
        _desk.MoveTo(new DateOnly(2025, 6, 1));
        foreach (var who in new[] { _a, _c, _mover }) await _desk.Confirm.ExecuteAsync(who, r7, new DateOnly(2025, 6, 1), []);

        // 令和8年度: the leaver retires on 2026-04-30; the course is due 2026-09-30; the mover completes it in 総務課
        // and moves to 市民課 on 2026-10-01; a completes, b and c do not.
        _desk.MoveTo(new DateOnly(2026, 4, 1));
        await _desk.UpdateStaffAsync(_leaver, s => s.RetiredOn = new DateOnly(2026, 4, 30));
        var r8 = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "令和8年度 情報セキュリティ研修", dueOn: new DateOnly(2026, 9, 30)));
        _desk.MoveTo(new DateOnly(2026, 6, 1));
        await _desk.Confirm.ExecuteAsync(_mover, r8, new DateOnly(2026, 5, 10), []);
        await _desk.Confirm.ExecuteAsync(_a, r8, new DateOnly(2026, 6, 1), []);
        _desk.MoveTo(new DateOnly(2026, 10, 1));
        await _desk.UpdateStaffAsync(_mover, s => s.DepartmentId = _citizens);
        _desk.MoveTo(new DateOnly(2026, 11, 26));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_whole_organisation_counts_everyone_in_post_and_the_rate_is_completed_over_assigned()
    {
        var s = (await _queries.SummaryAsync(R8))!;

        Assert.Equal(new DateOnly(2026, 11, 26), s.AsOf);
        Assert.Equal(4, s.StaffCount); // the leaver retired in April
        Assert.Equal(new TrainingRate(4, 2, 0, 2), s.Training.Overall);
        // 市民課: a (done), b (overdue), the mover (done, now here); 税務課: c (overdue); 総務課: nobody any more.
        Assert.Equal([(_citizens, 3, 2), (_tax, 1, 0)],
            s.Training.ByDepartment.Select(d => (d.DepartmentId, d.Rate.Assigned, d.Rate.Completed)).ToArray());
        Assert.Equal(2, s.Training.Overdue);
        // 50 % is below the action line (75 %).
        Assert.Equal(AreaStatus.Action, s.Training.Status);
        var reason = Assert.Single(s.Training.Reasons);
        Assert.Equal((ReasonCodes.TrainingRateBelow, 50.0, 75.0), (reason.Code, reason.Value, reason.Limit));
        Assert.NotNull(s.Incidents);
    }

    [Fact]
    public async Task The_trend_has_each_year_judged_on_its_last_day()
    {
        var s = (await _queries.SummaryAsync(R8))!;

        // 令和7年度 on 2026-03-31: five in post, three completed; 令和8年度 today: two of four.
        Assert.Equal([(2025, 5, 3), (2026, 4, 2)], s.Training.Trend.Select(p => (p.Year.StartYear, p.Rate.Assigned, p.Rate.Completed)).ToArray());
    }

    [Fact]
    public async Task A_past_year_counts_the_mover_where_they_were_then()
    {
        var general = (await _queries.SummaryAsync(R7, _generalDept))!;
        var citizens = (await _queries.SummaryAsync(R7, _citizensDept))!;

        Assert.Equal(new DateOnly(2026, 3, 31), general.AsOf);
        // 総務部 in 令和7年度: the mover (done) and the leaver (overdue).
        Assert.Equal(2, general.StaffCount);
        Assert.Equal(new TrainingRate(2, 1, 0, 1), general.Training.Overall);
        Assert.Equal(3, citizens.StaffCount);
        Assert.Equal(new TrainingRate(3, 2, 0, 1), citizens.Training.Overall);
    }

    [Fact]
    public async Task A_manager_sees_their_department_and_those_under_it_and_nothing_of_others()
    {
        var citizensDept = (await _queries.SummaryAsync(R8, _citizensDept))!;
        var citizens = (await _queries.SummaryAsync(R8, _citizens))!;
        var general = (await _queries.SummaryAsync(R8, _generalDept))!;

        Assert.Equal("市民部", citizensDept.DepartmentName);
        Assert.Equal(4, citizensDept.StaffCount);
        Assert.Equal(new TrainingRate(4, 2, 0, 2), citizensDept.Training.Overall);
        Assert.Equal(3, citizens.StaffCount);
        Assert.Equal(new TrainingRate(3, 2, 0, 1), citizens.Training.Overall);
        Assert.DoesNotContain(citizens.Training.ByDepartment, d => d.DepartmentId != _citizens);
        // The mover left 総務部 on 2026-10-01: nothing is left to count there, and no rate is made up.
        Assert.Equal(0, general.StaffCount);
        Assert.Null(general.Training.Overall.Rate);
        Assert.Equal(AreaStatus.Good, general.Training.Status);
        Assert.Equal([(2025, 2, 1)], general.Training.Trend.Select(p => (p.Year.StartYear, p.Rate.Assigned, p.Rate.Completed)).ToArray()[..1]);
        // Tickets belong to no department: a department's summary has no incident figures at all.
        Assert.Null(citizens.Incidents);
        Assert.Null(await _queries.SummaryAsync(R8, 9999));
    }

    [Fact]
    public async Task The_overdue_list_behind_a_rate_has_as_many_rows_as_the_rate_counts_overdue()
    {
        var s = (await _queries.SummaryAsync(R8, _citizensDept))!;
        var list = await _queries.OverdueAsync(R8, _citizensDept);
        var tax = await _queries.OverdueAsync(R8, _tax);

        Assert.Equal(s.Training.Overdue, list.Count);
        Assert.Equal(["2", "3"], list.Select(r => r.EmployeeNumber).Order().ToArray());
        Assert.Equal("3", Assert.Single(tax).EmployeeNumber);
        Assert.Empty(await _queries.OverdueAsync(R8, _generalDept));
    }

    [Fact]
    public async Task Controls_are_scoped_to_those_the_department_owns()
    {
        var model = (await _controls.Queries.ModelAsync());
        var applying = ControlDesk.Catalogue.Controls.Where(c => c.AppliesTo(model)).Take(3).Select(c => c.Id).ToList();
        await _controls.Status.ExecuteAsync(applying[0], null, ControlStatus.Met, null, "設定画面の写し", 0);
        await _controls.Owner.ExecuteAsync(applying[0], _citizens, null);
        await _controls.Owner.ExecuteAsync(applying[1], _tax, null);
        await _controls.Owner.ExecuteAsync(applying[2], _general, null);

        var whole = (await _queries.SummaryAsync(R8))!;
        var citizens = (await _queries.SummaryAsync(R8, _citizensDept))!;

        var applicable = ControlDesk.Catalogue.Controls.Count(c => c.AppliesTo(model));
        Assert.Equal(applicable - 1, whole.Controls.UnmetControls);
        Assert.Equal(ControlDesk.Catalogue.Segments.Count, whole.Controls.BySegment.Count);
        Assert.Equal(1, citizens.Controls.UnmetControls);
        // Never verified counts as overdue: both controls of 市民部.
        Assert.Equal(2, citizens.Controls.OverdueVerifications);
        Assert.True(whole.Controls.OverdueVerifications >= applicable - 1);
        Assert.Equal(ControlDesk.Catalogue.Segments.Count, citizens.Controls.BySegment.Count);
        var first = ControlDesk.Catalogue.Control(applying[0])!;
        var second = ControlDesk.Catalogue.Control(applying[1])!;
        Assert.Equal(ControlDesk.Catalogue.Segments.Count(g => first.AppliesTo(model, g.Code)), citizens.Controls.BySegment.Sum(f => f.Met));
        Assert.Equal(ControlDesk.Catalogue.Segments.Count(g => first.AppliesTo(model, g.Code)) + ControlDesk.Catalogue.Segments.Count(g => second.AppliesTo(model, g.Code)),
            citizens.Controls.BySegment.Sum(f => f.Applicable));
        Assert.Equal(AreaStatus.Action, whole.Controls.Status);
        Assert.Contains(whole.Controls.Reasons, r => r.Code == ReasonCodes.SegmentComplianceBelow && r.Level == AreaStatus.Action);
    }

    [Fact]
    public async Task A_finished_year_lists_its_non_completers_as_overdue_and_the_list_has_as_many_rows_as_the_figure()
    {
        // 令和7年度 (due 2025-09-30) seen on 2026-11-26: b and the leaver never completed it.
        var s = (await _queries.SummaryAsync(R7))!;
        var list = await _queries.OverdueAsync(R7, null);

        Assert.Equal(new TrainingRate(5, 3, 0, 2), s.Training.Overall);
        Assert.Equal(s.Training.Overdue, list.Count);
        Assert.Equal(["2", "5"], list.Select(r => r.EmployeeNumber).Order().ToArray());
    }

    [Fact]
    public async Task A_control_with_one_system_partly_met_is_one_status_on_the_dashboard_the_list_it_links_to_its_page_and_the_matrix()
    {
        // MN-03 is recorded 実施済 for the control as a whole, but one of 市民課's two My Number systems is 一部実施.
        var kacho = new ControlDesk(_db, _desk.Time, await ControlDesk.PersonAsync(_db, "kacho@example.jp", Roles.Manager, "2010"), Path.GetTempPath());
        var juki = await _controls.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("住民記録", "mynumber", _citizens, 40, null));
        var zei = await _controls.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("住民税", "mynumber", _citizens, 20, null));
        await _controls.Status.ExecuteAsync("MN-03", null, ControlStatus.Met, null, "ICカード+PIN", 0);
        await _controls.Status.ExecuteAsync("MN-03", juki, ControlStatus.Met, null, null, 0);
        await _controls.Status.ExecuteAsync("MN-03", zei, ControlStatus.Partial, null, "一部端末のみ", 0);
        await _controls.Owner.ExecuteAsync("MN-03", _citizens, null);
        await _controls.Status.ExecuteAsync("MN-01", null, ControlStatus.Met, null, "FW設定", 0);
        await _controls.Owner.ExecuteAsync("MN-01", _citizens, null);

        var dashboard = (await _queries.SummaryAsync(R8, _citizens))!;
        var list = await kacho.Queries.CatalogueAsync(onlyMine: true);
        var page = (await kacho.Queries.ControlAsync("MN-03"))!;
        var matrix = (await _controls.Queries.MatrixAsync()).Rows.Single(r => r.Control.Id == "MN-03");

        Assert.Equal(ControlStatus.Partial, list.Single(r => r.Control.Id == "MN-03").Status);
        Assert.Equal(ControlStatus.Partial, page.Standing);
        Assert.Equal(ControlStatus.Met, page.State.Status); // what was recorded for the control as a whole stays on record
        Assert.Equal(ControlStatus.Partial, matrix.Status);
        Assert.Equal(ControlStatus.Partial, matrix.Cells.Single(c => c.Segment == "mynumber").Status);
        Assert.Equal(ControlStatus.Partial, (await _controls.Queries.CatalogueAsync()).Single(r => r.Control.Id == "MN-03").Status);
        // 市民課 owns MN-01 (実施済) and MN-03 (一部実施): one unmet, on the dashboard and on the list it links to.
        Assert.Equal(1, dashboard.Controls.UnmetControls);
        Assert.Equal(dashboard.Controls.UnmetControls, list.Count(r => r.Applies && r.Status is ControlStatus.NotMet or ControlStatus.Partial));
    }

    [Theory]
    [InlineData(new[] { ControlStatus.Met, ControlStatus.Met }, ControlStatus.Met)]
    [InlineData(new[] { ControlStatus.Met, ControlStatus.Partial }, ControlStatus.Partial)]
    [InlineData(new[] { ControlStatus.Met, ControlStatus.NotMet }, ControlStatus.Partial)]
    [InlineData(new[] { ControlStatus.NotMet, ControlStatus.NotMet }, ControlStatus.NotMet)]
    [InlineData(new[] { ControlStatus.Met, ControlStatus.NotApplicable }, ControlStatus.Met)]
    public void A_controls_status_comes_from_every_segment_it_applies_to(ControlStatus[] cells, ControlStatus expected) =>
        Assert.Equal(expected, ControlCompliance.StatusOf(ControlStatus.Met,
            cells.Select((c, i) => new MatrixCell("s" + i, true, c, false)).Append(new MatrixCell("off", false, ControlStatus.NotMet, false))));

    [Fact]
    public async Task A_corrected_self_check_finding_is_no_longer_counted_open_for_the_city_or_the_department()
    {
        var model = await _controls.Queries.ModelAsync();
        var applying = ControlDesk.Catalogue.Controls.Where(c => c.AppliesTo(model)).Take(2).Select(c => c.Id).ToList();
        await _controls.Owner.ExecuteAsync(applying[0], _citizens, null);
        await _controls.Owner.ExecuteAsync(applying[1], _tax, null);
        var checkId = await _controls.OpenSelfCheck.ExecuteAsync(2026);
        foreach (var id in applying) await _controls.Answer.ExecuteAsync(checkId, id, ControlStatus.NotMet, null, "是正する", new DateOnly(2027, 3, 31));
        var manager = new ControlDesk(_db, _desk.Time, await ControlDesk.PersonAsync(_db, "shimin-kacho@example.jp", Roles.Manager, "2010"), Path.GetTempPath());
        Assert.Equal((2, 2, 1), await OpenFindingsAsync());

        var finding = (await manager.SelfChecks.DetailAsync(checkId))!.Lines.Single(l => l.Control.Id == applying[0]).Finding!;
        await manager.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, _desk.Today, "是正した。");

        Assert.Equal((1, 1, 0), await OpenFindingsAsync());
        var whole = (await _queries.SummaryAsync(R8))!;
        Assert.Contains(whole.Controls.Reasons, r => r.Code == ReasonCodes.FindingsOpen && r.Value == 1);
    }

    /// <summary>Open findings counted for the whole city, for 市民部 and for 市民課.</summary>
    private async Task<(int, int, int)> OpenFindingsAsync() =>
        ((await _queries.SummaryAsync(R8))!.Controls.OpenFindings, (await _queries.SummaryAsync(R8, _citizensDept))!.Controls.OpenFindings,
            (await _queries.SummaryAsync(R8, _citizens))!.Controls.OpenFindings);

    [Fact]
    public async Task A_missed_PPC_deadline_puts_incidents_on_action_and_open_tickets_are_counted_by_severity_and_state()
    {
        var leak = (await _incidents.Receive.ExecuteAsync(new IncidentIntake("USBメモリ紛失", null, IncidentSource.Internal, "form"))).Id;
        await _incidents.Triage.ExecuteAsync(leak, 0, new TriageInput("loss", "high", NetworkSegment.Lgwan, null, _desk.Time.GetUtcNow(),
            true, 150, false, false, false, false, false, false, null));
        await _incidents.Receive.ExecuteAsync(new IncidentIntake("不審メール", null, IncidentSource.Internal, "form", Severity: "critical"));

        var fresh = (await _queries.SummaryAsync(R8))!.Incidents!;
        Assert.Equal(2, fresh.Open);
        Assert.Equal(1, fresh.BySeverity.Single(x => x.Severity == "critical").Count);
        Assert.Equal(1, fresh.BySeverity.Single(x => x.Severity == "high").Count);
        Assert.Equal(1, fresh.ByState.Single(x => x.Status == IncidentStatus.Received).Count);
        Assert.Equal(1, fresh.ByState.Single(x => x.Status == IncidentStatus.Triage).Count);
        Assert.Contains(fresh.Reasons, r => r.Code == ReasonCodes.OpenAtHighestSeverity && r.Subject == "critical" && r.Value == 1);
        Assert.Equal(0, fresh.PpcMissed);

        _desk.Time.Advance(TimeSpan.FromDays(70));
        var late = (await _queries.SummaryAsync(FiscalYear.Of(_desk.Today)))!.Incidents!;
        Assert.True(late.PpcMissed >= 1);
        Assert.Equal(AreaStatus.Action, late.Status);
    }
}
