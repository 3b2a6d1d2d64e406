using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Incidents;

/// <summary>Links two tickets about the same matter; both timelines say so. Linking twice changes nothing.</summary>
public sealed class LinkIncidents(TicketWrites writes)
{
    public async Task ExecuteAsync(int incidentId, string? otherNumber, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var number = otherNumber?.Trim();
        var other = string.IsNullOrEmpty(number) ? null : await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number, ct);
        if (other is null) throw ValidationFailedException.For("related", ErrorCodes.TicketNotFound, number ?? "");
        var incident = await TicketWrites.TicketAsync(db, incidentId, ct);
        if (other.Id == incidentId) throw ValidationFailedException.For("related", ErrorCodes.SameTicket);
        var (a, b) = incidentId < other.Id ? (incidentId, other.Id) : (other.Id, incidentId);
        if (await db.IncidentLinks.AnyAsync(l => l.IncidentId == a && l.RelatedIncidentId == b, ct)) return;
        var who = await writes.ActorAsync();
        var now = writes.Now;
        db.IncidentLinks.Add(new IncidentLink { IncidentId = a, RelatedIncidentId = b, CreatedAt = now, CreatedBy = who.Name });
        db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Note, TimelineEvents.Linked, who, now, ("number", other.Number), ("title", other.Title)));
        db.IncidentTimeline.Add(TimelineEvents.Entry(other, TimelineKind.Note, TimelineEvents.Linked, who, now, ("number", incident.Number), ("title", incident.Title)));
        await db.SaveChangesAsync(ct);
    }
}
