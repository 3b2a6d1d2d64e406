using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

/// <summary>The CSIRT's list and work queue: sorting, 担当=自分, overdue, export, what is waiting.</summary>
public sealed class IncidentListTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private IncidentDesk Desk => new(_db, _time);

    private async Task<int> TicketAsync(string title, string? severity = null)
    {
        var id = (await Desk.Receive.ExecuteAsync(new IncidentIntake(title, null, IncidentSource.Internal, "form", Severity: severity))).Id;
        _time.Advance(TimeSpan.FromMinutes(5));
        return id;
    }

    private static TriageInput Triage(string severity, string? assignee = null, bool leak = false) => new(
        "malware", severity, NetworkSegment.Lgwan, null, new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9)),
        leak, leak ? 150 : null, false, false, false, false, false, false, assignee);

    [Fact]
    public async Task The_list_sorts_by_severity_rank_and_by_state_in_workflow_order_both_ways()
    {
        var low = await TicketAsync("低", "low");
        var critical = await TicketAsync("重大", "critical");
        var medium = await TicketAsync("中", "medium");
        await Desk.Triage.ExecuteAsync(medium, 0, Triage("medium"));
        await Desk.Move.ExecuteAsync(medium, 1, IncidentStatus.Handling);

        async Task<int[]> Ids(IncidentSort sort, bool desc) =>
            (await Desk.Queries.ListAsync(new IncidentFilter(Sort: sort, Descending: desc))).Items.Select(r => r.Id).ToArray();
        Assert.Equal([critical, medium, low], await Ids(IncidentSort.Severity, desc: true));
        Assert.Equal([low, medium, critical], await Ids(IncidentSort.Severity, desc: false));
        Assert.Equal(medium, (await Ids(IncidentSort.Status, desc: true))[0]);
        Assert.Equal([low, critical, medium], await Ids(IncidentSort.Number, desc: false));
    }

    [Fact]
    public async Task Mine_and_overdue_filter_the_list_and_the_export_carries_every_row_beyond_one_page()
    {
        await using (var db = _db.CreateContext())
        {
            db.Users.Add(new SecOpsDx.Core.Organization.ApplicationUser { Id = "u-me", UserName = "me@example.jp", Email = "me@example.jp", DisplayName = "私" });
            await db.SaveChangesAsync();
        }
        var mine = await TicketAsync("自分の担当");
        await Desk.Triage.ExecuteAsync(mine, 0, Triage("medium", assignee: "u-me"));
        var leak = await TicketAsync("漏えい");
        await Desk.Triage.ExecuteAsync(leak, 0, Triage("high", leak: true));
        var withTask = await TicketAsync("タスク期限切れ");
        await Desk.AddTask.ExecuteAsync(withTask, "ログを確認", null, new DateOnly(2026, 11, 25));
        for (var i = 0; i < 3; i++) await TicketAsync($"その他{i}");

        Assert.Equal([mine], (await Desk.Queries.ListAsync(new IncidentFilter(AssigneeUserId: "u-me"))).Items.Select(r => r.Id));
        Assert.Equal([withTask], (await Desk.Queries.ListAsync(new IncidentFilter(OverdueOnly: true))).Items.Select(r => r.Id));
        _time.Advance(TimeSpan.FromDays(10)); // the PPC 速報 deadline of the leak passes too
        Assert.Equal([withTask, leak], (await Desk.Queries.ListAsync(new IncidentFilter(OverdueOnly: true))).Items.Select(r => r.Id));

        var page = await Desk.Queries.ListAsync(new IncidentFilter(PageSize: 2));
        var export = await Desk.Queries.ExportAsync(new IncidentFilter(PageSize: 2));
        Assert.Equal(6, page.Total);
        Assert.Equal(6, export.Count);
        Assert.Equal(page.Items.Select(r => r.Id), export.Take(2).Select(r => r.Id));
    }

    [Fact]
    public async Task The_work_queue_shows_untriaged_reports_oldest_first_my_tickets_overdue_tasks_and_reports_due_within_a_week()
    {
        await using (var db = _db.CreateContext())
        {
            db.Users.Add(new SecOpsDx.Core.Organization.ApplicationUser { Id = "u-me", UserName = "me@example.jp", Email = "me@example.jp" });
            await db.SaveChangesAsync();
        }
        var first = await TicketAsync("最初の報告");
        var second = await TicketAsync("次の報告");
        var mine = await TicketAsync("自分の担当");
        await Desk.Triage.ExecuteAsync(mine, 0, Triage("medium", assignee: "u-me", leak: true));
        await Desk.AddTask.ExecuteAsync(mine, "期限切れのタスク", null, new DateOnly(2026, 11, 25));
        await Desk.AddTask.ExecuteAsync(mine, "まだ先のタスク", null, new DateOnly(2026, 12, 25));

        var queue = await Desk.Queries.WorkQueueAsync("u-me");

        Assert.Equal([first, second], queue.Untriaged.Select(t => t.Id));
        Assert.Equal([mine], queue.AssignedToMe.Select(t => t.Id));
        Assert.Equal(["期限切れのタスク"], queue.OverdueTasks.Select(t => t.Title));
        Assert.Equal([IncidentTaxonomy.PpcPreliminary], queue.ReportsDue.Select(r => r.Channel)); // 確報 is weeks away
        Assert.Empty((await Desk.Queries.WorkQueueAsync(null)).AssignedToMe);
    }
}
