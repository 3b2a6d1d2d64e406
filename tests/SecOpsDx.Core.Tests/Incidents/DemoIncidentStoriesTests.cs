using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class DemoIncidentStoriesTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.FromHours(9));
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static RegulatoryDuty Duty => new(IncidentDesk.Taxonomy);

    [Fact]
    public async Task The_first_start_shows_a_ticket_in_every_state_over_two_fiscal_years_with_a_PPC_report_due_soon()
    {
        await using (var db = _db.CreateContext())
            Assert.Equal(8, await DemoIncidentStories.SeedAsync(db, IncidentDesk.Taxonomy, Duty, Now));

        await using var read = _db.CreateContext();
        var tickets = await read.Incidents.AsNoTracking().ToListAsync();
        foreach (var status in Enum.GetValues<IncidentStatus>()) Assert.Contains(tickets, t => t.Status == status);
        foreach (var closure in Enum.GetValues<ClosureKind>()) Assert.Contains(tickets, t => t.Closure == closure);
        Assert.Equal([2025, 2026], tickets.Select(t => t.FiscalYear).Distinct().Order());
        Assert.Contains(tickets, t => t.Closure == ClosureKind.Resolved && !string.IsNullOrEmpty(t.LessonsLearned));

        var dashboard = await new IncidentDesk(_db, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)).Queries.DashboardAsync();
        var due = Assert.Single(dashboard.Deadlines, d => d.Channel == IncidentTaxonomy.PpcPreliminary);
        Assert.InRange(due.DueAt - Now, TimeSpan.Zero, TimeSpan.FromDays(7));
        Assert.True(await read.IncidentTasks.AnyAsync(t => t.DoneAt == null && t.DueOn < JapanTime.DateOf(Now)));
        Assert.True(await read.IncidentTimeline.CountAsync() > 20);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing_and_the_same_date_gives_the_same_tickets()
    {
        await using (var db = _db.CreateContext()) await DemoIncidentStories.SeedAsync(db, IncidentDesk.Taxonomy, Duty, Now);
        await using (var db = _db.CreateContext()) Assert.Equal(0, await DemoIncidentStories.SeedAsync(db, IncidentDesk.Taxonomy, Duty, Now));

        await using var other = await TestDatabase.CreateAsync();
        await using (var db = other.CreateContext()) await DemoIncidentStories.SeedAsync(db, IncidentDesk.Taxonomy, Duty, Now);
        static async Task<string[]> Shape(TestDatabase d)
        {
            await using var db = d.CreateContext();
            return (await db.Incidents.AsNoTracking().OrderBy(i => i.Number).Select(i => new { i.Number, i.Title, i.Status, i.ReceivedAt }).ToListAsync())
                .Select(i => $"{i.Number}|{i.Title}|{i.Status}|{i.ReceivedAt:o}").ToArray();
        }
        Assert.Equal(await Shape(_db), await Shape(other));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(8, 39)]
    [InlineData(23, 50)]
    public async Task Whatever_the_hour_the_demo_starts_nothing_was_received_or_happened_after_it(int hour, int minute)
    {
        // Started just after midnight (Japan time), the morning's report used to be dated hours ahead of the clock and
        // headed every list sorted by arrival.
        var now = new DateTimeOffset(2026, 11, 27, hour, minute, 0, TimeSpan.FromHours(9));
        await using (var db = _db.CreateContext()) await DemoIncidentStories.SeedAsync(db, IncidentDesk.Taxonomy, Duty, now);

        await using var read = _db.CreateContext();
        var tickets = await read.Incidents.AsNoTracking().ToListAsync();
        Assert.All(tickets, t => Assert.True(t.ReceivedAt <= now && t.AwareAt <= t.ReceivedAt, $"{t.Title}: received {t.ReceivedAt:o}"));
        Assert.All(await read.IncidentTimeline.AsNoTracking().ToListAsync(), e => Assert.True(e.At <= now, $"timeline entry at {e.At:o}"));
        Assert.Contains(tickets, t => t.Status == IncidentStatus.Received);
    }
}
