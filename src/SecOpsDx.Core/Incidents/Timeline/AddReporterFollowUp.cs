namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The person who reported a ticket adds to it later: more of what they know, a file (a screenshot, the mail they
/// received), or both. Only their own open report can take it; a merged report sends them to where it went.
/// </summary>
public sealed class AddReporterFollowUp(TicketWrites writes, EvidenceStore evidence)
{
    public async Task ExecuteAsync(int incidentId, string? text, string? fileName = null, string? contentType = null, Stream? content = null,
        CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var body = errors.Text("text", text, IncidentLimits.TimelineText, required: false);
        var name = content is null ? null : errors.Text("fileName", fileName is null ? null : Path.GetFileName(fileName), 255, required: true);
        if (body is null && content is null) errors.Add("text", ErrorCodes.FollowUpEmpty);
        errors.ThrowIfAny();

        var who = await writes.ActorAsync();
        await using var db = await writes.OpenAsync(ct);
        var incident = await TicketWrites.TicketAsync(db, incidentId, ct);
        // Someone else's report is as good as absent: say nothing about whether it exists.
        if (who.UserId is null || incident.ReporterUserId != who.UserId) throw new DomainException(ErrorCodes.IncidentNotFound);
        if (!incident.IsOpen) throw new DomainException(ErrorCodes.IncidentClosed);

        var now = writes.Now;
        if (body is not null) db.IncidentTimeline.Add(TimelineEvents.Written(incident, TimelineKind.FollowUp, body, who, now));
        if (content is not null)
        {
            var (sha256, size) = await evidence.SaveAsync(content, ct);
            var type = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim();
            db.IncidentEvidence.Add(new IncidentEvidence
            {
                IncidentId = incidentId, FileName = name!, ContentType = type[..Math.Min(type.Length, 100)], Size = size, Sha256 = sha256,
                Note = body, AddedAt = now, AddedByUserId = who.UserId, AddedBy = who.Name,
            });
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.FollowUp, TimelineEvents.Evidence, who, now,
                ("file", name), ("size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("sha256", sha256)));
        }
        await db.SaveChangesAsync(ct);
    }
}
