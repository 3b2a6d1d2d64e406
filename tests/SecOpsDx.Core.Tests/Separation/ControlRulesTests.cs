using System.Text;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>Status, verification, due dates, the model switch and exceptions, against a real database.</summary>
public sealed class ControlRulesTests : IAsyncLifetime
{
    // 2026-11-26 10:00 in Japan.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "secopsdx-control-evidence-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _db = default!;
    private ControlDesk _ciso = default!;
    private ControlDesk _owner = default!;
    private ControlDesk _otherManager = default!;
    private int _ownerDepartment;

    private static readonly DateOnly Today = new(2026, 11, 26);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ciso = Desk(await ControlDesk.PersonAsync(_db, "ciso@example.jp", Roles.Ciso));
        _owner = Desk(await ControlDesk.PersonAsync(_db, "kacho@example.jp", Roles.Manager, "2010"));
        _otherManager = Desk(await ControlDesk.PersonAsync(_db, "other@example.jp", Roles.Manager, "4020"));
        _ownerDepartment = await ControlDesk.DepartmentIdAsync(_db, "2010");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_evidence)) Directory.Delete(_evidence, recursive: true);
    }

    private ControlDesk Desk(AuditActor actor) => new(_db, _time, actor, _evidence);

    private static EvidenceUpload File(string name, string text = "証跡") => new(name, "text/plain", new MemoryStream(Encoding.UTF8.GetBytes(text)), null);

    [Fact]
    public async Task Switching_the_model_keeps_the_status_and_history_of_a_control_that_stops_applying()
    {
        await _ciso.Model.ExecuteAsync("alpha-prime");
        await _ciso.Status.ExecuteAsync("AP-01", null, ControlStatus.Met, null, "許可リスト", 0);
        await _ciso.Verify.ExecuteAsync("AP-01", null, Today.AddDays(-3), VerificationResult.Passed, "突合した");

        await _ciso.Model.ExecuteAsync("alpha");

        var row = (await _ciso.Queries.CatalogueAsync()).Single(r => r.Control.Id == "AP-01");
        Assert.False(row.Applies);
        Assert.Equal(ControlStatus.Met, row.Status);
        Assert.Equal(Today.AddDays(-3), row.LastVerifiedOn);
        var detail = (await _ciso.Queries.ControlAsync("AP-01"))!;
        Assert.False(detail.Applies);
        Assert.Single(detail.Verifications);
        Assert.DoesNotContain((await _ciso.Queries.DueAsync(Today)).Overdue, i => i.ControlId == "AP-01");
        Assert.All((await _ciso.Queries.MatrixAsync()).Rows.Single(r => r.Control.Id == "AP-01").Cells, c => Assert.False(c.Applies));
        var setting = await _ciso.Queries.SettingAsync();
        Assert.Equal("alpha", setting.Model);
        Assert.Equal([("alpha-prime", "alpha"), ("alpha", "alpha-prime")], setting.Changes.Select(c => (c.FromModel!, c.ToModel)));

        await _ciso.Model.ExecuteAsync("alpha-prime");
        Assert.True((await _ciso.Queries.CatalogueAsync()).Single(r => r.Control.Id == "AP-01").Applies);
    }

    [Fact]
    public async Task An_unknown_model_is_refused_and_a_manager_cannot_change_the_model()
    {
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Model.ExecuteAsync("gamma"));
        var manager = await Assert.ThrowsAsync<DomainException>(() => _owner.Model.ExecuteAsync("beta"));

        Assert.Contains("model", unknown.Errors.Keys);
        Assert.Equal(ErrorCodes.ControlForbidden, manager.Code);
        Assert.Equal("alpha", await _ciso.Queries.ModelAsync());
    }

    [Fact]
    public async Task A_control_never_verified_is_overdue_and_leaves_the_list_once_its_owner_verifies_it()
    {
        await _ciso.Owner.ExecuteAsync("MN-04", _ownerDepartment, null);
        Assert.Contains((await _ciso.Queries.DueAsync(Today)).Overdue, i => i.ControlId == "MN-04" && i.DueOn is null);

        await _owner.Verify.ExecuteAsync("MN-04", null, Today.AddDays(-40), VerificationResult.Passed, null);
        var late = (await _ciso.Queries.DueAsync(Today)).Overdue.Single(i => i.ControlId == "MN-04");
        Assert.Equal(Today.AddDays(-40).AddMonths(1), late.DueOn);

        await _owner.Verify.ExecuteAsync("MN-04", null, Today, VerificationResult.Passed, "デバイス制御の報告を確認", File("report.csv"));

        var due = await _ciso.Queries.DueAsync(Today);
        Assert.DoesNotContain(due.Overdue, i => i.ControlId == "MN-04");
        Assert.Equal(new DateOnly(2026, 12, 26), (await _ciso.Queries.CatalogueAsync()).Single(r => r.Control.Id == "MN-04").NextDue);
        var detail = (await _owner.Queries.ControlAsync("MN-04"))!;
        Assert.Equal(2, detail.Verifications.Count);
        Assert.Equal(detail.Verifications[0].Id, Assert.Single(detail.Evidence).VerificationId);
    }

    [Fact]
    public async Task Due_this_month_lists_what_falls_due_before_the_month_ends_and_not_what_is_overdue()
    {
        await _ciso.Verify.ExecuteAsync("MN-07", null, new DateOnly(2026, 10, 28), VerificationResult.Passed, null);  // due 11-28
        await _ciso.Verify.ExecuteAsync("MN-04", null, new DateOnly(2026, 10, 20), VerificationResult.Passed, null);  // due 11-20: overdue
        await _ciso.Verify.ExecuteAsync("IN-02", null, new DateOnly(2026, 11, 2), VerificationResult.Passed, null);   // due 12-02

        var due = await _ciso.Queries.DueAsync(Today);

        Assert.Contains(due.DueThisMonth, i => i.ControlId == "MN-07" && i.DueOn == new DateOnly(2026, 11, 28));
        Assert.DoesNotContain(due.DueThisMonth, i => i.ControlId is "MN-04" or "IN-02");
        Assert.Contains(due.Overdue, i => i.ControlId == "MN-04");
        Assert.DoesNotContain(due.Overdue, i => i.ControlId is "IN-02" or "MN-07");
    }

    [Fact]
    public async Task A_control_marked_not_applicable_needs_a_reason_and_is_then_neither_due_nor_counted()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Status.ExecuteAsync("MN-05", null, ControlStatus.NotApplicable, "  ", null, 0));
        Assert.Contains("notApplicableReason", refused.Errors.Keys);

        await _ciso.Status.ExecuteAsync("MN-05", null, ControlStatus.NotApplicable, "専用端末を置く業務がない", null, 0);

        Assert.DoesNotContain((await _ciso.Queries.DueAsync(Today)).Overdue, i => i.ControlId == "MN-05");
        var figure = (await _ciso.Queries.MatrixAsync()).Figures.Single(f => f.Segment == "mynumber");
        // Under α the My Number segment has MN-01..11, LG-05, CM-01..05 and BT-05..07: 20 controls, one of them 対象外.
        Assert.Equal(19, figure.Applicable);
    }

    [Fact]
    public async Task Sanitised_communication_records_the_methods_in_use_and_is_not_met_without_one()
    {
        var none = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Status.ExecuteAsync("LG-06", null, ControlStatus.Met, null, null, 0));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _ciso.Status.ExecuteAsync("LG-06", null, ControlStatus.Met, null, null, 0, ["fax"]));
        var elsewhere = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _ciso.Status.ExecuteAsync("LG-03", null, ControlStatus.Met, null, null, 0, ["mail-text"]));
        Assert.Equal(ErrorCodes.Required, none.Errors["methods"].Single().Code);
        Assert.Equal(ErrorCodes.Invalid, unknown.Errors["methods"].Single().Code);
        Assert.Contains("methods", elsewhere.Errors.Keys);

        await _ciso.Status.ExecuteAsync("LG-06", null, ControlStatus.Met, null, "ゲートウェイ設定", 0, ["Screen-Transfer", "mail-text"]);

        var state = (await _ciso.Queries.ControlAsync("LG-06"))!.State;
        Assert.Equal(["mail-text", "screen-transfer"], state.Methods);
        // Not met yet: no method needs naming, and none recorded is kept as none.
        await _ciso.Status.ExecuteAsync("LG-06", null, ControlStatus.NotMet, null, null, state.Version);
        Assert.Empty((await _ciso.Queries.ControlAsync("LG-06"))!.State.Methods);
    }

    [Fact]
    public async Task Only_the_owning_departments_manager_records_status_and_verifications()
    {
        await _ciso.Owner.ExecuteAsync("MN-01", _ownerDepartment, null);

        var status = await Assert.ThrowsAsync<DomainException>(() => _otherManager.Status.ExecuteAsync("MN-01", null, ControlStatus.Met, null, null, 0));
        var verify = await Assert.ThrowsAsync<DomainException>(() => _otherManager.Verify.ExecuteAsync("MN-01", null, Today, VerificationResult.Passed, null));
        var unowned = await Assert.ThrowsAsync<DomainException>(() => _owner.Status.ExecuteAsync("MN-02", null, ControlStatus.Met, null, null, 0));
        var version = (await _owner.Queries.ControlAsync("MN-01"))!.State.Version;
        await _owner.Status.ExecuteAsync("MN-01", null, ControlStatus.Met, null, "FW設定", version);

        Assert.Equal(ErrorCodes.NotControlOwner, status.Code);
        Assert.Equal(ErrorCodes.NotControlOwner, verify.Code);
        Assert.Equal(ErrorCodes.NotControlOwner, unowned.Code);
        Assert.Null(await _otherManager.Queries.ControlAsync("MN-01"));
        Assert.Equal(["MN-01"], (await _owner.Queries.CatalogueAsync()).Select(r => r.Control.Id));
        Assert.Equal(ControlStatus.Met, (await _owner.Queries.ControlAsync("MN-01"))!.State.Status);
    }

    [Fact]
    public async Task Bad_verifications_are_refused_with_nothing_stored()
    {
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Verify.ExecuteAsync("MN-04", null, Today.AddDays(1), VerificationResult.Passed, null));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Verify.ExecuteAsync("ZZ-99", null, Today, VerificationResult.Passed, null));
        var program = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Verify.ExecuteAsync("MN-04", null, Today, VerificationResult.Passed, null, File("tool.exe")));
        var page = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Evidence.ExecuteAsync("MN-04", null, File("report.html")));

        Assert.Equal(ErrorCodes.InFuture, future.Errors["verifiedOn"][0].Code);
        Assert.Equal(ErrorCodes.ControlNotFound, unknown.Errors["controlId"][0].Code);
        Assert.Equal(ErrorCodes.EvidenceTypeNotAllowed, program.Errors["file"][0].Code);
        Assert.Equal(ErrorCodes.EvidenceTypeNotAllowed, page.Errors["file"][0].Code);
        var detail = (await _ciso.Queries.ControlAsync("MN-04"))!;
        Assert.Empty(detail.Verifications);
        Assert.Empty(detail.Evidence);
        Assert.Null(detail.State.LastVerifiedOn);
    }

    [Fact]
    public async Task Evidence_is_kept_under_its_SHA256_with_who_added_it()
    {
        var id = await _ciso.Evidence.ExecuteAsync("CM-02", null, File("消去証明書.pdf", "certificate"));

        var row = Assert.Single((await _ciso.Queries.ControlAsync("CM-02"))!.Evidence);
        Assert.Equal(id, row.Id);
        Assert.Equal("消去証明書.pdf", row.FileName);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("certificate"u8)), row.Sha256);
        Assert.Equal("ciso@example.jp", row.AddedBy);
        Assert.NotNull(await _ciso.Queries.EvidenceAsync("CM-02", id));
        Assert.Null(await _otherManager.Queries.EvidenceAsync("CM-02", id));
    }

    [Fact]
    public async Task Per_system_statuses_decide_the_segment_cell_and_a_system_of_another_segment_is_refused()
    {
        var hq = await ControlDesk.DepartmentIdAsync(_db, "2010");
        var juki = await _ciso.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("住民記録", "mynumber", hq, 40, "ベンダーA"));
        var zei = await _ciso.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("住民税", "mynumber", hq, 20, null));
        var web = await _ciso.Systems.ExecuteAsync(null, 0, new SegmentSystemInput("公式Web", "internet", hq, 2, null));
        await _ciso.Status.ExecuteAsync("MN-03", null, ControlStatus.Met, null, null, 0);
        await _ciso.Status.ExecuteAsync("MN-03", juki, ControlStatus.Met, null, null, 0);
        await _ciso.Status.ExecuteAsync("MN-03", zei, ControlStatus.NotMet, null, null, 0);

        var cell = (await _ciso.Queries.MatrixAsync()).Rows.Single(r => r.Control.Id == "MN-03").Cells.Single(c => c.Segment == "mynumber");
        var outside = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Status.ExecuteAsync("MN-03", web, ControlStatus.Met, null, null, 0));

        Assert.Equal(ControlStatus.Partial, cell.Status);
        Assert.Equal(ErrorCodes.SystemOutsideControl, outside.Errors["systemId"][0].Code);
        Assert.Equal(2, (await _ciso.Queries.ControlAsync("MN-03"))!.Systems.Count);
    }

    [Fact]
    public async Task An_exception_needs_measures_and_a_future_expiry_only_the_CISO_approves_and_it_then_expires()
    {
        await _ciso.Owner.ExecuteAsync("MN-05", _ownerDepartment, null);
        var noExpiry = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.RequestException.ExecuteAsync("MN-05", null, "理由", "代替策", null));
        var noMeasures = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.RequestException.ExecuteAsync("MN-05", null, "理由", " ", Today.AddDays(20)));
        var past = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.RequestException.ExecuteAsync("MN-05", null, "理由", "代替策", Today));
        Assert.Contains("expiresOn", noExpiry.Errors.Keys);
        Assert.Contains("compensatingMeasures", noMeasures.Errors.Keys);
        Assert.Equal(ErrorCodes.ExpiryNotInFuture, past.Errors["expiresOn"][0].Code);

        var id = await _owner.RequestException.ExecuteAsync("MN-05", null, "繁忙期の共用", "利用者を限る", Today.AddDays(20));
        Assert.Equal(ExceptionState.Pending, (await _ciso.Queries.ExceptionsAsync(Today)).Single().State);
        var byManager = await Assert.ThrowsAsync<DomainException>(() => _owner.ApproveException.ExecuteAsync(id, 0));
        Assert.Equal(ErrorCodes.CisoApprovesExceptions, byManager.Code);

        await _ciso.ApproveException.ExecuteAsync(id, 0);

        Assert.Equal(ExceptionState.Expiring, (await _ciso.Queries.ExceptionsAsync(Today)).Single().State);
        Assert.Equal(ExceptionState.InForce, (await _ciso.Queries.ExceptionsAsync(Today.AddDays(-20))).Single().State);
        Assert.Equal(ExceptionState.Expiring, (await _ciso.Queries.ExceptionsAsync(Today.AddDays(20))).Single().State);
        Assert.Equal(ExceptionState.Expired, (await _ciso.Queries.ExceptionsAsync(Today.AddDays(21))).Single().State);
    }

    [Fact]
    public async Task A_control_recorded_as_met_needs_no_exception_and_the_request_is_refused_naming_it()
    {
        await _ciso.Status.ExecuteAsync("MN-05", null, ControlStatus.Met, null, "専用端末のみ", 0);
        await _ciso.Owner.ExecuteAsync("MN-05", _ownerDepartment, null);

        var refused = await Assert.ThrowsAsync<DomainException>(() => _owner.RequestException.ExecuteAsync("MN-05", null, "理由", "代替策", Today.AddDays(20)));

        Assert.Equal(ErrorCodes.ExceptionNeedsUnmetControl, refused.Code);
        Assert.Empty(await _ciso.Queries.ExceptionsAsync(Today));
    }

    [Fact]
    public async Task A_person_named_as_owner_records_for_the_control_from_another_department_and_a_staff_account_cannot_be_named()
    {
        var other = await ControlDesk.PersonAsync(_db, "named@example.jp", Roles.Manager, "5010");
        var staffOnly = await ControlDesk.PersonAsync(_db, "staff@example.jp", Roles.Staff, "5010");
        var named = Desk(other);
        var before = await Assert.ThrowsAsync<DomainException>(() => named.Status.ExecuteAsync("MN-05", null, ControlStatus.Partial, null, "一部の端末のみ", 0));
        Assert.Equal(ErrorCodes.NotControlOwner, before.Code);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Owner.ExecuteAsync("MN-05", _ownerDepartment, null, staffOnly.UserId));
        Assert.Equal(ErrorCodes.OwnerCannotRecord, refused.Errors["ownerUserId"][0].Code);
        await _ciso.Owner.ExecuteAsync("MN-05", _ownerDepartment, null, other.UserId);

        var detail = (await _ciso.Queries.ControlAsync("MN-05"))!;
        await named.Status.ExecuteAsync("MN-05", null, ControlStatus.Partial, null, "一部の端末のみ", detail.State.Version);
        Assert.Equal(ControlStatus.Partial, (await _ciso.Queries.ControlAsync("MN-05"))!.State.Status);
        Assert.Equal(other.UserId, detail.OwnerUserId);
        Assert.Contains("named@example.jp", detail.Owner);
        Assert.Contains(await _ciso.Queries.OwnerCandidatesAsync(), c => c.UserId == other.UserId);
        Assert.DoesNotContain(await _ciso.Queries.OwnerCandidatesAsync(), c => c.UserId == staffOnly.UserId);
    }
}
