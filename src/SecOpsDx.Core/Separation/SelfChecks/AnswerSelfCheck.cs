using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>
/// An owner answers for one of their controls. An answer of 未実施 or 一部実施 becomes a finding, so it needs the
/// corrective action and a due date; revising it to met (or 対象外) withdraws the finding, which stays on record.
/// </summary>
public sealed class AnswerSelfCheck(ControlWrites writes)
{
    public async Task ExecuteAsync(int selfCheckId, string? controlId, ControlStatus answer, string? note, string? correctiveAction, DateOnly? dueOn, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var unmet = answer is ControlStatus.NotMet or ControlStatus.Partial;
        var errors = new FieldErrors();
        if (!Enum.IsDefined(answer)) errors.Add("answer", ErrorCodes.Invalid);
        var noteText = errors.Text("answerNote", note, ControlLimits.Reason, required: answer == ControlStatus.NotApplicable);
        var action = errors.Text("correctiveAction", correctiveAction, ControlLimits.CompensatingMeasures, required: unmet);
        if (unmet && dueOn is null) errors.Add("findingDueOn", ErrorCodes.Required);
        else if (unmet && dueOn <= writes.Today) errors.Add("findingDueOn", ErrorCodes.ExpiryNotInFuture);
        errors.ThrowIfAny();

        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        var check = await db.SelfChecks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == selfCheckId, ct) ?? throw new DomainException(ErrorCodes.SelfCheckNotFound);
        if (!check.IsOpen) throw new DomainException(ErrorCodes.SelfCheckClosed);
        if (!control.AppliesTo(check.Model)) throw ValidationFailedException.For("controlId", ErrorCodes.ControlNotInSelfCheck, control.Id);
        var (_, controlLevel) = await ControlWrites.StatesAsync(db, control.Id, null, ct);
        ControlWrites.RequireOwner(who, controlLevel);

        var row = await db.SelfCheckAnswers.SingleOrDefaultAsync(a => a.SelfCheckId == selfCheckId && a.ControlId == control.Id, ct);
        if (row is null) db.SelfCheckAnswers.Add(row = new SelfCheckAnswer { SelfCheckId = selfCheckId, ControlId = control.Id, AnsweredBy = who.Actor.Name });
        (row.Answer, row.Note, row.AnsweredAt, row.AnsweredBy) = (answer, noteText, writes.Now, who.Actor.Name);

        var finding = await db.SelfCheckFindings.SingleOrDefaultAsync(f => f.SelfCheckId == selfCheckId && f.ControlId == control.Id, ct);
        if (finding?.CorrectedAt is not null)
        {
            // A corrected finding is settled: the answer may be revised, the finding is neither rewritten nor withdrawn.
            if (unmet && (finding.CorrectiveAction != action || finding.DueOn != dueOn))
                throw ValidationFailedException.For("correctiveAction", ErrorCodes.FindingAlreadyCorrected);
        }
        else if (unmet)
        {
            if (finding is null) db.SelfCheckFindings.Add(finding = new SelfCheckFinding { SelfCheckId = selfCheckId, ControlId = control.Id, CorrectiveAction = action!, RaisedAt = writes.Now });
            (finding.CorrectiveAction, finding.DueOn, finding.OwnerDepartmentId, finding.WithdrawnAt) = (action!, dueOn!.Value, controlLevel?.OwnerDepartmentId, null);
        }
        else if (finding is { WithdrawnAt: null }) finding.WithdrawnAt = writes.Now;
        await db.SaveOrConflictAsync(ct);
    }
}
