namespace SecOpsDx.Core.Separation;

/// <summary>
/// 例外措置 asked for by the control's owner (or the CISO office): why the control is not met, what makes up for
/// it, and until when. Not in force until the CISO approves it.
/// </summary>
public sealed class RequestControlException(ControlWrites writes)
{
    public async Task<int> ExecuteAsync(string? controlId, int? systemId, string? reason, string? compensatingMeasures, DateOnly? expiresOn, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var reasonText = errors.Text("exceptionReason", reason, ControlLimits.Reason, required: true);
        var measures = errors.Text("compensatingMeasures", compensatingMeasures, ControlLimits.CompensatingMeasures, required: true);
        if (expiresOn is null) errors.Add("expiresOn", ErrorCodes.Required);
        else if (expiresOn <= writes.Today) errors.Add("expiresOn", ErrorCodes.ExpiryNotInFuture);
        else if (expiresOn > writes.Today.AddYears(3)) errors.Add("expiresOn", ErrorCodes.TooLate, writes.Today.AddYears(3).Year);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        await ControlWrites.CheckSystemAsync(db, control, systemId, ct);
        var (state, controlLevel) = await ControlWrites.StatesAsync(db, control.Id, systemId, ct);
        ControlWrites.RequireOwner(who, controlLevel);
        // An exception stands in for a control that is not met; nothing is recorded yet counts as not met.
        if (state?.Status is ControlStatus.Met or ControlStatus.NotApplicable)
            throw new DomainException(ErrorCodes.ExceptionNeedsUnmetControl, control.Id);
        var row = new ControlException
        {
            ControlId = control.Id, SystemId = systemId, Reason = reasonText!, CompensatingMeasures = measures!, ExpiresOn = expiresOn!.Value,
            RequestedAt = writes.Now, RequestedBy = who.Actor.Name,
        };
        db.ControlExceptions.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
