namespace SecOpsDx.Core.Incidents;

/// <summary>Adds a line to the timeline. Entries are never edited: a correction is a new entry.</summary>
public sealed class AddTimelineEntry(TicketWrites writes)
{
    public async Task ExecuteAsync(int id, string? text, bool isCorrection = false, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var body = errors.Text("text", text, IncidentLimits.TimelineText, required: true);
        errors.ThrowIfAny();
        var who = await writes.ActorAsync();
        await using var db = await writes.OpenAsync(ct);
        var incident = await TicketWrites.TicketAsync(db, id, ct);
        db.IncidentTimeline.Add(TimelineEvents.Written(incident, isCorrection ? TimelineKind.Correction : TimelineKind.Note, body!, who, writes.Now));
        await db.SaveChangesAsync(ct);
    }
}
