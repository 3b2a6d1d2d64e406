using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Records a review that changed nothing (見直し実施・改定なし): the document counts as reviewed today and as following
/// the newest guideline edition, which clears 見直し要 until the next interval or edition. The owner department's managers may record it, as may the CISO office.
/// </summary>
public sealed class RecordReview(PolicyWrites writes, GuidelineEditions editions)
{
    public async Task ExecuteAsync(int documentId, int expectedVersion, string? note, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var (document, reviewer) = await writes.DocumentToDraftAsync(db, documentId, ct);
        var who = reviewer.Actor;
        db.ExpectVersion(document, expectedVersion);
        var errors = new FieldErrors();
        var text = errors.Text("reviewNote", note, PolicyLimits.ReviewNote, required: false);
        errors.ThrowIfAny();
        document.LastReviewedOn = writes.Today;
        document.GuidelineEdition = editions.Latest.Code;
        db.Entry(document).State = EntityState.Modified;
        db.PolicyReviews.Add(new PolicyReview
        {
            DocumentId = documentId, ReviewedOn = writes.Today, WithoutChange = true, Note = text, ReviewerUserId = who.UserId,
            ReviewerName = who.Name, GuidelineEdition = editions.Latest.Code, RecordedAt = writes.Now,
        });
        await db.SaveOrConflictAsync(ct);
    }
}
