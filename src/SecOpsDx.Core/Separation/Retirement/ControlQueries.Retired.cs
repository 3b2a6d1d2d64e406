using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Separation;

public sealed partial class ControlQueries
{
    /// <summary>
    /// The controls that left the catalogue, newest retirement first, with their last recorded standing (the control
    /// as a whole, each of its segments and each system), their last verification and the exceptions still open.
    /// A manager sees the ones they owned.
    /// </summary>
    public async Task<IReadOnlyList<RetiredControlRow>> RetiredAsync(CancellationToken ct = default)
    {
        var viewer = await ViewerAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entries = (await db.CatalogueControls.AsNoTracking().ToListAsync(ct))
            .Where(e => catalogue.Control(e.ControlId) is null).ToDictionary(e => e.ControlId, StringComparer.OrdinalIgnoreCase);
        var ids = entries.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = catalogue.Controls.Select(c => c.Id).ToList();
        var states = await db.ControlStates.AsNoTracking().Where(s => !known.Contains(s.ControlId)).ToListAsync(ct);
        ids.UnionWith(states.Select(s => s.ControlId));
        if (ids.Count == 0) return [];

        var idList = ids.ToList();
        var systems = await db.SegmentSystems.AsNoTracking().ToDictionaryAsync(s => s.Id, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var lastVerifications = (await db.ControlVerifications.AsNoTracking().Where(v => idList.Contains(v.ControlId)).ToListAsync(ct))
            .GroupBy(v => v.ControlId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.VerifiedOn).ThenByDescending(v => v.Id).First(), StringComparer.OrdinalIgnoreCase);
        var today = Today;
        var systemNames = systems.ToDictionary(s => s.Key, s => s.Value.Name);
        var exceptions = (await db.ControlExceptions.AsNoTracking().Where(e => idList.Contains(e.ControlId)).ToListAsync(ct))
            .Select(e => ExceptionView(e, null, systemNames, today) with { ControlJa = entries.GetValueOrDefault(e.ControlId)?.NameJa ?? e.ControlId, ControlEn = entries.GetValueOrDefault(e.ControlId)?.NameEn ?? e.ControlId })
            .Where(e => e.State != ExceptionState.Expired)
            .ToLookup(e => e.ControlId, StringComparer.OrdinalIgnoreCase);
        var byControl = states.ToLookup(s => s.ControlId, StringComparer.OrdinalIgnoreCase);

        var rows = new List<RetiredControlRow>();
        foreach (var id in ids)
        {
            var entry = entries.GetValueOrDefault(id);
            var own = byControl[id].ToList();
            var controlLevel = own.FirstOrDefault(s => s.SystemId is null);
            if (!Owns(viewer, controlLevel)) continue;
            var perSystem = own.Where(s => s.SystemId is { } sid && systems.ContainsKey(sid))
                .Select(s => (State: s, System: systems[s.SystemId!.Value])).ToList();
            var segmentCodes = entry?.SegmentCodes is { Count: > 0 } listed ? listed : perSystem.Select(p => p.System.Segment).Distinct().ToList();
            var segments = controlLevel is null && perSystem.Count == 0 ? [] : segmentCodes
                .Select(seg => new RetiredSegmentStatus(seg, ControlCompliance.CellStatus(controlLevel?.Status ?? ControlStatus.NotMet,
                    perSystem.Where(p => p.System.Segment == seg && p.System.IsActive).Select(p => p.State.Status))))
                .ToList();
            var last = lastVerifications.GetValueOrDefault(id);
            rows.Add(new RetiredControlRow(
                entry?.ControlId ?? id, entry?.NameJa ?? id, entry?.NameEn ?? id, entry?.RetiredAt, OwnerOf(controlLevel, departments), controlLevel?.Status,
                segments,
                perSystem.OrderBy(p => p.System.Segment, StringComparer.Ordinal).ThenBy(p => p.System.Name, StringComparer.Ordinal)
                    .Select(p => new RetiredSystemStatus(p.System.Id, p.System.Name, p.System.Segment, p.State.Status, p.State.LastVerifiedOn)).ToList(),
                last?.VerifiedOn, last?.VerifiedBy, exceptions[id].OrderBy(e => e.ExpiresOn).ToList()));
        }
        return rows.OrderByDescending(r => r.RetiredAt ?? DateTimeOffset.MinValue).ThenBy(r => r.ControlId, StringComparer.Ordinal).ToList();
    }

    /// <summary>A stand-in definition for a control no longer in the catalogue, from what the register kept of it.</summary>
    private async Task<(ControlDefinition? Control, CatalogueControl? Entry)> RetiredDefinitionAsync(SecOpsDxDbContext db, string? controlId, CancellationToken ct)
    {
        var id = controlId?.Trim().ToUpperInvariant() ?? "";
        if (id.Length is 0 or > ControlLimits.ControlId) return (null, null);
        var entry = await db.CatalogueControls.AsNoTracking().FirstOrDefaultAsync(c => c.ControlId == id, ct);
        if (entry is null)
        {
            if (!await db.ControlStates.AnyAsync(s => s.ControlId == id, ct)) return (null, null);
            entry = new CatalogueControl { ControlId = id, NameJa = id, NameEn = id, Segments = "" };
        }
        var definition = new ControlDefinition(entry.ControlId, entry.SegmentCodes, [], entry.NameJa, entry.NameEn, "", "", "", "",
            VerificationFrequency.Every(12), IsLocal: false);
        return (definition, entry);
    }
}
