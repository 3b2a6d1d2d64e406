namespace SecOpsDx.Core.Incidents;

/// <summary>Stores a file under its SHA-256 and records who added it when; the record never changes.</summary>
public sealed class AddEvidence(TicketWrites writes, EvidenceStore evidence)
{
    public async Task<IncidentEvidence> ExecuteAsync(int incidentId, string? fileName, string? contentType, Stream content, string? note, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var name = errors.Text("fileName", fileName is null ? null : Path.GetFileName(fileName), 255, required: true);
        var noteText = errors.Text("note", note, IncidentLimits.EvidenceNote, required: false);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        var incident = await TicketWrites.TicketAsync(db, incidentId, ct);
        var (sha256, size) = await evidence.SaveAsync(content, ct);
        var who = await writes.ActorAsync();
        var now = writes.Now;
        var type = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim();
        var row = new IncidentEvidence
        {
            IncidentId = incidentId, FileName = name!, ContentType = type[..Math.Min(type.Length, 100)],
            Size = size, Sha256 = sha256, Note = noteText, AddedAt = now, AddedByUserId = who.UserId, AddedBy = who.Name,
        };
        db.IncidentEvidence.Add(row);
        db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Note, TimelineEvents.Evidence, who, now,
            ("file", row.FileName), ("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sha256", sha256)));
        await db.SaveChangesAsync(ct);
        return row;
    }
}
