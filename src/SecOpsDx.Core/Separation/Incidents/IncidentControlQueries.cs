using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Separation;

public sealed record LinkedControl(string ControlId, string Ja, string En);

public sealed record LinkedIncident(int IncidentId, string Number, string Title, DateTimeOffset LinkedAt);

/// <summary>The links between incidents and controls, read from either side.</summary>
public sealed class IncidentControlQueries(IDbContextFactory<SecOpsDxDbContext> factory, ControlCatalogue catalogue)
{
    public async Task<IReadOnlyList<LinkedControl>> ControlsOfIncidentAsync(int incidentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await db.IncidentControlLinks.AsNoTracking().Where(l => l.IncidentId == incidentId).Select(l => l.ControlId).ToListAsync(ct);
        return ids.Order(StringComparer.Ordinal).Select(id => catalogue.Control(id) is { } c ? new LinkedControl(c.Id, c.Ja, c.En) : new LinkedControl(id, id, id)).ToList();
    }

    public async Task<IReadOnlyList<LinkedIncident>> IncidentsOfControlAsync(string controlId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from l in db.IncidentControlLinks.AsNoTracking()
                          join i in db.Incidents.AsNoTracking() on l.IncidentId equals i.Id
                          where l.ControlId == controlId
                          select new { i.Id, i.Number, i.Title, l.CreatedAt }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.CreatedAt).Select(r => new LinkedIncident(r.Id, r.Number, r.Title, r.CreatedAt)).ToList();
    }
}
