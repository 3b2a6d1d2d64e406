namespace SecOpsDx.Core.Policies;

/// <summary>Sends a draft for approval (下書き → 承認待ち).</summary>
public sealed class SubmitRevision(PolicyWrites writes)
{
    public Task ExecuteAsync(int revisionId, int expectedVersion, CancellationToken ct = default) =>
        writes.ChangeRevisionAsync(revisionId, expectedVersion, PolicyPermission.Draft, async (db, revision, who) =>
        {
            if (revision.Stage != PolicyRevisionStage.Draft)
                throw new DomainException(ErrorCodes.RevisionNotDraft);
            await PolicyWrites.CheckEffectiveDateAsync(db, revision, ct);
            revision.Stage = PolicyRevisionStage.AwaitingApproval;
            revision.SubmittedAt = writes.Now;
            revision.ReturnComment = null;
        }, ct);
}
