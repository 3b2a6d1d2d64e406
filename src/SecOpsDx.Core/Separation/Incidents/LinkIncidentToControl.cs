using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>The CSIRT (or the CISO office) notes which control an incident touched; linking twice changes nothing.</summary>
public sealed class LinkIncidentToControl(ControlWrites writes)
{
    public async Task ExecuteAsync(int incidentId, string? controlId, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        if (!who.Manages && !who.IsCsirt) throw new DomainException(ErrorCodes.ControlForbidden);
        if (!await db.Incidents.AnyAsync(i => i.Id == incidentId, ct)) throw new DomainException(ErrorCodes.IncidentNotFound);
        if (await db.IncidentControlLinks.AnyAsync(l => l.IncidentId == incidentId && l.ControlId == control.Id, ct)) return;
        db.IncidentControlLinks.Add(new IncidentControlLink { IncidentId = incidentId, ControlId = control.Id, CreatedAt = writes.Now, CreatedBy = who.Actor.Name });
        await db.SaveChangesAsync(ct);
    }
}
