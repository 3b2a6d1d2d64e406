using System.Text;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>A control that leaves the catalogue on an upgrade: retired with its date, its record readable, nothing written to it.</summary>
public sealed class RetiredControlTests : IAsyncLifetime
{
    private const string Dropped = "MN-03";
    // 2026-11-26 10:00 in Japan.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "secopsdx-retired-evidence-" + Guid.NewGuid().ToString("N"));
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly ControlCatalogue Upgraded = new()
    {
        Segments = ControlDesk.Catalogue.Segments, Models = ControlDesk.Catalogue.Models, DefaultModel = ControlDesk.Catalogue.DefaultModel,
        Controls = ControlDesk.Catalogue.Controls.Where(c => c.Id != Dropped).ToList(),
    };
    private TestDatabase _db = default!;
    private AuditActor _cisoActor = default!;
    private AuditActor _ownerActor = default!;
    private AuditActor _otherActor = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _cisoActor = await ControlDesk.PersonAsync(_db, "ciso@example.jp", Roles.Ciso);
        _ownerActor = await ControlDesk.PersonAsync(_db, "kacho@example.jp", Roles.Manager, "2010");
        _otherActor = await ControlDesk.PersonAsync(_db, "other@example.jp", Roles.Manager, "4020");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_evidence)) Directory.Delete(_evidence, recursive: true);
    }

    private ControlDesk Desk(AuditActor actor, ControlCatalogue catalogue) => new(_db, _time, actor, _evidence, catalogue);

    private async Task<CatalogueSyncResult> SyncAsync(ControlCatalogue catalogue)
    {
        await using var ctx = _db.CreateContext();
        return await ControlCatalogueSync.SyncAsync(ctx, catalogue, _time.GetUtcNow());
    }

    private static EvidenceUpload File(string name) => new(name, "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("証跡")), null);

    [Fact]
    public async Task Upgrading_to_the_catalogue_that_merged_mail_and_screen_transfer_retires_both_with_their_record_and_lists_the_new_controls()
    {
        // The catalogue before: LG-02 (mail to text) and LG-04 (screen transfer) as controls of their own, without
        // the merged LG-06 or the R7-03 items of the My Number segment.
        var added = new[] { "LG-06", "MN-08", "MN-09", "MN-10", "MN-11" };
        ControlDefinition Old(string id, string ja, string en) => ControlDesk.Catalogue.Control("LG-06")! with { Id = id, Ja = ja, En = en, Methods = [] };
        var before = new ControlCatalogue
        {
            Segments = ControlDesk.Catalogue.Segments, Models = ControlDesk.Catalogue.Models, DefaultModel = ControlDesk.Catalogue.DefaultModel,
            Controls = [.. ControlDesk.Catalogue.Controls.Where(c => !added.Contains(c.Id)), Old("LG-02", "メール無害化(テキスト化)", "Mail sanitisation"),
                Old("LG-04", "画面転送方式", "Screen transfer")],
        };
        await SyncAsync(before);
        var old = Desk(_cisoActor, before);
        await old.Status.ExecuteAsync("LG-02", null, ControlStatus.Met, null, "テキスト化ゲートウェイ", 0);
        await old.Verify.ExecuteAsync("LG-02", null, Today.AddDays(-20), VerificationResult.Passed, "テストメールを確認");

        _time.Advance(TimeSpan.FromDays(1));
        var sync = await SyncAsync(ControlDesk.Catalogue);

        Assert.Equal(["LG-02", "LG-04"], sync.Retired.Order());
        Assert.Equal(added.Order(), sync.Listed.Order());
        var ciso = Desk(_cisoActor, ControlDesk.Catalogue);
        var retired = (await ciso.Queries.RetiredAsync()).ToDictionary(r => r.ControlId);
        Assert.Equal(["LG-02", "LG-04"], retired.Keys.Order());
        Assert.Equal(("メール無害化(テキスト化)", ControlStatus.Met, Today.AddDays(-20)), (retired["LG-02"].NameJa, retired["LG-02"].Status, retired["LG-02"].LastVerifiedOn));
        Assert.Equal(ErrorCodes.ControlRetired, (await Assert.ThrowsAsync<DomainException>(() =>
            ciso.Status.ExecuteAsync("LG-02", null, ControlStatus.Met, null, null, 1))).Code);
    }

    [Fact]
    public async Task A_control_dropped_by_a_new_catalogue_is_listed_as_retired_with_its_record_and_every_write_to_it_is_refused()
    {
        Assert.Equal(ControlDesk.Catalogue.Controls.Count, (await SyncAsync(ControlDesk.Catalogue)).Listed.Count);
        var ciso = Desk(_cisoActor, ControlDesk.Catalogue);
        var department = await ControlDesk.DepartmentIdAsync(_db, "2010");
        var juki = await ciso.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("住民記録", "mynumber", department, 40, null));
        await ciso.Owner.ExecuteAsync(Dropped, department, null);
        await ciso.Status.ExecuteAsync(Dropped, null, ControlStatus.Met, null, "ICカード認証", (await ciso.Queries.ControlAsync(Dropped))!.State.Version);
        await ciso.Status.ExecuteAsync(Dropped, juki, ControlStatus.Partial, null, null, 0);
        await ciso.Verify.ExecuteAsync(Dropped, juki, Today.AddDays(-5), VerificationResult.PartlyPassed, "一部の端末が未対応");
        var exceptionId = await ciso.RequestException.ExecuteAsync(Dropped, juki, "端末更新待ち", "操作ログを毎日点検", Today.AddDays(60));

        _time.Advance(TimeSpan.FromDays(10));
        var retiredAt = _time.GetUtcNow();
        var sync = await SyncAsync(Upgraded);

        Assert.Equal([Dropped], sync.Retired);
        Assert.Empty(sync.Listed);
        ciso = Desk(_cisoActor, Upgraded);
        var row = Assert.Single(await ciso.Queries.RetiredAsync());
        Assert.Equal(Dropped, row.ControlId);
        Assert.Equal(ControlDesk.Catalogue.Control(Dropped)!.Ja, row.NameJa);
        Assert.Equal(retiredAt, row.RetiredAt);
        Assert.Equal(ControlStatus.Met, row.Status);
        Assert.Equal([new RetiredSegmentStatus("mynumber", ControlStatus.Partial)], row.Segments);
        Assert.Equal(("住民記録", ControlStatus.Partial), (row.Systems.Single().SystemName, row.Systems.Single().Status));
        Assert.Equal((Today.AddDays(-5), "ciso@example.jp"), (row.LastVerifiedOn, row.LastVerifiedBy));
        Assert.Equal(ExceptionState.Pending, Assert.Single(row.OpenExceptions).State);
        // The exceptions list marks the request as on a retired control, so the CISO is not offered an approval that would be refused.
        Assert.True(Assert.Single(await ciso.Queries.ExceptionsAsync(Today), e => e.ControlId == Dropped).ControlRetired);
        // Its page still opens, read-only, with the history.
        var detail = (await ciso.Queries.ControlAsync(Dropped.ToLowerInvariant()))!;
        Assert.True(detail.Retired);
        Assert.False(detail.CanRecord);
        Assert.Equal(retiredAt, detail.RetiredAt);
        Assert.Single(detail.Verifications);
        Assert.Null(detail.State.NextDue);
        // The owning department's manager reads it; another manager does not.
        Assert.Single(await Desk(_ownerActor, Upgraded).Queries.RetiredAsync());
        Assert.Empty(await Desk(_otherActor, Upgraded).Queries.RetiredAsync());
        Assert.Null(await Desk(_otherActor, Upgraded).Queries.ControlAsync(Dropped));

        var refusals = new List<Func<Task>>
        {
            () => ciso.Status.ExecuteAsync(Dropped, null, ControlStatus.NotMet, null, null, detail.State.Version),
            () => ciso.Verify.ExecuteAsync(Dropped, null, Today, VerificationResult.Passed, null),
            () => ciso.Evidence.ExecuteAsync(Dropped, null, File("report.pdf")),
            () => ciso.RequestException.ExecuteAsync(Dropped, null, "理由", "代替策", Today.AddDays(90)),
            () => ciso.Owner.ExecuteAsync(Dropped, department, "担当"),
            () => ciso.ApproveException.ExecuteAsync(exceptionId, 0),
        };
        foreach (var write in refusals)
        {
            var refused = await Assert.ThrowsAsync<DomainException>(write);
            Assert.Equal(ErrorCodes.ControlRetired, refused.Code);
            Assert.Equal(Dropped, refused.Args[0]);
        }
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => ciso.Verify.ExecuteAsync("ZZ-99", null, Today, VerificationResult.Passed, null));
        Assert.Equal(ErrorCodes.ControlNotFound, unknown.Errors["controlId"][0].Code);
        // Nothing was written: the record is as it was.
        var after = (await ciso.Queries.ControlAsync(Dropped))!;
        Assert.Single(after.Verifications);
        Assert.Empty(after.Evidence);
        Assert.Equal(ControlStatus.Met, after.State.Status);
        Assert.Null(Assert.Single(after.Exceptions).ApprovedAt);
        // A resync with the same catalogue changes nothing, and the retirement keeps its first date.
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Empty((await SyncAsync(Upgraded)).Retired);
        Assert.Equal(retiredAt, (await ciso.Queries.RetiredAsync()).Single().RetiredAt);
    }

    [Fact]
    public async Task A_retired_control_that_comes_back_is_listed_again_and_can_be_recorded()
    {
        await SyncAsync(ControlDesk.Catalogue);
        await Desk(_cisoActor, ControlDesk.Catalogue).Status.ExecuteAsync(Dropped, null, ControlStatus.Partial, null, null, 0);
        await SyncAsync(Upgraded);

        var sync = await SyncAsync(ControlDesk.Catalogue);

        Assert.Equal([Dropped], sync.Reinstated);
        var ciso = Desk(_cisoActor, ControlDesk.Catalogue);
        Assert.Empty(await ciso.Queries.RetiredAsync());
        await ciso.Status.ExecuteAsync(Dropped, null, ControlStatus.Met, null, null, (await ciso.Queries.ControlAsync(Dropped))!.State.Version);
        Assert.Equal(ControlStatus.Met, (await ciso.Queries.ControlAsync(Dropped))!.State.Status);
    }

    [Fact]
    public async Task Records_of_an_id_gone_before_the_register_was_kept_are_registered_as_retired_at_the_first_sync()
    {
        await using (var ctx = _db.CreateContext())
        {
            ctx.ControlStates.Add(new ControlState { ControlId = "OLD-01", Status = ControlStatus.NotMet, UpdatedAt = _time.GetUtcNow() });
            await ctx.SaveChangesAsync();
        }

        var sync = await SyncAsync(ControlDesk.Catalogue);

        Assert.Equal(["OLD-01"], sync.Retired);
        var row = Assert.Single(await Desk(_cisoActor, ControlDesk.Catalogue).Queries.RetiredAsync());
        Assert.Equal(("OLD-01", ControlStatus.NotMet), (row.NameJa, row.Status));
        var refused = await Assert.ThrowsAsync<DomainException>(() => Desk(_cisoActor, ControlDesk.Catalogue).Status.ExecuteAsync("OLD-01", null, ControlStatus.Met, null, null, 0));
        Assert.Equal(ErrorCodes.ControlRetired, refused.Code);
    }
}
