using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>是正完了: the owner department's manager (or the CISO office) records that a finding's corrective action was done.</summary>
public sealed class FindingCorrectionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "secopsdx-correction-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _db = default!;
    private ControlDesk _ciso = default!;
    private ControlDesk _owner = default!;
    private ControlDesk _otherManager = default!;
    private int _checkId;
    /// <summary>The findings are raised on this day; the clock then moves on a week (to 2026-12-03).</summary>
    private static readonly DateOnly RaisedOn = new(2026, 11, 26);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ciso = Desk(await ControlDesk.PersonAsync(_db, "ciso@example.jp", Roles.Ciso));
        _owner = Desk(await ControlDesk.PersonAsync(_db, "kacho@example.jp", Roles.Manager, "2010"));
        _otherManager = Desk(await ControlDesk.PersonAsync(_db, "zeimu@example.jp", Roles.Manager, "2020"));
        var department = await ControlDesk.DepartmentIdAsync(_db, "2010");
        foreach (var id in new[] { "MN-01", "MN-02", "MN-03" }) await _ciso.Owner.ExecuteAsync(id, department, null);
        _checkId = await _ciso.OpenSelfCheck.ExecuteAsync(2026);
        await _owner.Answer.ExecuteAsync(_checkId, "MN-01", ControlStatus.NotMet, null, "許可リストを更新し突合する", new DateOnly(2027, 3, 31));
        await _owner.Answer.ExecuteAsync(_checkId, "MN-02", ControlStatus.Partial, null, "ICカード認証を導入する", new DateOnly(2027, 6, 30));
        _time.Advance(TimeSpan.FromDays(7));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ControlDesk Desk(AuditActor actor) => new(_db, _time, actor, _evidence);

    private async Task<SelfCheckFindingRow> FindingAsync(ControlDesk desk, string controlId) =>
        (await desk.SelfChecks.DetailAsync(_checkId))!.Lines.Single(l => l.Control.Id == controlId).Finding!;

    [Fact]
    public async Task The_owner_manager_records_a_correction_and_the_finding_is_no_longer_open_but_still_counted_as_raised()
    {
        var before = await FindingAsync(_owner, "MN-01");
        Assert.True(before.MayCorrect);

        await _owner.CorrectFinding.ExecuteAsync(before.Id, before.Version, RaisedOn.AddDays(5), "  許可リストを更新し、端末台帳と突合した。 ");

        var detail = (await _owner.SelfChecks.DetailAsync(_checkId))!;
        var after = detail.Lines.Single(l => l.Control.Id == "MN-01").Finding!;
        Assert.Equal(new FindingCorrection(RaisedOn.AddDays(5), "許可リストを更新し、端末台帳と突合した。", "kacho@example.jp", _time.GetUtcNow()), after.Correction);
        Assert.False(after.IsOpen);
        Assert.False(after.MayCorrect);
        Assert.Equal((2, 1), (detail.Check.RollUp.Findings, detail.Check.RollUp.OpenFindings));
        var listed = Assert.Single(await _ciso.SelfChecks.ListAsync());
        Assert.Equal((2, 1), (listed.RollUp.Findings, listed.RollUp.OpenFindings));
        // The change is on the audit trail.
        await using var db = _db.CreateContext();
        var updates = await db.AuditEntries.Where(e => e.EntityType == nameof(SelfCheckFinding) && e.EntityKey == before.Id.ToString() && e.Action == AuditActions.Update)
            .Select(e => e.Changes).ToListAsync();
        Assert.Contains(updates, c => c.Contains(nameof(SelfCheckFinding.CorrectionNote)) && c.Contains("kacho@example.jp"));
    }

    [Fact]
    public async Task A_manager_of_another_department_is_refused_and_nothing_is_stored()
    {
        var finding = await FindingAsync(_ciso, "MN-01");

        var refused = await Assert.ThrowsAsync<DomainException>(() => _otherManager.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn, "やった"));

        Assert.Equal(ErrorCodes.NotFindingOwner, refused.Code);
        Assert.True((await FindingAsync(_ciso, "MN-01")).IsOpen);
    }

    [Fact]
    public async Task The_CISO_office_may_correct_after_the_self_check_is_closed_and_the_closed_figures_show_it()
    {
        var check = (await _ciso.SelfChecks.DetailAsync(_checkId))!.Check;
        await _ciso.CloseSelfCheck.ExecuteAsync(_checkId, check.Version, "二件を是正事項とした。");
        var finding = await FindingAsync(_ciso, "MN-02");

        await _ciso.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn, "ICカード認証を導入した。");

        var closed = (await _ciso.SelfChecks.LatestClosedAsync())!;
        Assert.Equal((2, 1), (closed.RollUp.Findings, closed.RollUp.OpenFindings));
        Assert.Equal("ciso@example.jp", (await FindingAsync(_ciso, "MN-02")).Correction!.By);
    }

    [Fact]
    public async Task A_withdrawn_finding_and_a_second_correction_are_refused()
    {
        await _owner.Answer.ExecuteAsync(_checkId, "MN-02", ControlStatus.Met, "導入済みと確認", null, null);
        var withdrawn = await FindingAsync(_owner, "MN-02");
        Assert.False(withdrawn.MayCorrect);
        var first = await FindingAsync(_owner, "MN-01");
        await _owner.CorrectFinding.ExecuteAsync(first.Id, first.Version, RaisedOn, "更新した。");

        var onWithdrawn = await Assert.ThrowsAsync<DomainException>(() => _owner.CorrectFinding.ExecuteAsync(withdrawn.Id, withdrawn.Version, RaisedOn, "更新した。"));
        var twice = await Assert.ThrowsAsync<DomainException>(() => _owner.CorrectFinding.ExecuteAsync(first.Id, first.Version, RaisedOn, "もう一度"));
        var latest = await FindingAsync(_owner, "MN-01");
        var twiceAtLatest = await Assert.ThrowsAsync<DomainException>(() => _ciso.CorrectFinding.ExecuteAsync(latest.Id, latest.Version, RaisedOn, "もう一度"));

        Assert.Equal(ErrorCodes.FindingWithdrawn, onWithdrawn.Code);
        Assert.Equal(ErrorCodes.FindingAlreadyCorrected, twice.Code);
        Assert.Equal(ErrorCodes.FindingAlreadyCorrected, twiceAtLatest.Code);
        Assert.Equal("更新した。", (await FindingAsync(_owner, "MN-01")).Correction!.Note);
    }

    [Fact]
    public async Task A_day_in_the_future_or_before_the_finding_a_missing_day_or_note_and_a_stale_version_are_refused()
    {
        var finding = await FindingAsync(_owner, "MN-01");

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn.AddDays(8), "更新した。"));
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn.AddDays(-1), "更新した。"));
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, null, " \u0007 "));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn, new string('あ', ControlLimits.CorrectionNote + 1)));
        var stale = await Assert.ThrowsAsync<DomainException>(() => _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version - 1, RaisedOn, "更新した。"));

        Assert.Equal(ErrorCodes.InFuture, future.Errors["correctedOn"][0].Code);
        Assert.Equal(ErrorCodes.CorrectedBeforeRaised, early.Errors["correctedOn"][0].Code);
        Assert.Equal(["correctedOn", "correctionNote"], missing.Errors.Keys.Order());
        Assert.Equal(ErrorCodes.TooLong, tooLong.Errors["correctionNote"][0].Code);
        Assert.Equal(ErrorCodes.Conflict, stale.Code);
        Assert.True((await FindingAsync(_owner, "MN-01")).IsOpen);
    }

    [Fact]
    public async Task A_corrected_finding_keeps_its_action_when_the_answer_is_revised()
    {
        var finding = await FindingAsync(_owner, "MN-01");
        await _owner.CorrectFinding.ExecuteAsync(finding.Id, finding.Version, RaisedOn, "更新した。");

        var rewrite = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _owner.Answer.ExecuteAsync(_checkId, "MN-01", ControlStatus.NotMet, null, "別の是正措置", new DateOnly(2027, 3, 31)));
        await _owner.Answer.ExecuteAsync(_checkId, "MN-01", ControlStatus.Met, "是正により実施済", null, null);

        Assert.Equal(ErrorCodes.FindingAlreadyCorrected, rewrite.Errors["correctiveAction"][0].Code);
        var after = (await _owner.SelfChecks.DetailAsync(_checkId))!.Lines.Single(l => l.Control.Id == "MN-01");
        Assert.Equal((ControlStatus.Met, "許可リストを更新し突合する", (DateTimeOffset?)null), (after.Answer, after.Finding!.CorrectiveAction, after.Finding.WithdrawnAt));
        Assert.NotNull(after.Finding.Correction);
    }
}
