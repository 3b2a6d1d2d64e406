using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class IncidentCommandsTests : IAsyncLifetime
{
    public static readonly IncidentTaxonomy Taxonomy =
        IncidentTaxonomy.Load(Path.Combine(AppContext.BaseDirectory, "config", IncidentTaxonomy.FileName));

    private readonly MovableTime _time = new(new DateTimeOffset(2027, 3, 31, 14, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private IncidentCommands Commands(string actor = "csirt@example.jp") =>
        new(_db.Factory, Taxonomy, new FixedActor(new AuditActor("u-" + actor, actor)), _time, OfficeCalendar.Default);

    private IncidentQueries Queries() => new(_db.Factory, Taxonomy, _time, OfficeCalendar.Default);

    private static IncidentIntake Intake(string title = "メール誤送信") => new(title, "宛先を誤って送信", IncidentSource.Internal, "form");

    private static TriageInput Triage(bool personal = true, int people = 3) => new(
        "missend", "medium", NetworkSegment.Lgwan, "グループウェア", new DateTimeOffset(2027, 3, 31, 9, 0, 0, TimeSpan.FromHours(9)),
        personal, people, SensitiveData: personal, false, false, false, false, false, null);

    [Fact]
    public async Task Ticket_numbers_run_per_fiscal_year_and_restart_in_April()
    {
        var commands = Commands();
        var first = await commands.CreateAsync(Intake());
        var second = await commands.CreateAsync(Intake());
        _time.Now = new DateTimeOffset(2027, 4, 1, 8, 30, 0, TimeSpan.FromHours(9));
        var next = await commands.CreateAsync(Intake());

        Assert.Equal("2026-0001", first.Number);
        Assert.Equal("2026-0002", second.Number);
        Assert.Equal("2027-0001", next.Number);
    }

    [Fact]
    public async Task Tickets_created_at_the_same_time_get_distinct_numbers()
    {
        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Commands().CreateAsync(Intake())));

        Assert.Equal(10, created.Select(c => c.Number).Distinct().Count());
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept()
    {
        var id = (await Commands().CreateAsync(Intake())).Id;
        var version = (await Queries().DetailAsync(id))!.Ticket.Version;

        await Commands("first@example.jp").TriageAsync(id, version, Triage());
        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            Commands("second@example.jp").TriageAsync(id, version, Triage() with { Severity = "critical" }));

        Assert.Equal(ErrorCodes.Conflict, conflict.Code);
        var saved = (await Queries().DetailAsync(id))!.Ticket;
        Assert.Equal("medium", saved.Severity);
        Assert.Equal(IncidentStatus.Triage, saved.Status);
    }

    [Fact]
    public async Task Triage_of_a_reportable_leak_opens_both_PPC_reports_with_their_deadlines()
    {
        var id = (await Commands().CreateAsync(Intake())).Id;

        await Commands().TriageAsync(id, 0, Triage());

        var detail = (await Queries().DetailAsync(id))!;
        var pending = detail.Reports.Where(r => r.State == ReportState.Pending).ToList();
        Assert.Equal([IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal], pending.Select(r => r.Channel));
        Assert.Equal(new DateOnly(2027, 4, 5), JapanTime.DateOf(pending[0].DueAt!.Value)); // 3/31 + 3 = Sat 4/3 → Mon 4/5
        Assert.Equal(new DateOnly(2027, 4, 30), JapanTime.DateOf(pending[1].DueAt!.Value));
        Assert.Contains(detail.Timeline, e => e.Kind == TimelineKind.Triage && e.Text.Contains("個人情報保護委員会"));
    }

    [Fact]
    public async Task When_a_leak_turns_out_not_reportable_the_pending_reports_are_withdrawn_but_submitted_ones_stay()
    {
        var id = (await Commands().CreateAsync(Intake())).Id;
        await Commands().TriageAsync(id, 0, Triage());
        await Commands().RecordReportAsync(id, IncidentTaxonomy.PpcPreliminary, ReportState.Submitted, null, "速報を提出");

        var version = (await Queries().DetailAsync(id))!.Ticket.Version;
        await Commands().TriageAsync(id, version, Triage(personal: false));

        var reports = (await Queries().DetailAsync(id))!.Reports.ToDictionary(r => r.Channel);
        Assert.Equal(ReportState.Submitted, reports[IncidentTaxonomy.PpcPreliminary].State);
        Assert.Equal(ReportState.NotRequired, reports[IncidentTaxonomy.PpcFinal].State);
    }

    [Fact]
    public async Task A_ticket_goes_from_intake_to_closure_and_every_step_is_in_the_timeline_and_the_audit_trail()
    {
        var commands = Commands();
        var id = (await commands.CreateAsync(Intake())).Id;
        await commands.TriageAsync(id, 0, Triage(personal: false));
        await commands.AdvanceAsync(id, 1, IncidentStatus.Handling, HandlingPhase.Containment);
        await commands.AddTimelineEntryAsync(id, "誤送信先に削除を依頼し、削除の回答を受領");
        await commands.AdvanceAsync(id, 2, IncidentStatus.PostIncident);
        await Assert.ThrowsAsync<IncidentRuleException>(() => commands.CloseAsync(id, 3, "", "", ""));
        await commands.CloseAsync(id, 3, "削除を確認", "宛先確認の不足", "送信前の二重確認");

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
        var id = (await Commands().CreateAsync(Intake())).Id;
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
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Commands().CreateAsync(
            new IncidentIntake("", null, IncidentSource.External, "api", Category: "nope", Severity: "extreme",
                ReporterEmail: "not-mail", PersonalRecordCount: -3)));

        Assert.Equal(["category", "personalRecordCount", "reporter.email", "severity", "title"], e.Errors.Keys.Order(StringComparer.Ordinal));
        await using var db = _db.CreateContext();
        Assert.Equal(0, await db.Incidents.CountAsync());
    }

    [Fact]
    public async Task A_duplicate_report_is_merged_and_both_timelines_say_so()
    {
        var target = await Commands().CreateAsync(Intake("不審メールを開いた"));
        var duplicate = await Commands().CreateAsync(Intake("同じ不審メール"));

        await Commands().MergeAsync(duplicate.Id, 0, target.Number);

        var merged = (await Queries().DetailAsync(duplicate.Id))!;
        Assert.Equal(target.Number, merged.MergedIntoNumber);
        Assert.Contains((await Queries().DetailAsync(target.Id))!.Timeline, t => t.Text.Contains(duplicate.Number));
    }

    [Fact]
    public async Task The_dashboard_counts_open_tickets_by_severity_and_lists_deadlines()
    {
        var a = await Commands().CreateAsync(Intake());
        await Commands().TriageAsync(a.Id, 0, Triage());
        await Commands().CreateAsync(Intake() with { Severity = "critical" });

        var dashboard = await Queries().DashboardAsync();

        Assert.Equal(2, dashboard.OpenTotal);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(s => s.Severity == "critical").Count);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(s => s.Severity == "medium").Count);
        Assert.Equal(2, dashboard.Deadlines.Count);
        Assert.Equal(1, dashboard.UntriagedCount);
    }

    private sealed class MovableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
