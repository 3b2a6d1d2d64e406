namespace SecOpsDx.Core.Policies;

/// <summary>What the lifecycle rules need to know of a revision (its text is not needed).</summary>
public sealed record RevisionFacts(int Id, int Number, PolicyRevisionStage Stage, DateOnly EffectiveOn, PolicyChange Change, DateTimeOffset? ApprovedAt = null);

/// <summary>
/// The rules that follow from dates alone: which revision is in force on a day, the state a person sees, which
/// acknowledgments still count, and when the next review is due. Pure, so that the register, the tasks and the
/// reminders all agree.
/// </summary>
public static class PolicyRules
{
    /// <summary>The approved revision whose 施行日 came last on or before the day; none once the document is abolished.</summary>
    public static RevisionFacts? InForce(IEnumerable<RevisionFacts> revisions, DateOnly day, DateOnly? abolishedOn = null)
    {
        if (abolishedOn is { } a && a <= day) return null;
        return revisions
            .Where(r => r.Stage == PolicyRevisionStage.Approved && r.EffectiveOn <= day)
            .OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.Number)
            .FirstOrDefault();
    }

    public static PolicyRevisionState StateOf(RevisionFacts revision, IReadOnlyCollection<RevisionFacts> all, DateOnly day, DateOnly? abolishedOn = null)
    {
        switch (revision.Stage)
        {
            case PolicyRevisionStage.Draft: return PolicyRevisionState.Draft;
            case PolicyRevisionStage.AwaitingApproval: return PolicyRevisionState.AwaitingApproval;
        }
        if (revision.EffectiveOn > day) return PolicyRevisionState.Approved;
        var inForce = InForce(all, day);
        if (inForce?.Id == revision.Id)
            return abolishedOn is { } a && a <= day ? PolicyRevisionState.Abolished : PolicyRevisionState.InForce;
        return PolicyRevisionState.Superseded;
    }

    /// <summary>
    /// The lowest revision number whose acknowledgment still counts for <paramref name="current"/>: the last
    /// material revision at or before it. Editorial revisions after it carry an earlier acknowledgment forward;
    /// the first revision of a document always asks.
    /// </summary>
    public static int AcknowledgedFrom(IEnumerable<RevisionFacts> revisions, RevisionFacts current)
    {
        var approved = revisions.Where(r => r.Stage == PolicyRevisionStage.Approved && r.Number <= current.Number)
            .OrderBy(r => r.Number).ToList();
        var from = approved.Count > 0 ? approved[0].Number : current.Number;
        foreach (var r in approved)
            if (r.Change == PolicyChange.Material) from = r.Number;
        return Math.Min(from, current.Number);
    }

    /// <summary>When the next review is due: the interval after the last review, or after the 施行日 in force.</summary>
    public static DateOnly? NextReviewDue(DateOnly? lastReviewedOn, DateOnly? inForceSince, int intervalMonths)
    {
        var basis = (lastReviewedOn, inForceSince) switch
        {
            ({ } r, { } f) => r > f ? r : f,
            ({ } r, null) => r,
            (null, { } f) => f,
            _ => (DateOnly?)null,
        };
        return basis?.AddMonths(Math.Max(1, intervalMonths));
    }
}
