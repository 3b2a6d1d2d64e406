using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Separation;

/// <summary>
/// Adds a file of evidence to a control, in the same store as incident evidence: kept under its SHA-256, with who
/// added it when, never changed. Only document, data and image types are taken; programs and pages are refused.
/// </summary>
public sealed class AddControlEvidence(ControlWrites writes, EvidenceStore store)
{
    public async Task<int> ExecuteAsync(string? controlId, int? systemId, EvidenceUpload file, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var name = CheckFile(errors, file);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        await ControlWrites.CheckSystemAsync(db, control, systemId, ct);
        var (_, controlLevel) = await ControlWrites.StatesAsync(db, control.Id, systemId, ct);
        ControlWrites.RequireOwner(who, controlLevel);
        var (sha256, size) = await store.SaveAsync(file.Content, ct);
        var row = Row(control.Id, systemId, null, name!, file, sha256, size, who, writes.Now);
        db.ControlEvidence.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    /// <summary>The file's name without any folder, or an error when it is missing or of a type not taken.</summary>
    public static string? CheckFile(FieldErrors errors, EvidenceUpload file)
    {
        var name = errors.Text("fileName", file.FileName is null ? null : Path.GetFileName(file.FileName), 255, required: true);
        errors.Text("evidenceNote", file.Note, ControlLimits.EvidenceNote, required: false);
        if (name is not null && !ControlLimits.EvidenceExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            errors.Add("file", ErrorCodes.EvidenceTypeNotAllowed, string.Join(" ", ControlLimits.EvidenceExtensions));
        return name;
    }

    internal static ControlEvidence Row(string controlId, int? systemId, ControlVerification? verification, string name, EvidenceUpload file,
        string sha256, long size, ControlActor who, DateTimeOffset now)
    {
        var type = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType.Trim();
        return new ControlEvidence
        {
            ControlId = controlId, SystemId = systemId, FileName = name, ContentType = type[..Math.Min(type.Length, 100)],
            Size = size, Sha256 = sha256, Note = FieldErrors.WithoutHarmfulCharacters(file.Note)?.Trim() is { Length: > 0 } n ? n : null,
            AddedAt = now, AddedByUserId = who.Actor.UserId, AddedBy = who.Actor.Name, Verification = verification,
        };
    }
}
