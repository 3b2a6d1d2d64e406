using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>The yearly 自己点検: opened by the CISO office, answered by owners, unmet answers become findings, closed by the CISO.</summary>
public sealed class SelfCheckTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
    private readonly string _evidence = Path.Combine(Path.GetTempPath(), "secopsdx-selfcheck-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _db = default!;
    private ControlDesk _ciso = default!;
    private ControlDesk _admin = default!;
    private ControlDesk _owner = default!;
    private static readonly DateOnly Today = new(2026, 11, 26);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _ciso = Desk(await ControlDesk.PersonAsync(_db, "ciso@example.jp", Roles.Ciso));
        _admin = Desk(await ControlDesk.PersonAsync(_db, "admin@example.jp", Roles.Admin));
        _owner = Desk(await ControlDesk.PersonAsync(_db, "kacho@example.jp", Roles.Manager, "2010"));
        var department = await ControlDesk.DepartmentIdAsync(_db, "2010");
        foreach (var id in new[] { "MN-01", "MN-02", "MN-03", "MN-05" }) await _ciso.Owner.ExecuteAsync(id, department, null);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ControlDesk Desk(AuditActor actor) => new(_db, _time, actor, _evidence);

    [Fact]
    public void The_roll_up_counts_answers_and_gives_met_over_answered_applicable()
    {
        var rollUp = SelfCheckRollUp.From(22, [ControlStatus.Met, ControlStatus.Met, ControlStatus.Met, ControlStatus.Partial, ControlStatus.NotApplicable], 1, 1);

        Assert.Equal((22, 5, 3, 1, 0, 1, 1, 1, 17), (rollUp.Controls, rollUp.Answered, rollUp.Met, rollUp.Partial, rollUp.NotMet, rollUp.NotApplicable, rollUp.Findings, rollUp.OpenFindings, rollUp.Unanswered));
        Assert.Equal(75.0m, rollUp.MetPercent);
        Assert.Null(SelfCheckRollUp.From(22, [ControlStatus.NotApplicable], 0, 0).MetPercent);
    }

    [Fact]
    public async Task Owners_answer_unmet_answers_become_findings_and_the_CISO_closes_with_a_summary()
    {
        var id = await _ciso.OpenSelfCheck.ExecuteAsync(2026);

        await _owner.Answer.ExecuteAsync(id, "MN-01", ControlStatus.Met, null, null, null);
        await _owner.Answer.ExecuteAsync(id, "MN-02", ControlStatus.NotMet, "許可リストが古い", "許可リストを更新し突合する", new DateOnly(2027, 3, 31));
        await _owner.Answer.ExecuteAsync(id, "MN-03", ControlStatus.Partial, null, "戸籍システムにICカード認証を導入", new DateOnly(2027, 6, 30));
        // A revised answer withdraws its finding; the finding stays on record.
        await _owner.Answer.ExecuteAsync(id, "MN-03", ControlStatus.Met, "導入済みと確認", null, null);

        var detail = (await _owner.SelfChecks.DetailAsync(id))!;
        Assert.Equal(["MN-01", "MN-02", "MN-03", "MN-05"], detail.Lines.Select(l => l.Control.Id));
        var finding = detail.Lines.Single(l => l.Control.Id == "MN-02").Finding!;
        Assert.Equal(("許可リストを更新し突合する", new DateOnly(2027, 3, 31), "課2010"), (finding.CorrectiveAction, finding.DueOn, finding.Owner));
        Assert.NotNull(detail.Lines.Single(l => l.Control.Id == "MN-03").Finding!.WithdrawnAt);
        var rollUp = detail.Check.RollUp;
        Assert.Equal((28, 3, 2, 1, 1), (rollUp.Controls, rollUp.Answered, rollUp.Met, rollUp.NotMet, rollUp.Findings));

        var byAdmin = await Assert.ThrowsAsync<DomainException>(() => _admin.CloseSelfCheck.ExecuteAsync(id, detail.Check.Version, "まとめ"));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.CloseSelfCheck.ExecuteAsync(id, detail.Check.Version, "  "));
        Assert.Equal(ErrorCodes.CisoClosesSelfCheck, byAdmin.Code);
        Assert.Contains("selfCheckSummary", empty.Errors.Keys);
        await _ciso.CloseSelfCheck.ExecuteAsync(id, detail.Check.Version, "許可リストの更新を是正事項とした。");

        var closed = (await _ciso.SelfChecks.LatestClosedAsync())!;
        Assert.Equal((2026, "許可リストの更新を是正事項とした。", 1), (closed.FiscalYear, closed.Summary, closed.RollUp.Findings));
        var late = await Assert.ThrowsAsync<DomainException>(() => _owner.Answer.ExecuteAsync(id, "MN-05", ControlStatus.Met, null, null, null));
        Assert.Equal(ErrorCodes.SelfCheckClosed, late.Code);
    }

    [Fact]
    public async Task Bad_answers_and_a_second_self_check_for_the_year_are_refused()
    {
        var id = await _ciso.OpenSelfCheck.ExecuteAsync(2026);

        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.OpenSelfCheck.ExecuteAsync(2026));
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.OpenSelfCheck.ExecuteAsync(2027));
        var byOwner = await Assert.ThrowsAsync<DomainException>(() => _owner.OpenSelfCheck.ExecuteAsync(2025));
        var noAction = await Assert.ThrowsAsync<ValidationFailedException>(() => _owner.Answer.ExecuteAsync(id, "MN-02", ControlStatus.NotMet, null, null, null));
        var notOwned = await Assert.ThrowsAsync<DomainException>(() => _owner.Answer.ExecuteAsync(id, "LG-01", ControlStatus.Met, null, null, null));
        var notUnderModel = await Assert.ThrowsAsync<ValidationFailedException>(() => _ciso.Answer.ExecuteAsync(id, "AP-01", ControlStatus.Met, null, null, null));

        Assert.Equal(ErrorCodes.SelfCheckExists, again.Errors["fiscalYear"][0].Code);
        Assert.Equal(ErrorCodes.TooLate, future.Errors["fiscalYear"][0].Code);
        Assert.Equal(ErrorCodes.ControlForbidden, byOwner.Code);
        Assert.Equal(["correctiveAction", "findingDueOn"], noAction.Errors.Keys.Order());
        Assert.Equal(ErrorCodes.NotControlOwner, notOwned.Code);
        Assert.Equal(ErrorCodes.ControlNotInSelfCheck, notUnderModel.Errors["controlId"][0].Code);
        Assert.Equal(0, (await _ciso.SelfChecks.DetailAsync(id))!.Check.RollUp.Answered);
    }
}
