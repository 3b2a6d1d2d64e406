namespace SecOpsDx.Core.Separation;

/// <summary>
/// The owner records where a control stands, for the control as a whole or for one system: 実施済, 一部実施,
/// 未実施, or 対象外 with the reason it does not apply. The version guards against overwriting a colleague.
/// A control met in one of several ways (the catalogue lists its methods) records which are in use: 実施済 and
/// 一部実施 need at least one, so the record says how the requirement is met, not only that it is.
/// </summary>
public sealed class RecordControlStatus(ControlWrites writes)
{
    public async Task ExecuteAsync(string? controlId, int? systemId, ControlStatus status, string? reason, string? evidenceText, int expectedVersion,
        IReadOnlyCollection<string>? methods = null, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var reasonText = errors.Text("notApplicableReason", reason, ControlLimits.Reason, required: status == ControlStatus.NotApplicable);
        var evidence = errors.Text("evidenceText", evidenceText, ControlLimits.EvidenceText, required: false);
        if (!Enum.IsDefined(status)) errors.Add("status", ErrorCodes.Invalid);
        var methodCodes = Methods(errors, control, status, methods);
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
        state.Methods = methodCodes;
        (state.UpdatedAt, state.UpdatedBy) = (writes.Now, who.Actor.Name);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The chosen methods as stored (catalogue order, comma-separated), or null when the control lists none.</summary>
    private static string? Methods(FieldErrors errors, ControlDefinition control, ControlStatus status, IReadOnlyCollection<string>? chosen)
    {
        var codes = (chosen ?? []).Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        if (control.Methods.Count == 0)
        {
            if (codes.Count > 0) errors.Add("methods", ErrorCodes.Invalid);
            return null;
        }
        if (codes.FirstOrDefault(c => control.Method(c) is null) is { } unknown) errors.Add("methods", ErrorCodes.Invalid);
        else if (codes.Count == 0 && status is ControlStatus.Met or ControlStatus.Partial) errors.Add("methods", ErrorCodes.Required);
        var ordered = control.Methods.Select(m => m.Code).Where(codes.Contains).ToList();
        return ordered.Count == 0 || status == ControlStatus.NotApplicable ? null : string.Join(',', ordered);
    }
}
