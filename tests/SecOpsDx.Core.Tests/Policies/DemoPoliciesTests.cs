using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class DemoPoliciesTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db);
        await using var db = _db.CreateContext();
        await DemoOrganization.SeedAsync(db, 30, JapanTime.DateOf(PolicyDesk.Start));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task SeedAsync()
    {
        await using var db = _db.CreateContext();
        await DemoPolicies.SeedAsync(_desk.Sync, db, PolicyDesk.PolicyFolder, "user-admin", "情報 太郎", PolicyDesk.Start);
    }

    [Fact]
    public async Task The_demo_register_has_a_revision_awaiting_approval_an_overdue_review_an_old_edition_and_pending_staff()
    {
        await SeedAsync();

        var register = await _desk.Queries.RegisterAsync();
        Assert.True(register.Count >= 12);
        Assert.All(register, r => Assert.NotNull(r.InForceNumber));
        Assert.Equal(PolicyRevisionState.AwaitingApproval, register.Single(r => r.Slug == DemoPolicies.AwaitingSlug).OpenRevisionState);
        Assert.Equal(ReviewNeed.Overdue, register.Single(r => r.Slug == DemoPolicies.OverdueSlug).Need);
        Assert.Equal(ReviewNeed.OlderEdition, register.Single(r => r.Slug == DemoPolicies.OldEditionSlug).Need);
        Assert.Equal(2, (await _desk.Queries.DocumentAsync("basic-policy"))!.InForce!.Number);
        Assert.Equal(1, (await _desk.Queries.DocumentAsync("basic-policy"))!.Revisions.Count(r => r.State == PolicyRevisionState.Superseded));

        await using var db = _db.CreateContext();
        var staffAccount = await db.Staff.SingleAsync(s => s.EmployeeNumber == "D0005");
        var manager = await db.Staff.SingleAsync(s => s.EmployeeNumber == "D0004");
        Assert.NotEmpty(await _desk.Queries.PendingAcknowledgmentsAsync(staffAccount.Id));
        Assert.DoesNotContain(await _desk.Queries.PendingAcknowledgmentsAsync(manager.Id), p => p.Slug == "basic-policy");
        var rates = (await _desk.Queries.DepartmentAcknowledgmentsAsync(staffAccount.DepartmentId))!;
        Assert.Contains(rates.Documents, d => d.Acknowledged > 0 && d.Missing > 0);
    }

    [Fact]
    public async Task The_basic_policy_that_cites_article_244_6_takes_effect_when_that_article_does()
    {
        // 地方自治法 第244条の6 (added by 令和6年法律第65号) applies from 2026-04-01; the 基本方針 whose 第10条 rests on
        // it cannot be in force before then.
        await SeedAsync();

        var basic = (await _desk.Queries.DocumentAsync("basic-policy"))!;

        var v2 = basic.Revisions.Single(r => r.Number == 2);
        Assert.Equal(new DateOnly(2026, 4, 1), v2.EffectiveOn);
        Assert.Contains("第244条の6", await File.ReadAllTextAsync(Path.Combine(PolicyDesk.PolicyFolder, "01-basic-policy.md")));
    }

    [Fact]
    public async Task The_security_standards_keep_article_10_as_deleted_their_articles_in_order_and_the_security_cloud()
    {
        await SeedAsync();

        var standards = (await _desk.Queries.DocumentAsync("security-standards"))!;
        Assert.Equal([1, 2, 3], standards.Revisions.Select(r => r.Number).Order());
        Assert.Equal(3, standards.InForce!.Number);
        var text = await File.ReadAllTextAsync(Path.Combine(PolicyDesk.PolicyFolder, "02-security-standards.md"));
        var articles = System.Text.RegularExpressions.Regex.Matches(text, @"^### 第(\d+)条(?:の\d+)?", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Where(m => !m.Value.Contains('の')).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal(Enumerable.Range(1, 27), articles);
        Assert.Contains("### 第10条 削除", text);
        Assert.Contains("自治体情報セキュリティクラウドを利用し", text);
    }

    [Fact]
    public async Task Seeding_again_adds_nothing()
    {
        await SeedAsync();
        await using (var db = _db.CreateContext())
        {
            var counts = (await db.PolicyRevisions.CountAsync(), await db.PolicyAcknowledgments.CountAsync(), await db.PolicyReviews.CountAsync());
            await SeedAsync();
            Assert.Equal(counts, (await db.PolicyRevisions.CountAsync(), await db.PolicyAcknowledgments.CountAsync(), await db.PolicyReviews.CountAsync()));
        }
    }
}
