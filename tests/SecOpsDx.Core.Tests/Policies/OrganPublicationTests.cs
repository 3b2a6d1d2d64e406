using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

/// <summary>Which organs a document is the policy of, their publication, and the gap counted from 2026-04-01 (地方自治法 第244条の6).</summary>
public sealed class OrganPublicationTests : IAsyncLifetime
{
    private static readonly DateOnly March20 = new(2026, 3, 20);
    private TestDatabase? _db;
    private PolicyDesk _desk = default!;
    private int _basic;

    public Task InitializeAsync() => StartAsync(PolicyDesk.Start);

    /// <summary>A fresh register on a clock starting at the moment given, with the 基本方針 (public) in force since 2025-04-01.</summary>
    private async Task StartAsync(DateTimeOffset start)
    {
        if (_db is not null) await _db.DisposeAsync();
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true }, start);
        await _desk.DepartmentsAsync();
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。", publicDoc: true)));
        _basic = (await _desk.Queries.DocumentAsync("basic"))!.Id;
    }

    public async Task DisposeAsync() => await _db!.DisposeAsync();

    private static IReadOnlyList<string> Codes => PolicyDesk.Organs.All.Select(o => o.Code).ToList();

    private async Task PublishAsync(string organ, DateOnly? on, string? place = "https://www.city.example.jp/policy.html", bool covered = true, int? documentId = null)
    {
        var id = documentId ?? _basic;
        var version = (await _desk.OrganQueries.OfDocumentAsync(id)).Single(c => c.OrganCode == organ).Version;
        await _desk.RecordPublication.ExecuteAsync(id, organ, covered, on, on is null ? null : place, version);
    }

    private async Task<int> RowsAsync()
    {
        await using var db = _db!.CreateContext();
        return await db.OrganPublications.CountAsync();
    }

    [Fact]
    public void The_default_list_has_the_assembly_the_mayor_and_the_common_executive_organs()
    {
        var names = PolicyDesk.Organs.All.Select(o => o.Ja).ToList();
        Assert.Equal(["議会", "市長", "教育委員会", "選挙管理委員会", "公平委員会", "監査委員", "農業委員会", "固定資産評価審査委員会"], names);
    }

    [Fact]
    public async Task Organs_covered_without_a_publication_and_organs_not_covered_at_all_are_both_counted_as_unpublished()
    {
        foreach (var code in Codes.Take(6)) await PublishAsync(code, March20);
        await PublishAsync(Codes[6], null); // covered, publication not yet recorded; Codes[7] not covered at all

        var overview = await _desk.OrganQueries.OverviewAsync();

        Assert.True(overview.DutyApplies);
        Assert.Equal(2, overview.Unpublished);
        Assert.Equal([Codes[6], Codes[7]], overview.UnpublishedCodes);
        var agri = overview.Organs.Single(o => o.OrganCode == Codes[6]);
        Assert.False(agri.Published);
        Assert.Equal("basic", Assert.Single(agri.Documents).Slug);
        Assert.Empty(overview.Organs.Single(o => o.OrganCode == Codes[7]).Documents);
    }

    [Fact]
    public async Task Before_2026_04_01_no_organ_is_reported_as_behind_and_from_that_day_each_unpublished_one_is()
    {
        await StartAsync(new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.FromHours(9)));
        await PublishAsync(Codes[0], March20);

        var before = await _desk.OrganQueries.OverviewAsync();
        Assert.False(before.DutyApplies);
        Assert.Null(before.Unpublished);
        Assert.DoesNotContain(ComplianceRules.Policies(new ComplianceSettings(), null, 0, 0, before.Unpublished), r => r.Code == ReasonCodes.OrgansUnpublished);

        _desk.Time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        var after = await _desk.OrganQueries.OverviewAsync();
        Assert.True(after.DutyApplies);
        Assert.Equal(Codes.Count - 1, after.Unpublished);
        var reason = Assert.Single(ComplianceRules.Policies(new ComplianceSettings(), null, 0, 0, after.Unpublished), r => r.Code == ReasonCodes.OrgansUnpublished);
        Assert.Equal(AreaStatus.Action, reason.Level);
        Assert.Equal(Codes.Count - 1, reason.Value);
    }

    [Theory]
    [InlineData("2026-03-31", false)]
    [InlineData("2026-04-01", true)]
    public void The_duty_applies_from_2026_04_01(string day, bool applies)
    {
        var d = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(applies, PublicationDuty.Applies(d));
        Assert.Equal(applies ? 1 : 0, PublicationDuty.Unpublished([new Organ("assembly", "議会", "Assembly")], [], d).Count);
    }

    [Fact]
    public async Task A_publication_counts_only_while_the_document_is_in_force()
    {
        foreach (var code in Codes) await PublishAsync(code, March20);
        Assert.Equal(0, (await _desk.OrganQueries.OverviewAsync()).Unpublished);

        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        _desk.Actor.Actor = PolicyDesk.Approver;
        await _desk.Abolish.ExecuteAsync(_basic, document.Version, _desk.Writes.Today, "対策基準に統合したため");

        Assert.Equal(Codes.Count, (await _desk.OrganQueries.OverviewAsync()).Unpublished);
        Assert.All(await _desk.OrganQueries.PublicAsync(), p => Assert.Null(p.PublishedOn));
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Staff)]
    public async Task A_manager_of_the_owner_department_or_a_staff_member_is_refused_and_nothing_is_stored(string role)
    {
        await _desk.StaffAsync("S0001", "1030", role: role);
        _desk.Actor.Actor = new SecOpsDx.Core.Auditing.AuditActor("user-S0001", "職員 S0001");
        var audit = await _desk.AuditCountAsync();

        var e = await Assert.ThrowsAsync<DomainException>(() => PublishAsync(Codes[0], March20));

        Assert.Equal(ErrorCodes.PublicationOfficeOnly, e.Code);
        Assert.Equal(0, await RowsAsync());
        Assert.Equal(audit, await _desk.AuditCountAsync());
    }

    public static TheoryData<string?, bool, string?, string?, string, string> BadInput() => new()
    {
        // organ, covered, date, place → field, code
        { "assembly", true, "2026-05-02", "https://www.city.example.jp/", "publishedOn", ErrorCodes.InFuture },
        { "assembly", true, "1926-05-01", "市公報 第12号", "publishedOn", ErrorCodes.TooEarly },
        { "assembly", true, "2026-04-01", null, "publicationPlace", ErrorCodes.Required },
        { "assembly", true, null, "市公報 第12号", "publishedOn", ErrorCodes.Required },
        { "assembly", true, "2026-04-01", "javascript:alert(1)", "publicationPlace", ErrorCodes.PublicationPlaceNotWeb },
        { "assembly", true, "2026-04-01", "https://exa mple.jp/", "publicationPlace", ErrorCodes.PublicationPlaceNotWeb },
        { "assembly", false, "2026-04-01", "市公報 第12号", "publishedOn", ErrorCodes.PublicationNeedsCoverage },
        { "harbour-board", true, "2026-04-01", "市公報 第12号", "organ", ErrorCodes.UnknownOrgan },
        { "assembly", true, "2026-04-01", new string('あ', PolicyLimits.PublicationPlace + 1), "publicationPlace", ErrorCodes.TooLong },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_with_its_reason_and_nothing_is_stored(string? organ, bool covered, string? on, string? place, string field, string code)
    {
        var audit = await _desk.AuditCountAsync();
        var day = on is null ? (DateOnly?)null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.RecordPublication.ExecuteAsync(_basic, organ!, covered, day, place, 0));

        Assert.Contains(e.Errors[field], f => f.Code == code);
        Assert.Equal(0, await RowsAsync());
        Assert.Equal(audit, await _desk.AuditCountAsync());
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_trail_and_a_stale_version_is_refused()
    {
        await PublishAsync(Codes[0], null);
        await PublishAsync(Codes[0], March20, "市公報 第12号");
        var stale = 0;

        await using (var db = _db!.CreateContext())
        {
            var entries = await db.AuditEntries.Where(a => a.EntityType == nameof(OrganPublication)).OrderBy(a => a.Sequence).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Contains("市公報 第12号", entries[1].Changes);
        }
        var e = await Assert.ThrowsAsync<DomainException>(() => _desk.RecordPublication.ExecuteAsync(_basic, Codes[0], true, March20, "x", stale));
        Assert.Equal(ErrorCodes.Conflict, e.Code);
    }

    [Fact]
    public async Task The_public_view_names_a_document_only_when_it_is_itself_public()
    {
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(null, "std.md", PolicyDesk.File_("standards", 1, "2025-04-01", "# 基準", kind: "対策基準", title: "対策基準")));
        var standards = (await _desk.Queries.DocumentAsync("standards"))!.Id;
        await PublishAsync(Codes[0], March20);
        await PublishAsync(Codes[1], March20, "本庁舎掲示場", documentId: standards);

        var view = await _desk.OrganQueries.PublicAsync();

        var assembly = view.Single(p => p.OrganCode == Codes[0]);
        Assert.Equal(("basic", March20, "https://www.city.example.jp/policy.html"), (assembly.DocumentSlug, assembly.PublishedOn!.Value, assembly.Place));
        var mayor = view.Single(p => p.OrganCode == Codes[1]);
        Assert.Equal((null, null, "本庁舎掲示場"), (mayor.DocumentSlug, mayor.DocumentTitle, mayor.Place));
        Assert.Null(view.Single(p => p.OrganCode == Codes[2]).PublishedOn);
    }

    [Fact]
    public void A_broken_organ_list_is_refused_with_its_line_and_reason()
    {
        var e = Assert.Throws<MunicipalOrgansException>(() => MunicipalOrgans.Parse("""
            organs:
              - code: assembly
                ja: 議会
                en: Assembly
              - code: assembly
                ja: 議会
                en: Assembly
              - code: Board Of Education
                ja: 教育委員会
                en: Board
            """));
        Assert.Contains("line 5: code 'assembly' appears twice", e.Message);
        Assert.Contains("line 8: code 'Board Of Education' must be lower-case", e.Message);
    }
}
