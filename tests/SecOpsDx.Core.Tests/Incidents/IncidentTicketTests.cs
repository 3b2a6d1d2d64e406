using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class IncidentTicketTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2027, 3, 31, 14, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private IncidentDesk Desk(string actor = "csirt@example.jp") => new(_db, _time, actor);

    private IncidentQueries Queries() => Desk().Queries;

    private static IncidentIntake Intake(string title = "メール誤送信") => new(title, "宛先を誤って送信", IncidentSource.Internal, "form");

    private static TriageInput Triage(bool personal = true, int people = 3) => new(
        "missend", "medium", NetworkSegment.Lgwan, "グループウェア", new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.FromHours(9)),
        personal, people, SensitiveData: personal, false, false, false, false, false, null);

    [Fact]
    public async Task Ticket_numbers_run_per_fiscal_year_and_restart_in_April()
    {
        var desk = Desk();
        var first = await desk.Receive.ExecuteAsync(Intake());
        var second = await desk.Receive.ExecuteAsync(Intake());
        _time.SetUtcNow(new DateTimeOffset(2027, 4, 1, 8, 30, 0, TimeSpan.FromHours(9)));
        var next = await desk.Receive.ExecuteAsync(Intake());

        Assert.Equal("2026-0001", first.Number);
        Assert.Equal("2026-0002", second.Number);
        Assert.Equal("2027-0001", next.Number);
    }

    [Fact]
    public async Task Tickets_created_at_the_same_time_get_distinct_numbers()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Desk().Receive.ExecuteAsync(Intake())));

        Assert.Equal(10, created.Select(c => c.Number).Distinct().Count());
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept()
    {
        var id = (await Desk().Receive.ExecuteAsync(Intake())).Id;
        var version = (await Queries().DetailAsync(id))!.Ticket.Version;

        await Desk("first@example.jp").Triage.ExecuteAsync(id, version, Triage());
        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            Desk("second@example.jp").Triage.ExecuteAsync(id, version, Triage() with { Severity = "critical" }));

        Assert.Equal(ErrorCodes.Conflict, conflict.Code);
        var saved = (await Queries().DetailAsync(id))!.Ticket;
        Assert.Equal("medium", saved.Severity);
        Assert.Equal(IncidentStatus.Triage, saved.Status);
    }

    [Fact]
    public async Task Triage_of_a_reportable_leak_opens_both_PPC_reports_with_their_deadlines()
    {
        var id = (await Desk().Receive.ExecuteAsync(Intake())).Id;

        await Desk().Triage.ExecuteAsync(id, 0, Triage());

        var detail = (await Queries().DetailAsync(id))!;
        var pending = detail.Reports.Where(r => r.State == ReportState.Pending).ToList();
        Assert.Equal([IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal, IncidentTaxonomy.NoticeIndividuals], pending.Select(r => r.Channel));
        // Aware 3/31 is day 1: the 速報's target is day 3, Friday 4/2; day 30 is 4/29 (昭和の日), so the 確報 is due Friday 4/30.
        Assert.Equal(new DateOnly(2027, 4, 2), JapanTime.DateOf(pending[0].DueAt!.Value));
        Assert.Equal(new DateOnly(2027, 4, 4), JapanTime.DateOf(detail.Ppc.PreliminaryOuterAt!.Value));
        Assert.Equal(new DateOnly(2027, 4, 30), JapanTime.DateOf(pending[1].DueAt!.Value));
        Assert.Null(pending[2].DueAt); // 本人通知: 「速やかに」, no date in law
        Assert.Equal(ReportState.Pending, detail.Ppc.Notice!.State);
        Assert.Contains(detail.Timeline, e => e.Event == TimelineEvents.Triage && e.Data["ppc"] == "true" && e.Data["preliminary"] == "2027-04-02");
    }

    [Fact]
    public async Task When_a_leak_turns_out_not_reportable_the_pending_reports_are_withdrawn_but_submitted_ones_stay()
    {
        var id = (await Desk().Receive.ExecuteAsync(Intake())).Id;
        await Desk().Triage.ExecuteAsync(id, 0, Triage());
        await Desk().Reports.ExecuteAsync(id, IncidentTaxonomy.PpcPreliminary, ReportState.Submitted, null, "速報を提出");

        var version = (await Queries().DetailAsync(id))!.Ticket.Version;
        await Desk().Triage.ExecuteAsync(id, version, Triage(personal: false));

        var reports = (await Queries().DetailAsync(id))!.Reports.ToDictionary(r => r.Channel);
        Assert.Equal(ReportState.Submitted, reports[IncidentTaxonomy.PpcPreliminary].State);
        Assert.Equal(ReportState.NotRequired, reports[IncidentTaxonomy.PpcFinal].State);
    }

    [Fact]
    public async Task A_ticket_goes_from_intake_to_closure_and_every_step_is_in_the_timeline_and_the_audit_trail()
    {
        var desk = Desk();
        var id = (await desk.Receive.ExecuteAsync(Intake())).Id;
        await desk.Triage.ExecuteAsync(id, 0, Triage(personal: false));
        await desk.Move.ExecuteAsync(id, 1, IncidentStatus.Handling, HandlingPhase.Containment);
        await desk.Timeline.ExecuteAsync(id, "誤送信先に削除を依頼し、削除の回答を受領");
        await desk.Move.ExecuteAsync(id, 2, IncidentStatus.PostIncident);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Close.CloseAsync(id, 3, "", "", ""));
        await desk.Close.CloseAsync(id, 3, "削除を確認", "宛先確認の不足", "送信前の二重確認");

        var detail = (await Queries().DetailAsync(id))!;
        Assert.Equal(IncidentStatus.Closed, detail.Ticket.Status);
        Assert.Equal(6, detail.Timeline.Count); // intake, triage, handling, note, post-incident, closure
        await using var db = _db.CreateContext();
        Assert.True(await db.AuditEntries.CountAsync(e => e.EntityType == nameof(Incident) && e.EntityKey == id.ToString()) >= 5);
        Assert.True((await AuditChainVerifier.VerifyAsync(db)).IsIntact);
    }

    [Fact]
    public async Task Timeline_entries_cannot_be_edited_or_deleted()
    {
        var id = (await Desk().Receive.ExecuteAsync(Intake())).Id;
        await using var db = _db.CreateContext();
        var entry = await db.IncidentTimeline.FirstAsync(e => e.IncidentId == id);

        entry.Text = "書き換え";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Entry(entry).State = EntityState.Deleted;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Bad_intake_names_every_bad_field_and_stores_nothing()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Desk().Receive.ExecuteAsync(
            new IncidentIntake("", null, IncidentSource.External, "api", Category: "nope", Severity: "extreme",
                ReporterEmail: "not-mail", PersonalRecordCount: -3)));

        Assert.Equal(["category", "personalRecordCount", "reporter.email", "severity", "title"], e.Errors.Keys.Order(StringComparer.Ordinal));
        await using var db = _db.CreateContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_report_is_merged_and_both_timelines_say_so()
    {
        var target = await Desk().Receive.ExecuteAsync(Intake("不審メールを開いた"));
        var duplicate = await Desk().Receive.ExecuteAsync(Intake("同じ不審メール"));

        await Desk().Close.MergeAsync(duplicate.Id, 0, target.Number);

        var merged = (await Queries().DetailAsync(duplicate.Id))!;
        Assert.Equal(target.Number, merged.MergedIntoNumber);
        Assert.Contains((await Queries().DetailAsync(target.Id))!.Timeline, t => t.Event == TimelineEvents.MergedFrom && t.Data["number"] == duplicate.Number);
    }

    [Fact]
    public async Task The_dashboard_counts_open_tickets_by_severity_and_lists_deadlines()
    {
        var a = await Desk().Receive.ExecuteAsync(Intake());
        await Desk().Triage.ExecuteAsync(a.Id, 0, Triage());
        await Desk().Receive.ExecuteAsync(Intake() with { Severity = "critical" });

        var dashboard = await Queries().DashboardAsync();

        Assert.Equal(2, dashboard.OpenTotal);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(s => s.Severity == "critical").Count);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(s => s.Severity == "medium").Count);
        Assert.Equal(2, dashboard.Deadlines.Count);
        Assert.Equal(1, dashboard.UntriagedCount);
    }

    [Fact]
    public async Task The_statistics_count_each_ticket_in_its_month_in_Japan_time_within_the_fiscal_year()
    {
        var jst = TimeSpan.FromHours(9);
        foreach (var at in new[]
                 {
                     new DateTimeOffset(2027, 4, 30, 23, 30, 0, jst), // April
                     new DateTimeOffset(2027, 5, 1, 0, 10, 0, jst),   // May in Japan, still April 30th in UTC
                     new DateTimeOffset(2028, 3, 31, 23, 50, 0, jst), // the 年度's last month
                     new DateTimeOffset(2028, 4, 1, 0, 5, 0, jst),    // the next 年度
                 })
        {
            _time.SetUtcNow(at);
            await Desk().Receive.ExecuteAsync(Intake());
        }

        var months = (await Queries().DashboardAsync(new FiscalYear(2027))).Months;

        Assert.Equal(12, months.Count);
        Assert.Equal((2027, 4), (months[0].Year, months[0].Month));
        Assert.Equal([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], months.Select(m => m.Received));
    }

    [Fact]
    public async Task The_statistics_leave_duplicates_out_of_the_categories_and_times_but_count_them_as_received()
    {
        var jst = TimeSpan.FromHours(9);
        var received = new DateTimeOffset(2027, 6, 1, 9, 0, 0, jst);
        _time.SetUtcNow(received);
        foreach (var title in new[] { "一件目", "二件目", "重複" }) await Desk().Receive.ExecuteAsync(Intake(title));
        // Stored as the handling would leave them: triaged after 2, 4 and 30 hours and closed after ten times that, the
        // last as a duplicate.
        await using (var db = _db.CreateContext())
            foreach (var (title, hours) in new[] { ("一件目", 2), ("二件目", 4), ("重複", 30) })
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE Incidents SET Category = 'malware', TriagedAt = {received.AddHours(hours).UtcTicks}, ClosedAt = {received.AddHours(hours * 10).UtcTicks},
                        Closure = {(title == "重複" ? "Duplicate" : "Resolved")}, Status = 'Closed' WHERE Title = {title}
                    """);

        var d = await Queries().DashboardAsync(new FiscalYear(2027));

        Assert.Equal(3, d.Months.Single(m => m.Month == 6).Received);
        Assert.Equal(3, d.Months.Single(m => m.Month == 6).Closed);
        Assert.Equal(new MonthCategoryStat(2027, 6, "malware", 2), Assert.Single(d.MonthsByCategory));
        Assert.Equal(2, Assert.Single(d.Categories).Count);
        Assert.Equal(3.0, d.MedianHoursToTriage);
        Assert.Equal(30.0, d.MedianHoursToClose);
    }

    private static IncidentIntake ApiLeak(int people = 150) =>
        new("住民データの外部流出", "委託先サーバーから流出", IncidentSource.System, "api", "vendor", "high",
            AwareAt: new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.FromHours(9)), PersonalDataInvolved: true, PersonalRecordCount: people);

    [Fact]
    public async Task A_reportable_leak_received_through_the_API_has_its_PPC_duty_stored_at_once_and_shown_the_same_everywhere()
    {
        var created = await Desk().Receive.ExecuteAsync(ApiLeak());

        var detail = (await Queries().DetailAsync(created.Id))!;
        Assert.True(detail.Ppc.MustReport);
        Assert.Equal(ReportState.Pending, detail.Ppc.Preliminary!.State);
        Assert.Equal(new DateOnly(2027, 4, 2), JapanTime.DateOf(detail.Ppc.Preliminary.DueAt!.Value));
        Assert.Equal(new DateOnly(2027, 4, 30), JapanTime.DateOf(detail.Ppc.Final!.DueAt!.Value));
        var row = (await Queries().ListAsync(new IncidentFilter())).Items.Single();
        Assert.Equal(detail.Ppc.Preliminary.DueAt, row.NextDueAt);
        var dashboard = await Queries().DashboardAsync();
        Assert.Equal([IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal], dashboard.Deadlines.Where(d => d.IncidentId == created.Id).Select(d => d.Channel));
    }

    [Fact]
    public async Task A_leak_of_100_people_or_fewer_without_other_reasons_creates_no_duty()
    {
        var created = await Desk().Receive.ExecuteAsync(ApiLeak(people: 100));

        var detail = (await Queries().DetailAsync(created.Id))!;
        Assert.False(detail.Ppc.MustReport);
        Assert.Null((await Queries().ListAsync(new IncidentFilter())).Items.Single().NextDueAt);
        Assert.Empty((await Queries().DashboardAsync()).Deadlines);
    }

    [Fact]
    public async Task Recording_the_preliminary_report_stops_its_countdown_and_the_final_report_counts_down_alone()
    {
        var created = await Desk().Receive.ExecuteAsync(ApiLeak());

        await Desk().Reports.ExecuteAsync(created.Id, IncidentTaxonomy.PpcPreliminary, ReportState.Submitted, null, "電話とメールで速報");

        var detail = (await Queries().DetailAsync(created.Id))!;
        Assert.Equal(ReportState.Submitted, detail.Ppc.Preliminary!.State);
        Assert.Equal(IncidentTaxonomy.PpcFinal, detail.Ppc.Next!.Channel);
        Assert.Equal(detail.Ppc.Final!.DueAt, (await Queries().ListAsync(new IncidentFilter())).Items.Single().NextDueAt);
        Assert.Equal([IncidentTaxonomy.PpcFinal], (await Queries().DashboardAsync()).Deadlines.Select(d => d.Channel));
    }

    [Fact]
    public async Task Tickets_stored_without_their_duty_get_it_from_the_backfill_once()
    {
        var created = await Desk().Receive.ExecuteAsync(ApiLeak());
        await using (var db = _db.CreateContext())
        {
            // As an older version stored API tickets: no report rows at all.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM IncidentReports");
        }

        await using (var db = _db.CreateContext())
        {
            Assert.Equal(1, await Desk().Duty.BackfillAsync(db));
            Assert.Equal(0, await Desk().Duty.BackfillAsync(db));
        }

        Assert.True((await Queries().DetailAsync(created.Id))!.Ppc.MustReport);
    }

    [Fact]
    public async Task A_ticket_with_a_required_report_outstanding_cannot_close_until_it_is_sent_or_waived_with_a_reason()
    {
        var desk = Desk();
        var id = (await desk.Receive.ExecuteAsync(ApiLeak())).Id;
        await desk.Triage.ExecuteAsync(id, 0, Triage(people: 150) with { SensitiveData = false });
        await desk.Move.ExecuteAsync(id, 1, IncidentStatus.Handling);
        await desk.Move.ExecuteAsync(id, 2, IncidentStatus.PostIncident);

        var loose = await desk.Close.LooseEndsAsync(id);
        Assert.Equal([IncidentTaxonomy.NoticeIndividuals, IncidentTaxonomy.PpcFinal, IncidentTaxonomy.PpcPreliminary], loose.PendingReportChannels.Order(StringComparer.Ordinal));
        var refused = await Assert.ThrowsAsync<DomainException>(() => desk.Close.CloseAsync(id, 3, "対応完了", "設定ミス", "設定手順の見直し"));
        Assert.Equal(ErrorCodes.ReportsOutstanding, refused.Code);

        await desk.Reports.ExecuteAsync(id, IncidentTaxonomy.PpcPreliminary, ReportState.Submitted, null, null);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.Reports.ExecuteAsync(id, IncidentTaxonomy.PpcFinal, ReportState.Waived, null, " "));
        await desk.Reports.ExecuteAsync(id, IncidentTaxonomy.PpcFinal, ReportState.Waived, null, "委員会の指示により速報で完結");
        // The PPC reports are done, but the people have not been told: still refused.
        refused = await Assert.ThrowsAsync<DomainException>(() => desk.Close.CloseAsync(id, 3, "対応完了", "設定ミス", "設定手順の見直し"));
        Assert.Equal(ErrorCodes.ReportsOutstanding, refused.Code);
        await desk.Reports.ExecuteAsync(id, IncidentTaxonomy.NoticeIndividuals, ReportState.AlternativeMeasure, null,
            "連絡先の分からない方が多いため、市ホームページで公表し、問合せ窓口を設けた");
        await desk.Close.CloseAsync(id, 3, "対応完了", "設定ミス", "設定手順の見直し");

        Assert.Equal(IncidentStatus.Closed, (await Queries().DetailAsync(id))!.Ticket.Status);
    }

    [Fact]
    public async Task A_notice_to_the_individuals_is_recorded_with_when_and_how_or_refused_with_the_reason()
    {
        var desk = Desk();
        var id = (await desk.Receive.ExecuteAsync(ApiLeak(people: 150))).Id;

        var noMethod = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Reports.ExecuteAsync(id, IncidentTaxonomy.NoticeIndividuals, ReportState.Submitted, null, null));
        Assert.Contains(ErrorCodes.NoticeMethodRequired, noMethod.Errors["method"].Select(e => e.Code));
        var noMeasure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Reports.ExecuteAsync(id, IncidentTaxonomy.NoticeIndividuals, ReportState.AlternativeMeasure, null, "  "));
        Assert.Contains(ErrorCodes.AlternativeMeasureRequired, noMeasure.Errors["note"].Select(e => e.Code));
        var notForReports = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            desk.Reports.ExecuteAsync(id, IncidentTaxonomy.PpcFinal, ReportState.AlternativeMeasure, null, "公表した"));
        Assert.Contains(ErrorCodes.AlternativeOnlyForNotice, notForReports.Errors["state"].Select(e => e.Code));
        Assert.Equal(ReportState.Pending, (await Queries().DetailAsync(id))!.Ppc.Notice!.State);

        var notified = new DateTimeOffset(2027, 3, 31, 12, 0, 0, TimeSpan.FromHours(9));
        await desk.Reports.ExecuteAsync(id, IncidentTaxonomy.NoticeIndividuals, ReportState.Submitted, notified, "150名全員に通知", "郵送");

        var detail = (await Queries().DetailAsync(id))!;
        Assert.Equal(ReportState.Submitted, detail.Ppc.Notice!.State);
        Assert.Equal(notified, detail.Ppc.Notice.SubmittedAt);
        Assert.Equal("郵送", detail.Ppc.Notice.Method);
        Assert.Contains(detail.Timeline, e => e.Event == TimelineEvents.Report && e.Data["channel"] == IncidentTaxonomy.NoticeIndividuals && e.Data["method"] == "郵送");
        Assert.DoesNotContain((await Queries().DashboardAsync()).NoticesPending, n => n.IncidentId == id);

        // A later triage that keeps the duty leaves the notice as given.
        await desk.Triage.ExecuteAsync(id, detail.Ticket.Version, Triage(people: 150));
        Assert.Equal(ReportState.Submitted, (await Queries().DetailAsync(id))!.Ppc.Notice!.State);
    }

    [Fact]
    public async Task An_open_notice_shows_on_the_CISOs_list_until_it_is_given()
    {
        var id = (await Desk().Receive.ExecuteAsync(ApiLeak())).Id;

        var notice = Assert.Single((await Queries().DashboardAsync()).NoticesPending);
        Assert.Equal(id, notice.IncidentId);
        await Desk().Reports.ExecuteAsync(id, IncidentTaxonomy.NoticeIndividuals, ReportState.Waived, null, "法第78条第1項に該当するため通知しない");
        Assert.Empty((await Queries().DashboardAsync()).NoticesPending);
    }

    [Fact]
    public async Task Deadlines_stored_under_the_earlier_count_are_recounted_at_start_and_reports_sent_keep_their_state()
    {
        var desk = Desk();
        var id = (await desk.Receive.ExecuteAsync(ApiLeak())).Id;
        await desk.Reports.ExecuteAsync(id, IncidentTaxonomy.PpcPreliminary, ReportState.Submitted, null, "速報済");
        await using (var db = _db.CreateContext())
        {
            // As an earlier release stored them: 確報 one day late, and no 本人通知 row.
            await db.Database.ExecuteSqlRawAsync("UPDATE IncidentReports SET DueAt = DueAt + {0} WHERE Channel = {1}",
                TimeSpan.FromDays(3).Ticks, IncidentTaxonomy.PpcFinal);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM IncidentReports WHERE Channel = {0}", IncidentTaxonomy.NoticeIndividuals);
        }

        await using (var db = _db.CreateContext())
        {
            Assert.Equal(1, await desk.Duty.BackfillAsync(db));
            Assert.Equal(0, await desk.Duty.BackfillAsync(db));
        }
        // The next start reads the deadlines back in UTC: the same instants, so nothing is written or audited again.
        var audited = await AuditCountAsync();
        await using (var db = _db.CreateContext()) Assert.Equal(0, await desk.Duty.BackfillAsync(db));
        Assert.Equal(audited, await AuditCountAsync());

        var detail = (await Queries().DetailAsync(id))!;
        Assert.Equal(new DateOnly(2027, 4, 30), JapanTime.DateOf(detail.Ppc.Final!.DueAt!.Value));
        Assert.Equal(ReportState.Submitted, detail.Ppc.Preliminary!.State);
        Assert.Equal(ReportState.Pending, detail.Ppc.Notice!.State);
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = _db.CreateContext();
        return await db.AuditEntries.CountAsync();
    }

    [Fact]
    public async Task A_title_keeps_its_words_but_loses_control_characters_and_reversing_marks()
    {
        var id = (await Desk().Receive.ExecuteAsync(Intake("メール\u0000誤送信\u0007\u202E先宛") with { Description = "一行目\r\n二行目\t(タブ)" })).Id;

        var ticket = (await Queries().DetailAsync(id))!.Ticket;
        Assert.Equal("メール誤送信先宛", ticket.Title);
        Assert.Equal("一行目\r\n二行目\t(タブ)", ticket.Description);
    }

    [Theory]
    [InlineData(1026)]
    [InlineData(1)]
    public async Task A_mistyped_year_is_refused_at_intake_and_triage_naming_the_field(int year)
    {
        var when = new DateTimeOffset(year, 11, 25, 9, 0, 0, TimeSpan.FromHours(9));
        var intake = await Assert.ThrowsAsync<ValidationFailedException>(() => Desk().Receive.ExecuteAsync(Intake() with { OccurredAt = when }));
        Assert.Equal(ErrorCodes.TooEarly, intake.Errors["occurredAt"].Single().Code);

        var id = (await Desk().Receive.ExecuteAsync(Intake())).Id;
        var triage = await Assert.ThrowsAsync<ValidationFailedException>(() => Desk().Triage.ExecuteAsync(id, 0, Triage() with { AwareAt = when }));
        Assert.Equal(ErrorCodes.TooEarly, triage.Errors["awareAt"].Single().Code);
    }
}
