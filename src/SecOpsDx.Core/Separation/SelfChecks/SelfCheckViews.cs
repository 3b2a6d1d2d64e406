namespace SecOpsDx.Core.Separation;

/// <summary>
/// The figures of a self-check: how many controls it covers, how they were answered, the findings raised (withdrawn
/// ones left out) and how many of those are still open (not yet corrected).
/// </summary>
public sealed record SelfCheckRollUp(int Controls, int Answered, int Met, int Partial, int NotMet, int NotApplicable, int Findings, int OpenFindings)
{
    public int Unanswered => Controls - Answered;

    /// <summary>Met ÷ answered controls that apply (対象外 left out); null before anything applicable is answered.</summary>
    public decimal? MetPercent => Common.Percent.Of(Met, Met + Partial + NotMet);

    public static SelfCheckRollUp From(int controls, IEnumerable<ControlStatus> answers, int findings, int openFindings)
    {
        var list = answers.ToList();
        return new SelfCheckRollUp(controls, list.Count, list.Count(a => a == ControlStatus.Met), list.Count(a => a == ControlStatus.Partial),
            list.Count(a => a == ControlStatus.NotMet), list.Count(a => a == ControlStatus.NotApplicable), findings, openFindings);
    }
}

public sealed record SelfCheckRow(int Id, int FiscalYear, string Model, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, string? ClosedBy,
    string? Summary, SelfCheckRollUp RollUp, int Version)
{
    public bool IsOpen => ClosedAt is null;
}

/// <param name="Correction">Set once the corrective action was recorded as done.</param>
/// <param name="MayCorrect">The viewer may record its correction (it is open and they manage its owner department, or are the CISO office).</param>
public sealed record SelfCheckFindingRow(int Id, string ControlId, string CorrectiveAction, string? Owner, DateOnly DueOn, DateTimeOffset? WithdrawnAt,
    FindingCorrection? Correction, int Version, bool MayCorrect)
{
    public bool IsOpen => WithdrawnAt is null && Correction is null;
}

/// <summary>是正完了 of a finding: the day it was done, what was done, who recorded it and when.</summary>
public sealed record FindingCorrection(DateOnly On, string Note, string By, DateTimeOffset RecordedAt);

public sealed record SelfCheckLine(ControlDefinition Control, string? Owner, ControlStatus? Answer, string? Note, string? AnsweredBy, SelfCheckFindingRow? Finding, bool Mine);

public sealed record SelfCheckDetail(SelfCheckRow Check, IReadOnlyList<SelfCheckLine> Lines, bool Manages, bool IsCiso);
