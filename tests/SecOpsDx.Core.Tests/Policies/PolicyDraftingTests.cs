using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

/// <summary>
/// Drafting by the owner department: a manager of the department that owns a document (or of a 課 of the 部 that
/// owns it) starts, edits and sends a revision and records a review; only the CISO office approves; everyone else
/// is refused and nothing changes.
/// </summary>
public sealed class PolicyDraftingTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _desk = default!;
    private static readonly AuditActor OwnerManager = new("user-M1030", "管理 情報政策");
    private static readonly AuditActor SiblingManager = new("user-M1020", "管理 人事");
    private static readonly AuditActor SectionManager = new("user-M2010", "管理 市民");
    private static readonly AuditActor OwnerStaff = new("user-S1030", "職員 情報政策");

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true });
        await _desk.DepartmentsAsync();
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。"));
        PolicyDesk.WriteFile(folder, "counter.md", PolicyDesk.File_("counter", 1, "2025-04-01", "# 窓口\n\n1 本人確認を行う。",
            kind: "実施手順", title: "窓口業務手順", owner: "2000"));
        await _desk.Sync.ExecuteAsync(folder);
        await _desk.StaffAsync("M1030", "1030", role: Roles.Manager);
        await _desk.StaffAsync("M1020", "1020", role: Roles.Manager);
        await _desk.StaffAsync("M2010", "2010", role: Roles.Manager);
        await _desk.StaffAsync("S1030", "1030", role: Roles.Staff);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> DocumentIdAsync(string slug) => (await _desk.Queries.DocumentAsync(slug))!.Id;
    private async Task<int> VersionAsync(int id) => (await _desk.Queries.RevisionAsync(id))!.Version;

    private async Task<int> RevisionCountAsync()
    {
        await using var db = _db.CreateContext();
        return await db.PolicyRevisions.CountAsync();
    }

    [Fact]
    public async Task A_revision_shows_its_drafter_by_the_name_on_their_account_rather_than_the_sign_in_address()
    {
        await using (var db = _db.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == "user-M1030");
            user.DisplayName = "市川 理恵";
            await db.SaveChangesAsync();
        }
        // A person signed in to the app acts under their sign-in address.
        _desk.Actor.Actor = new AuditActor("user-M1030", "M1030@example.jp");
        var id = await _desk.Start_.ExecuteAsync(await DocumentIdAsync("basic"));

        Assert.Equal("市川 理恵", (await _desk.Queries.RevisionAsync(id))!.DraftedByName);
        Assert.Equal("市川 理恵", (await _desk.Queries.DocumentAsync("basic"))!.Revisions.Single(r => r.Id == id).DraftedByName);
        // The stored name stays what the audit trail says.
        await using (var db = _db.CreateContext())
            Assert.Equal("M1030@example.jp", (await db.PolicyRevisions.SingleAsync(r => r.Id == id)).DraftedByName);
    }

    [Fact]
    public async Task The_owner_departments_manager_drafts_edits_and_submits_and_the_CISO_approves()
    {
        _desk.Actor.Actor = OwnerManager;
        var id = await _desk.Start_.ExecuteAsync(await DocumentIdAsync("basic"));
        await _desk.Save.ExecuteAsync(id, await VersionAsync(id),
            new DraftInput("情報セキュリティ基本方針", "# 方針\n\n第1条 改めた本文。", PolicyChange.Editorial, new DateOnly(2026, 6, 1)));
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));

        var submitted = (await _desk.Queries.RevisionAsync(id))!;
        Assert.Equal(PolicyRevisionState.AwaitingApproval, submitted.State);
        Assert.Equal(PolicyChange.Editorial, submitted.Change);
        Assert.Equal("管理 情報政策", submitted.DraftedByName);
        Assert.Equal("user-M1030", submitted.DraftedByUserId);
        await using (var db = _db.CreateContext())
        {
            var inserted = await db.AuditEntries.Where(a => a.EntityType == nameof(PolicyRevision) && a.Action == AuditActions.Insert)
                .OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal(("user-M1030", "管理 情報政策"), (inserted.ActorId, inserted.ActorName));
        }

        // The manager may not decide on it, neither approve nor send back.
        var approve = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Approve.ApproveAsync(id, await VersionAsync(id)));
        var sendBack = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Approve.SendBackAsync(id, await VersionAsync(id), "戻す"));
        Assert.Equal(ErrorCodes.PolicyApproverOnly, approve.Code);
        Assert.Equal(ErrorCodes.PolicyApproverOnly, sendBack.Code);
        Assert.Equal(PolicyRevisionState.AwaitingApproval, (await _desk.Queries.RevisionAsync(id))!.State);

        // The CISO did not draft it, so the self-approval rule does not stand in the way.
        _desk.Actor.Actor = PolicyDesk.Approver;
        await _desk.Approve.ApproveAsync(id, await VersionAsync(id));
        var approved = (await _desk.Queries.RevisionAsync(id))!;
        Assert.Equal(PolicyRevisionState.Approved, approved.State);
        Assert.Equal("承認 花子", approved.ApprovedByName);
    }

    [Fact]
    public async Task A_manager_of_a_section_under_the_owning_bureau_may_draft_its_document()
    {
        _desk.Actor.Actor = SectionManager;

        var id = await _desk.Start_.ExecuteAsync(await DocumentIdAsync("counter"));
        await _desk.Submit.ExecuteAsync(id, await VersionAsync(id));

        Assert.Equal(PolicyRevisionState.AwaitingApproval, (await _desk.Queries.RevisionAsync(id))!.State);
    }

    [Fact]
    public async Task A_manager_of_another_department_is_refused_naming_the_owner_and_nothing_changes()
    {
        var basic = await DocumentIdAsync("basic");
        // A draft the CISO office opened, which the other managers try to change.
        var id = await _desk.Start_.ExecuteAsync(basic);
        var (revisions, audit) = (await RevisionCountAsync(), await _desk.AuditCountAsync());

        foreach (var other in new[] { SiblingManager, SectionManager })
        {
            _desk.Actor.Actor = other;
            var start = await Assert.ThrowsAsync<DomainException>(() => _desk.Start_.ExecuteAsync(basic));
            var save = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Save.ExecuteAsync(id, await VersionAsync(id),
                new DraftInput("表題", "書き換え", PolicyChange.Material, new DateOnly(2026, 6, 1))));
            var submit = await Assert.ThrowsAsync<DomainException>(async () => await _desk.Submit.ExecuteAsync(id, await VersionAsync(id)));
            var review = await Assert.ThrowsAsync<DomainException>(async () =>
                await _desk.Review.ExecuteAsync(basic, (await _desk.Queries.DocumentAsync("basic"))!.Version, "見直し"));

            Assert.All(new[] { start, save, submit, review }, e => Assert.Equal(ErrorCodes.NotPolicyDrafter, e.Code));
            Assert.Equal("情報政策課", start.Args[0]);
        }

        Assert.Equal((revisions, audit), (await RevisionCountAsync(), await _desk.AuditCountAsync()));
        var draft = (await _desk.Queries.RevisionAsync(id))!;
        Assert.Equal((PolicyRevisionState.Draft, "# 方針\n\n第1条 本文。"), (draft.State, draft.Body));
    }

    [Fact]
    public async Task Staff_of_the_owner_department_cannot_draft_nor_a_manager_abolish()
    {
        _desk.Actor.Actor = OwnerStaff;
        var basic = await DocumentIdAsync("basic");
        Assert.Equal(ErrorCodes.NotPolicyDrafter, (await Assert.ThrowsAsync<DomainException>(() => _desk.Start_.ExecuteAsync(basic))).Code);

        _desk.Actor.Actor = OwnerManager;
        var document = (await _desk.Queries.DocumentAsync("basic"))!;
        var abolish = await Assert.ThrowsAsync<DomainException>(() => _desk.Abolish.ExecuteAsync(basic, document.Version, new DateOnly(2026, 5, 10), "統合"));
        Assert.Equal(ErrorCodes.PolicyApproverOnly, abolish.Code);
        Assert.Null((await _desk.Queries.DocumentAsync("basic"))!.AbolishedOn);
        Assert.Equal(2, await RevisionCountAsync());
    }

    [Fact]
    public async Task The_owner_departments_manager_records_a_review_without_change()
    {
        _desk.Actor.Actor = OwnerManager;
        var document = (await _desk.Queries.DocumentAsync("basic"))!;

        await _desk.Review.ExecuteAsync(document.Id, document.Version, "改定の必要なし");

        Assert.Equal(new DateOnly(2026, 5, 1), (await _desk.Queries.DocumentAsync("basic"))!.LastReviewedOn);
        await using var db = _db.CreateContext();
        Assert.Equal("管理 情報政策", (await db.PolicyReviews.SingleAsync()).ReviewerName);
    }

    [Fact]
    public async Task The_query_tells_who_may_draft_a_document()
    {
        var basic = await DocumentIdAsync("basic");
        var counter = await DocumentIdAsync("counter");

        Assert.True(await _desk.Queries.MayDraftAsync(OwnerManager.UserId, basic));
        Assert.False(await _desk.Queries.MayDraftAsync(OwnerManager.UserId, counter));
        Assert.True(await _desk.Queries.MayDraftAsync(SectionManager.UserId, counter));
        Assert.False(await _desk.Queries.MayDraftAsync(SectionManager.UserId, basic));
        Assert.False(await _desk.Queries.MayDraftAsync(OwnerStaff.UserId, basic));
        Assert.True(await _desk.Queries.MayDraftAsync(PolicyDesk.Approver.UserId, counter));
        Assert.False(await _desk.Queries.MayDraftAsync(null, basic));
    }
}
