using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class PolicyAcknowledgmentTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _desk = default!;
    private string _folder = default!;
    private Dictionary<string, int> _departments = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true });
        _departments = await _desk.DepartmentsAsync();
        _folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。"));
        await _desk.Sync.ExecuteAsync(_folder);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task ReviseAsync(int version, string change, string effective = "2026-04-01") =>
        Assert.False((await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(_folder, "basic.md",
            PolicyDesk.File_("basic", version, effective, $"# 方針\n\n第1条 第{version}版の本文。", change: change)))).AnyRefused);

    [Fact]
    public async Task An_acknowledgment_carries_over_an_editorial_revision_and_a_material_one_asks_again()
    {
        var staff = await _desk.StaffAsync("S001", "2010");
        var first = Assert.Single(await _desk.Queries.PendingAcknowledgmentsAsync(staff));
        Assert.True(await _desk.Acknowledge.ExecuteAsync(staff, first.RevisionId, "10.0.0.5"));
        Assert.Empty(await _desk.Queries.PendingAcknowledgmentsAsync(staff));

        await ReviseAsync(2, "editorial");
        Assert.Equal(2, (await _desk.Queries.DocumentAsync("basic"))!.InForce!.Number);
        Assert.Empty(await _desk.Queries.PendingAcknowledgmentsAsync(staff));

        await ReviseAsync(3, "material");
        var again = Assert.Single(await _desk.Queries.PendingAcknowledgmentsAsync(staff));
        Assert.Equal(3, again.Number);
        Assert.True(again.AcknowledgedEarlierVersion);
        Assert.Equal(1, await _desk.Queries.PendingAcknowledgmentCountAsync(staff));
    }

    [Fact]
    public async Task Acknowledgments_are_only_ever_added_and_a_second_press_adds_nothing()
    {
        var staff = await _desk.StaffAsync("S001", "2010");
        var revision = await _desk.RevisionIdAsync("basic", 1);
        Assert.True(await _desk.Acknowledge.ExecuteAsync(staff, revision, "10.0.0.5"));
        Assert.False(await _desk.Acknowledge.ExecuteAsync(staff, revision, "10.0.0.6"));

        await using var db = _db.CreateContext();
        var row = await db.PolicyAcknowledgments.SingleAsync();
        Assert.Equal("10.0.0.5", row.ClientAddress);
        Assert.Equal(PolicyDesk.Start, row.AcknowledgedAt);
        row.ClientAddress = "overwritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_revision_not_in_force_or_not_meant_for_the_person_cannot_be_acknowledged()
    {
        var staff = await _desk.StaffAsync("S001", "2010");
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(_folder, "csirt.md",
            PolicyDesk.File_("csirt", 1, "2025-04-01", "手順", kind: "実施手順", audience: "role:Csirt dept:1030", title: "CSIRT手順")));
        await ReviseAsync(2, "material", effective: "2027-04-01");

        var future = await Assert.ThrowsAsync<DomainException>(async () =>
            await _desk.Acknowledge.ExecuteAsync(staff, await _desk.RevisionIdAsync("basic", 2), null));
        Assert.Equal(ErrorCodes.NotInForce, future.Code);
        var other = await Assert.ThrowsAsync<DomainException>(async () =>
            await _desk.Acknowledge.ExecuteAsync(staff, await _desk.RevisionIdAsync("csirt", 1), null));
        Assert.Equal(ErrorCodes.NotInAudience, other.Code);
        Assert.DoesNotContain(await _desk.Queries.PendingAcknowledgmentsAsync(staff), p => p.Slug == "csirt");
        Assert.False(await _desk.Queries.MayReadAsync("csirt", staff));

        var itStaff = await _desk.StaffAsync("S002", "1030");
        var csirtMember = await _desk.StaffAsync("S003", "2010", role: Roles.Csirt);
        Assert.Contains(await _desk.Queries.PendingAcknowledgmentsAsync(itStaff), p => p.Slug == "csirt");
        Assert.Contains(await _desk.Queries.PendingAcknowledgmentsAsync(csirtMember), p => p.Slug == "csirt");
        Assert.True(await _desk.Queries.MayReadAsync("csirt", csirtMember));
    }

    [Fact]
    public async Task The_department_rate_counts_staff_in_post_and_names_who_is_missing()
    {
        var done = await _desk.StaffAsync("S001", "2010");
        await _desk.StaffAsync("S002", "2010");
        await _desk.StaffAsync("S003", "2010", retired: new DateOnly(2026, 3, 31));
        await _desk.StaffAsync("S004", "2010", hired: new DateOnly(2026, 7, 1));
        await _desk.StaffAsync("S005", "1030");
        await _desk.Acknowledge.ExecuteAsync(done, await _desk.RevisionIdAsync("basic", 1), null);

        var rates = (await _desk.Queries.DepartmentAcknowledgmentsAsync(_departments["2010"]))!;
        var rate = Assert.Single(rates.Documents);
        Assert.Equal((2, 1, (decimal?)50.0m), (rate.Applicable, rate.Acknowledged, rate.Percent));
        var missing = await _desk.Queries.MissingAcknowledgmentsAsync(_departments["2010"], rate.DocumentId);
        Assert.Equal(["S002"], missing.Select(m => m.EmployeeNumber));

        // A 部 covers its 課; the one who joins later is counted from the day they join.
        _desk.Time.SetUtcNow(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        var parent = Assert.Single((await _desk.Queries.DepartmentAcknowledgmentsAsync(_departments["2000"]))!.Documents);
        Assert.Equal((3, 1), (parent.Applicable, parent.Acknowledged));
    }

    [Fact]
    public async Task The_organisation_rate_leaves_out_the_acknowledgments_of_people_who_left_or_have_not_joined_yet()
    {
        var inPost = await _desk.StaffAsync("S001", "2010");
        await _desk.StaffAsync("S002", "1030");
        var leaver = await _desk.StaffAsync("S003", "2010");
        var joiner = await _desk.StaffAsync("S004", "1030");
        var basic = await _desk.RevisionIdAsync("basic", 1);
        foreach (var who in new[] { inPost, leaver, joiner })
            Assert.True(await _desk.Acknowledge.ExecuteAsync(who, basic, null));
        async Task<(int, int)> OrganisationAsync()
        {
            var r = (await _desk.Queries.OrganisationAcknowledgmentsAsync()).Single(d => d.Slug == "basic");
            return (r.Applicable, r.Acknowledged);
        }
        Assert.Equal((4, 3), await OrganisationAsync());

        // The leaver retires, the joiner's hiring day turns out to be next month: neither counts, on either side.
        await using (var db = _desk.Database.CreateContext())
        {
            (await db.Staff.SingleAsync(x => x.Id == leaver)).RetiredOn = new DateOnly(2026, 4, 30);
            (await db.Staff.SingleAsync(x => x.Id == joiner)).HiredOn = new DateOnly(2026, 6, 1);
            await db.SaveChangesAsync();
        }
        Assert.Equal((2, 1), await OrganisationAsync());

        // From the joiner's first day they count again, with the acknowledgment they gave.
        _desk.Time.SetUtcNow(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(9)));
        Assert.Equal((3, 2), await OrganisationAsync());
    }

    [Fact]
    public async Task The_rate_follows_carried_acknowledgments_and_counts_a_restricted_procedure_only_for_its_audience()
    {
        var first = await _desk.StaffAsync("S001", "1030");
        await _desk.StaffAsync("S002", "1030");
        var member = await _desk.StaffAsync("S003", "1030", role: Roles.Csirt);
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(_folder, "csirt.md",
            PolicyDesk.File_("csirt", 1, "2025-04-01", "手順", kind: "実施手順", audience: "role:Csirt", title: "CSIRT手順")));
        await _desk.Acknowledge.ExecuteAsync(first, await _desk.RevisionIdAsync("basic", 1), null);
        await _desk.Acknowledge.ExecuteAsync(member, await _desk.RevisionIdAsync("csirt", 1), null);
        async Task<(int, int)> RateAsync(string slug)
        {
            var r = (await _desk.Queries.DepartmentAcknowledgmentsAsync(_departments["1030"]))!.Documents.Single(d => d.Slug == slug);
            return (r.Applicable, r.Acknowledged);
        }

        Assert.Equal((3, 1), await RateAsync("basic"));
        Assert.Equal((1, 1), await RateAsync("csirt"));
        await ReviseAsync(2, "editorial");
        Assert.Equal((3, 1), await RateAsync("basic"));
        await ReviseAsync(3, "material");
        Assert.Equal((3, 0), await RateAsync("basic"));
        Assert.Equal(["S001", "S002", "S003"], (await _desk.Queries.MissingAcknowledgmentsAsync(_departments["1030"],
            (await _desk.Queries.DocumentAsync("basic"))!.Id)).Select(m => m.EmployeeNumber));
    }

    [Fact]
    public async Task Staff_who_left_have_nothing_pending_and_cannot_acknowledge()
    {
        var left = await _desk.StaffAsync("S009", "2010", retired: new DateOnly(2026, 3, 31));
        Assert.Empty(await _desk.Queries.PendingAcknowledgmentsAsync(left));
        var e = await Assert.ThrowsAsync<DomainException>(async () =>
            await _desk.Acknowledge.ExecuteAsync(left, await _desk.RevisionIdAsync("basic", 1), null));
        Assert.Equal(ErrorCodes.NoStaffRecord, e.Code);
    }

    [Fact]
    public async Task An_abolished_document_asks_nobody_from_its_day_leaves_the_public_list_and_takes_no_new_version()
    {
        var staff = await _desk.StaffAsync("S001", "2010");
        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Abolish.ExecuteAsync(document.Id, document.Version, new DateOnly(2026, 5, 10), " "));
        var tooEarly = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Abolish.ExecuteAsync(document.Id, document.Version, new DateOnly(2025, 3, 31), "統合"));
        Assert.Contains("abolitionReason", noReason.Errors.Keys);
        Assert.Equal(ErrorCodes.AbolishedBeforeEffective, tooEarly.Errors["abolishedOn"][0].Code);

        await _desk.Abolish.ExecuteAsync(document.Id, document.Version, new DateOnly(2026, 5, 10), "対策基準に統合");

        // Until the day it is still in force and asked for; from the day, nobody is asked and nothing is in force.
        Assert.Single(await _desk.Queries.PendingAcknowledgmentsAsync(staff));
        _desk.Time.Advance(TimeSpan.FromDays(9));
        Assert.Empty(await _desk.Queries.PendingAcknowledgmentsAsync(staff));
        Assert.Empty(await _desk.Queries.PendingAcknowledgmentsOfAllAsync());
        var after = (await _desk.Queries.DocumentAsync("basic"))!;
        Assert.Null(after.InForce);
        Assert.Equal(new DateOnly(2026, 5, 10), after.AbolishedOn);
        Assert.Equal("対策基準に統合", after.AbolitionReason);
        Assert.DoesNotContain(await _desk.Queries.ReviewsOverdueAsync(), r => r.Slug == "basic");
        var start = await Assert.ThrowsAsync<DomainException>(() => _desk.Start_.ExecuteAsync(document.Id));
        Assert.Equal(ErrorCodes.PolicyAbolished, start.Code);
        var twice = await Assert.ThrowsAsync<DomainException>(() => _desk.Abolish.ExecuteAsync(after.Id, after.Version, new DateOnly(2026, 6, 1), "再"));
        Assert.Equal(ErrorCodes.PolicyAbolished, twice.Code);
    }
}
