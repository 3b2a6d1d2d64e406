namespace SecOpsDx.Core.Separation;

/// <summary>
/// The owner records where a control stands, for the control as a whole or for one system: 実施済, 一部実施,
/// 未実施, or 対象外 with the reason it does not apply. The version guards against overwriting a colleague.
/// </summary>
public sealed class RecordControlStatus(ControlWrites writes)
{
    public async Task ExecuteAsync(string? controlId, int? systemId, ControlStatus status, string? reason, string? evidenceText, int expectedVersion, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var reasonText = errors.Text("notApplicableReason", reason, ControlLimits.Reason, required: status == ControlStatus.NotApplicable);
        var evidence = errors.Text("evidenceText", evidenceText, ControlLimits.EvidenceText, required: false);
        if (!Enum.IsDefined(status)) errors.Add("status", ErrorCodes.Invalid);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        await ControlWrites.CheckSystemAsync(db, control, systemId, ct);
        var (state, controlLevel) = await ControlWrites.StatesAsync(db, control.Id, systemId, ct);
        ControlWrites.RequireOwner(who, controlLevel);
        if (state is null) db.ControlStates.Add(state = new ControlState { ControlId = control.Id, SystemId = systemId });
        else db.ExpectVersion(state, expectedVersion);
        state.Status = status;
        state.NotApplicableReason = status == ControlStatus.NotApplicable ? reasonText : null;
        state.EvidenceText = evidence;
        (state.UpdatedAt, state.UpdatedBy) = (writes.Now, who.Actor.Name);
        await db.SaveOrConflictAsync(ct);
    }
}
