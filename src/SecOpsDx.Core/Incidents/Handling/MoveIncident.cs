namespace SecOpsDx.Core.Incidents;

/// <summary>Moves the ticket along its states: 対応中 (with phase), 事後対応, back to 対応中.</summary>
public sealed class MoveIncident(TicketWrites writes)
{
    public Task ExecuteAsync(int id, int expectedVersion, IncidentStatus target, HandlingPhase? phase = null, CancellationToken ct = default) =>
        writes.ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            var before = incident.Status;
            incident.MoveTo(target, phase, now);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.StatusChange, TimelineEvents.Status, who, now,
                ("from", before.ToString()), ("to", incident.Status.ToString()), ("phase", incident.Phase?.ToString())));
            return Task.CompletedTask;
        }, ct);
}
