using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// The approver's decision (CISO, or Admin for the 情報セキュリティ委員会): approve, after which the revision never
/// changes and takes effect on its 施行日; or send it back to draft with a comment. Nobody else decides: a manager who drafted for their department is refused.
/// </summary>
public sealed class ApproveRevision(PolicyWrites writes, PolicySettings settings, GuidelineEditions editions)
{
    public Task ApproveAsync(int revisionId, int expectedVersion, CancellationToken ct = default) =>
        writes.ChangeRevisionAsync(revisionId, expectedVersion, PolicyPermission.Approve, async (db, revision, who) =>
        {
            if (revision.Stage != PolicyRevisionStage.AwaitingApproval)
                throw new DomainException(ErrorCodes.RevisionNotAwaiting);
            if (!settings.AllowSelfApproval && who.UserId is not null && revision.DraftedByUserId == who.UserId)
                throw new DomainException(ErrorCodes.SelfApprovalForbidden);
            await PolicyWrites.CheckEffectiveDateAsync(db, revision, ct);
            if (await db.PolicyDocuments.Where(d => d.Id == revision.DocumentId).Select(d => d.AbolishedOn).SingleAsync(ct) is { } abolished)
                throw new DomainException(ErrorCodes.PolicyAbolished, abolished.ToString("yyyy-MM-dd"));
            revision.Stage = PolicyRevisionStage.Approved;
            revision.ApprovedAt = writes.Now;
            revision.ApprovedByUserId = who.UserId;
            revision.ApprovedByName = who.Name;
            // A revision is itself a review of the document against the newest guideline: it clears 見直し要.
            var document = await db.PolicyDocuments.SingleAsync(d => d.Id == revision.DocumentId, ct);
            if (document.LastReviewedOn is null || document.LastReviewedOn < writes.Today) document.LastReviewedOn = writes.Today;
            if (document.GuidelineEdition != editions.Latest.Code) document.GuidelineEdition = editions.Latest.Code;
        }, ct);

    public Task SendBackAsync(int revisionId, int expectedVersion, string? comment, CancellationToken ct = default) =>
        writes.ChangeRevisionAsync(revisionId, expectedVersion, PolicyPermission.Approve, (db, revision, who) =>
        {
            if (revision.Stage != PolicyRevisionStage.AwaitingApproval)
                throw new DomainException(ErrorCodes.RevisionNotAwaiting);
            var errors = new FieldErrors();
            var text = errors.Text("comment", comment, PolicyLimits.Comment, required: true);
            errors.ThrowIfAny();
            revision.Stage = PolicyRevisionStage.Draft;
            revision.ReturnComment = text;
            revision.SubmittedAt = null;
            return Task.CompletedTask;
        }, ct);
}
