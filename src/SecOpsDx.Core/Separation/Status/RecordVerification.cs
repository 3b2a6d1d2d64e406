using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Separation;

/// <summary>A file given with a verification or on its own: its name, type and bytes.</summary>
public sealed record EvidenceUpload(string? FileName, string? ContentType, Stream Content, string? Note);

/// <summary>
/// The owner records a verification (who, which day, the result, notes) with an optional file of evidence, all
/// or nothing: a file of a type not accepted, or too large, leaves no verification behind. The next one falls
/// due the control's frequency after the latest verification.
/// </summary>
public sealed class RecordVerification(ControlWrites writes, EvidenceStore store)
{
    public async Task<int> ExecuteAsync(string? controlId, int? systemId, DateOnly? verifiedOn, VerificationResult result, string? notes,
        EvidenceUpload? file = null, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var notesText = errors.Text("verificationNotes", notes, ControlLimits.VerificationNotes, required: false);
        if (verifiedOn is null) errors.Add("verifiedOn", ErrorCodes.Required);
        else if (verifiedOn > writes.Today) errors.Add("verifiedOn", ErrorCodes.InFuture);
        else errors.SaneDate("verifiedOn", verifiedOn, writes.Now);
        if (!Enum.IsDefined(result)) errors.Add("result", ErrorCodes.Invalid);
        var fileName = file is null ? null : AddControlEvidence.CheckFile(errors, file);
        errors.ThrowIfAny();

        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        await ControlWrites.CheckSystemAsync(db, control, systemId, ct);
        var (state, controlLevel) = await ControlWrites.StatesAsync(db, control.Id, systemId, ct);
        ControlWrites.RequireOwner(who, controlLevel);

        var row = new ControlVerification
        {
            ControlId = control.Id, SystemId = systemId, VerifiedOn = verifiedOn!.Value, Result = result, Notes = notesText,
            VerifiedBy = who.Actor.Name, VerifiedByUserId = who.Actor.UserId, RecordedAt = writes.Now,
        };
        db.ControlVerifications.Add(row);
        if (state is null) db.ControlStates.Add(state = new ControlState { ControlId = control.Id, SystemId = systemId, UpdatedAt = writes.Now, UpdatedBy = who.Actor.Name });
        if (state.LastVerifiedOn is null || state.LastVerifiedOn < row.VerifiedOn) state.LastVerifiedOn = row.VerifiedOn;
        if (file is not null)
        {
            var (sha256, size) = await store.SaveAsync(file.Content, ct);
            db.ControlEvidence.Add(AddControlEvidence.Row(control.Id, systemId, row, fileName!, file, sha256, size, who, writes.Now));
        }
        await db.SaveOrConflictAsync(ct);
        return row.Id;
    }
}
