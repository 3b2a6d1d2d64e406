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
