using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>The demo municipality's controls: the mix the issue asks for, the same every time, seeded once.</summary>
public sealed class DemoControlsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_demo_has_model_alpha_forty_systems_overdue_checks_an_expiring_and_an_expired_exception_and_last_years_closed_self_check()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var ctx = db.CreateContext())
        {
            await DemoOrganization.SeedAsync(ctx, 0, new DateOnly(2026, 11, 26));
            Assert.Equal(38, await DemoControls.SeedAsync(ctx, ControlDesk.Catalogue, Now));
            Assert.Equal(0, await DemoControls.SeedAsync(ctx, ControlDesk.Catalogue, Now));
        }
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var desk = new ControlDesk(db, time, new AuditActor(null, "system:test"), Path.GetTempPath());

        Assert.Equal("alpha", await desk.Queries.ModelAsync());
        Assert.Equal(40, (await desk.Queries.SystemsAsync()).Count);
        var overdue = (await desk.Queries.DueAsync(new DateOnly(2026, 11, 26))).Overdue.Select(i => i.ControlId).ToList();
        Assert.Equal(["CM-01", "IN-02", "LG-01", DemoControls.OverdueOwnedControl], overdue.Order());
        var exceptions = await desk.Queries.ExceptionsAsync(new DateOnly(2026, 11, 26));
        Assert.Equal([ExceptionState.Expired, ExceptionState.Expiring, ExceptionState.Pending], exceptions.Select(e => e.State));
        var statuses = (await desk.Queries.CatalogueAsync()).Where(r => r.Applies).GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses[ControlStatus.Met] > statuses[ControlStatus.Partial] && statuses[ControlStatus.NotMet] > 0);
        var retired = Assert.Single(await desk.Queries.RetiredAsync());
        Assert.Equal(DemoControls.RetiredControl, retired.ControlId);
        Assert.NotNull(retired.RetiredAt);
        Assert.NotEmpty(retired.Systems);
        Assert.True((await desk.Queries.ControlAsync(DemoControls.RetiredControl))!.Retired);
        var selfCheck = (await desk.SelfChecks.LatestClosedAsync())!;
        Assert.Equal(2025, selfCheck.FiscalYear);
        Assert.True(selfCheck.RollUp.Findings >= 3);
        // One finding was corrected after closing; the others, the overdue and due-soon ones among them, are open.
        Assert.Equal(selfCheck.RollUp.Findings - 1, selfCheck.RollUp.OpenFindings);
        Assert.Equal(selfCheck.RollUp.Controls, selfCheck.RollUp.Answered);
    }

    [Fact]
    public async Task The_demo_admin_is_named_owner_of_overdue_controls_and_citizens_section_has_a_finding_overdue_and_one_due_this_month()
    {
        await using var db = await TestDatabase.CreateAsync();
        string adminId;
        await using (var ctx = db.CreateContext())
        {
            await DemoOrganization.SeedAsync(ctx, 0, new DateOnly(2026, 11, 26));
            var admin = new SecOpsDx.Core.Organization.ApplicationUser { UserName = "admin@example.jp", Email = "admin@example.jp" };
            ctx.Users.Add(admin);
            await ctx.SaveChangesAsync();
            adminId = admin.Id;
            await DemoControls.SeedAsync(ctx, ControlDesk.Catalogue, Now);
        }
        await using var read = db.CreateContext();

        var named = await read.ControlStates.Where(s => s.SystemId == null && s.OwnerUserId != null).Select(s => new { s.ControlId, s.OwnerUserId }).ToListAsync();
        Assert.Equal(DemoControls.NamedOwnerControls, named.Select(n => n.ControlId).Order());
        Assert.All(named, n => Assert.Equal(adminId, n.OwnerUserId));
        var overdue = (await new ControlDesk(db, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now), new AuditActor(null, "system:test"), Path.GetTempPath())
            .Queries.DueAsync(new DateOnly(2026, 11, 26))).Overdue.Select(i => i.ControlId).ToList();
        Assert.All(DemoControls.NamedOwnerControls, id => Assert.Contains(id, overdue));
        var findings = await read.SelfCheckFindings.Where(f => f.WithdrawnAt == null).ToDictionaryAsync(f => f.ControlId, f => f.DueOn);
        Assert.Equal(new DateOnly(2026, 11, 16), findings[DemoControls.OverdueFinding]);
        Assert.Equal(new DateOnly(2026, 11, 30), findings[DemoControls.DueSoonFinding]);
        var open = await read.SelfCheckFindings.Where(f => f.WithdrawnAt == null && f.CorrectedAt == null).Select(f => f.ControlId).ToListAsync();
        Assert.Contains(DemoControls.OverdueFinding, open);
        Assert.Contains(DemoControls.DueSoonFinding, open);
        Assert.DoesNotContain(DemoControls.CorrectedFinding, open);
        Assert.Contains(DemoControls.CorrectedFinding, findings.Keys);
    }
}
