using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class PolicyWorkflowTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true });
        await _desk.DepartmentsAsync();
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。")));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<(int Id, int DocumentId)> DraftAsync(string body = "# 方針\n\n第1条 改めた本文。", DateOnly? effective = null)
    {
        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        var id = await _desk.Start_.ExecuteAsync(document.Id);
        var r = (await _desk.Queries.RevisionAsync(id))!;
        await _desk.Save.ExecuteAsync(id, r.Version, new DraftInput("情報セキュリティ基本方針", body, PolicyChange.Material, effective ?? new DateOnly(2026, 6, 1)));
        return (id, document.Id);
    }

    private async Task<int> VersionAsync(int id) => (await _desk.Queries.RevisionAsync(id))!.Version;

    [Fact]
    public async Task A_draft_goes_for_approval_is_approved_and_comes_into_force_on_its_effective_date()
    {
        var (id, _) = await DraftAsync();
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));
        Assert.Equal(PolicyRevisionState.AwaitingApproval, (await _desk.Queries.RevisionAsync(id))!.State);

        _desk.Actor.Actor = PolicyDesk.Approver;
        await _desk.Approve.ApproveAsync(id, await VersionAsync(id));
        Assert.Equal(PolicyRevisionState.Approved, (await _desk.Queries.RevisionAsync(id))!.State);
        Assert.Equal(1, (await _desk.Queries.DocumentAsync("basic"))!.InForce!.Number);

        _desk.Time.SetUtcNow(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        Assert.Equal(2, document.InForce!.Number);
        Assert.Equal(PolicyRevisionState.Superseded, document.Revisions.Single(r => r.Number == 1).State);
        Assert.Equal("承認 花子", document.InForce.ApprovedByName);
    }

    [Fact]
    public async Task An_approved_revision_cannot_be_edited_sent_back_or_resubmitted()
    {
        var (id, _) = await DraftAsync();
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));
        _desk.Actor.Actor = PolicyDesk.Approver;
        await _desk.Approve.ApproveAsync(id, await VersionAsync(id));
        var version = await VersionAsync(id);

        var edit = await Assert.ThrowsAsync<DomainException>(() =>
            _desk.Save.ExecuteAsync(id, version, new DraftInput("表題", "書き換え", PolicyChange.Editorial, new DateOnly(2026, 6, 1))));
        Assert.Equal(ErrorCodes.RevisionApproved, edit.Code);
        Assert.Equal(ErrorCodes.RevisionApproved, (await Assert.ThrowsAsync<DomainException>(() => _desk.Approve.SendBackAsync(id, version, "戻す"))).Code);
        Assert.Equal("# 方針\n\n第1条 改めた本文。", (await _desk.Queries.RevisionAsync(id))!.Body);
    }

    [Fact]
    public async Task The_drafter_cannot_approve_their_own_draft_unless_the_setting_allows_it()
    {
        var (id, _) = await DraftAsync();
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));

        var refused = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Approve.ApproveAsync(id, await VersionAsync(id)));
        Assert.Equal(ErrorCodes.SelfApprovalForbidden, refused.Code);
        Assert.Equal(PolicyRevisionState.AwaitingApproval, (await _desk.Queries.RevisionAsync(id))!.State);

        _desk.Settings.AllowSelfApproval = true;
        await _desk.Approve.ApproveAsync(id, await VersionAsync(id));
        Assert.Equal(PolicyRevisionState.Approved, (await _desk.Queries.RevisionAsync(id))!.State);
    }

    [Fact]
    public async Task An_effective_date_before_the_previous_revisions_is_refused_at_submission()
    {
        var (id, _) = await DraftAsync(effective: new DateOnly(2025, 3, 31));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(async () => await _desk.Submit.ExecuteAsync(id, await VersionAsync(id)));

        Assert.Equal(ErrorCodes.EffectiveBeforePrevious, e.Errors["effectiveOn"][0].Code);
        Assert.Equal("2025-04-01", e.Errors["effectiveOn"][0].Args[0]);
        Assert.Equal(PolicyRevisionState.Draft, (await _desk.Queries.RevisionAsync(id))!.State);
    }

    [Fact]
    public async Task Sending_back_needs_a_comment_and_returns_the_draft_with_it()
    {
        var (id, _) = await DraftAsync();
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));
        _desk.Actor.Actor = PolicyDesk.Approver;

        var e = await Assert.ThrowsAsync<ValidationFailedException>(async () => await _desk.Approve.SendBackAsync(id, await VersionAsync(id), "  "));
        Assert.Equal(ErrorCodes.Required, e.Errors["comment"][0].Code);

        await _desk.Approve.SendBackAsync(id, await VersionAsync(id), "第1条の表現を見直してください");
        var r = (await _desk.Queries.RevisionAsync(id))!;
        Assert.Equal(PolicyRevisionState.Draft, r.State);
        Assert.Equal("第1条の表現を見直してください", r.ReturnComment);
    }

    [Fact]
    public async Task A_second_revision_cannot_be_started_while_one_is_open_and_a_stale_save_is_a_conflict()
    {
        var (id, documentId) = await DraftAsync();
        Assert.Equal(ErrorCodes.RevisionAlreadyOpen, (await Assert.ThrowsAsync<DomainException>(() => _desk.Start_.ExecuteAsync(documentId))).Code);

        var stale = await VersionAsync(id);
        await _desk.Save.ExecuteAsync(id, stale, new DraftInput("表題", "一人目の本文", PolicyChange.Material, new DateOnly(2026, 6, 1)));
        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            _desk.Save.ExecuteAsync(id, stale, new DraftInput("表題", "二人目の本文", PolicyChange.Material, new DateOnly(2026, 6, 1))));
        Assert.True(conflict.IsConflict);
        Assert.Equal("一人目の本文", (await _desk.Queries.RevisionAsync(id))!.Body);
    }

    [Fact]
    public async Task A_draft_without_text_or_title_is_refused_naming_both_fields()
    {
        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        var id = await _desk.Start_.ExecuteAsync(document.Id);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(async () =>
            await _desk.Save.ExecuteAsync(id, await VersionAsync(id), new DraftInput(" ", "\n", PolicyChange.Material, new DateOnly(2026, 6, 1))));

        Assert.Equal(ErrorCodes.Required, e.Errors["policyTitle"][0].Code);
        Assert.Equal(ErrorCodes.Required, e.Errors["body"][0].Code);
    }

    [Fact]
    public async Task A_review_without_change_clears_the_overdue_and_older_edition_flags()
    {
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(null, "old.md",
            PolicyDesk.File_("old", 1, "2024-04-01", "本文。", kind: "実施手順", guideline: "r5-03", title: "古い手順")));
        var before = (await _desk.Queries.RegisterAsync()).Single(r => r.Slug == "old");
        Assert.Equal(ReviewNeed.OverdueAndOlderEdition, before.Need);
        Assert.Contains(await _desk.Queries.ReviewsOverdueAsync(), r => r.Slug == "old");

        var document = (await _desk.Queries.DocumentAsync("old"))!;
        await _desk.Review.ExecuteAsync(document.Id, document.Version, "変更の必要なし");

        var after = (await _desk.Queries.RegisterAsync()).Single(r => r.Slug == "old");
        Assert.Equal(ReviewNeed.None, after.Need);
        Assert.Equal(new DateOnly(2026, 5, 1), after.LastReviewedOn);
        Assert.Equal(new DateOnly(2027, 5, 1), after.NextReviewDue);
        Assert.DoesNotContain(await _desk.Queries.ReviewsOverdueAsync(), r => r.Slug == "old");
    }

    [Fact]
    public async Task Reviews_due_soon_are_listed_before_they_are_overdue()
    {
        // In force since 2025-06-01 with a 12-month interval: due 2026-06-01.
        await _desk.Sync.ExecuteAsync(PolicyDesk.WriteFile(null, "soon.md", PolicyDesk.File_("soon", 1, "2025-06-01", "本文。", title: "間もなく見直す手順")));
        Assert.Contains(await _desk.Queries.ReviewsDueWithinAsync(60), r => r.Slug == "soon");
        Assert.DoesNotContain(await _desk.Queries.ReviewsDueWithinAsync(10), r => r.Slug == "soon");
        Assert.DoesNotContain(await _desk.Queries.ReviewsOverdueAsync(), r => r.Slug == "soon");

        _desk.Time.SetUtcNow(new DateTimeOffset(2026, 6, 2, 9, 0, 0, TimeSpan.FromHours(9)));
        Assert.Contains(await _desk.Queries.ReviewsOverdueAsync(), r => r.Slug == "soon" && r.Need == ReviewNeed.Overdue);
        Assert.DoesNotContain(await _desk.Queries.ReviewsDueWithinAsync(60), r => r.Slug == "soon");
    }
}
