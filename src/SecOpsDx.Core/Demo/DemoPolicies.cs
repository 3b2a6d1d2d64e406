using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// The demo municipality's policy register: the policy set imported (its history first), a revision awaiting the
/// CISO's approval, reviews recorded this 年度 for most documents (not for one that is overdue, nor for one that
/// follows an old guideline edition), and acknowledgments by most staff but not all. Deterministic: the same staff
/// and the same date give the same rows, and running it again adds nothing. The 基本方針 is every organ's
/// cybersecurity policy; all have published it but the last two organs in the list (in the default list, 農業委員会
/// and 固定資産評価審査委員会), so the gap shows on the dashboard and the public page.
/// </summary>
public static class DemoPolicies
{
    /// <summary>The document whose revision waits for approval in the demo.</summary>
    public const string AwaitingSlug = "password-management";
    /// <summary>Left without a review, so that it is overdue.</summary>
    public const string OverdueSlug = "media-disposal";
    /// <summary>Follows the 令和5年3月 edition.</summary>
    public const string OldEditionSlug = "telework";

    public sealed record Result(int FilesImported, int Acknowledgments);

    public static async Task<Result> SeedAsync(SyncPolicies sync, SecOpsDxDbContext db, string policiesDirectory, string? drafterUserId,
        string drafterName, DateTimeOffset now, CancellationToken ct = default, MunicipalOrgans? organs = null)
    {
        if (!Directory.Exists(policiesDirectory)) return new Result(0, 0);
        var imported = 0;
        var history = Path.Combine(policiesDirectory, "history");
        if (Directory.Exists(history))
        {
            imported += Count(await sync.ExecuteAsync(history, ct, mayApprove: true));
            // A folder holds one version of each document, so later versions the register held sit in history/v2, …
            foreach (var later in Directory.GetDirectories(history).Order(StringComparer.Ordinal))
                imported += Count(await sync.ExecuteAsync(later, ct, mayApprove: true));
        }
        imported += Count(await sync.ExecuteAsync(policiesDirectory, ct, mayApprove: true));

        var today = JapanTime.Today(new FixedTime(now));
        await OpenRevisionAsync(db, drafterUserId, drafterName, today, now, ct);
        await ReviewsAsync(db, today, now, ct);
        if (organs is not null) await OrganPublicationsAsync(db, organs, today, ct);
        return new Result(imported, await AcknowledgmentsAsync(db, today, now, ct));
    }

    private static int Count(PolicySyncReport report) =>
        report.Count(PolicySyncOutcome.Added) + report.Count(PolicySyncOutcome.Revised);

    private static async Task OpenRevisionAsync(SecOpsDxDbContext db, string? drafterUserId, string drafterName, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Slug == AwaitingSlug, ct);
        if (document is null) return;
        var revisions = await db.PolicyRevisions.Where(r => r.DocumentId == document.Id).ToListAsync(ct);
        if (revisions.Count != 1) return;
        var first = revisions[0];
        var body = first.Body
            .Replace("1. パスワードは12文字以上とし、英大文字、英小文字及び数字を含める。",
                "1. パスワードは14文字以上とし、推測されやすい語句を含めない。\n2. 管理者権限のあるIDには多要素認証を設定する。")
            .Replace("2. 他のサービスと同じパスワードを使ってはならない。", "3. 他のサービスと同じパスワードを使ってはならない。");
        db.PolicyRevisions.Add(new PolicyRevision
        {
            DocumentId = document.Id, Number = 2, Title = first.Title, Body = body, Change = PolicyChange.Material,
            Stage = PolicyRevisionStage.AwaitingApproval, EffectiveOn = FiscalYear.Of(today).FirstDay.AddYears(1),
            DraftedByUserId = drafterUserId, DraftedByName = drafterName, DraftedAt = now.AddDays(-3), SubmittedAt = now.AddDays(-2),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The document every organ re-designated as its policy (地方自治法 第244条の6).</summary>
    public const string OrgansSlug = "basic-policy";

    /// <summary>How many organs, at the end of the list, have not published yet.</summary>
    public const int OrgansUnpublished = 2;

    private static async Task OrganPublicationsAsync(SecOpsDxDbContext db, MunicipalOrgans organs, DateOnly today, CancellationToken ct)
    {
        if (await db.OrganPublications.AnyAsync(ct)) return;
        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Slug == OrgansSlug, ct);
        if (document is null) return;
        // Published in the last week before the duty applied, or up to today when the demo runs before then.
        var last = today < PublicationDuty.From ? today : PublicationDuty.From.AddDays(-1);
        for (var i = 0; i < organs.All.Count; i++)
        {
            var organ = organs.All[i];
            var published = i < organs.All.Count - OrgansUnpublished;
            db.OrganPublications.Add(new OrganPublication
            {
                DocumentId = document.Id, OrganCode = organ.Code, Covered = true,
                PublishedOn = published ? last.AddDays(-Math.Min(i, 6)) : null,
                Place = published ? $"https://www.city.mirai.example.jp/{organ.Code}/cybersecurity-policy.html" : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task ReviewsAsync(SecOpsDxDbContext db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PolicyReviews.AnyAsync(ct)) return;
        var reviewedOn = FiscalYear.Of(today).FirstDay.AddDays(14);
        if (reviewedOn > today) reviewedOn = today;
        foreach (var d in await db.PolicyDocuments.Where(d => d.Slug != OverdueSlug && d.Slug != OldEditionSlug).OrderBy(d => d.Slug).ToListAsync(ct))
        {
            d.LastReviewedOn = reviewedOn;
            db.PolicyReviews.Add(new PolicyReview
            {
                DocumentId = d.Id, ReviewedOn = reviewedOn, WithoutChange = true, ReviewerName = "情報セキュリティ委員会",
                Note = "年度当初の見直し。改定の必要なし。", GuidelineEdition = d.GuidelineEdition, RecordedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Two in three staff acknowledged every document in force that applies to all; the demo's staff account (D0005)
    /// has acknowledged nothing, so that it has tasks; the manager (D0004) has acknowledged everything.
    /// </summary>
    private static async Task<int> AcknowledgmentsAsync(SecOpsDxDbContext db, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PolicyAcknowledgments.AnyAsync(ct)) return 0;
        var documents = await db.PolicyDocuments.AsNoTracking().Where(d => d.Audience == PolicyAudience.Everyone).ToListAsync(ct);
        var facts = (await db.PolicyRevisions.AsNoTracking()
            .Select(r => new { r.DocumentId, Facts = new RevisionFacts(r.Id, r.Number, r.Stage, r.EffectiveOn, r.Change) })
            .ToListAsync(ct)).ToLookup(r => r.DocumentId, r => r.Facts);
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.EmployeeNumber).Select(s => new { s.Id, s.EmployeeNumber, s.HiredOn, s.RetiredOn }).ToListAsync(ct);
        var added = 0;
        for (var i = 0; i < staff.Count; i++)
        {
            var s = staff[i];
            if (s.EmployeeNumber == "D0005" || (s.EmployeeNumber != "D0004" && i % 3 == 2)) continue;
            if (s.RetiredOn is { } left && left < today) continue;
            foreach (var d in documents)
            {
                if (PolicyRules.InForce(facts[d.Id], today, d.AbolishedOn) is not { } inForce) continue;
                db.PolicyAcknowledgments.Add(new PolicyAcknowledgment
                {
                    StaffId = s.Id, DocumentId = d.Id, RevisionId = inForce.Id, RevisionNumber = inForce.Number,
                    AcknowledgedAt = now.AddDays(-(i % 20) - 1), ClientAddress = "10.0.0." + (i % 250 + 1),
                });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
