using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Separation;

/// <summary>What one start's sync changed: ids newly listed, retired, and listed again after a retirement.</summary>
public sealed record CatalogueSyncResult(IReadOnlyList<string> Listed, IReadOnlyList<string> Retired, IReadOnlyList<string> Reinstated);

/// <summary>
/// Brings the register of catalogue ids in line with the catalogue loaded at start. An id that left the file is
/// retired (dated, never deleted: its record stays readable); one that comes back is listed again. Ids recorded
/// before the register existed, and no longer in the catalogue, are registered as retired at the first sync.
/// </summary>
public static class ControlCatalogueSync
{
    public static async Task<CatalogueSyncResult> SyncAsync(SecOpsDxDbContext db, ControlCatalogue catalogue, DateTimeOffset now, CancellationToken ct = default)
    {
        var entries = await db.CatalogueControls.ToDictionaryAsync(c => c.ControlId, StringComparer.OrdinalIgnoreCase, ct);
        var listed = new List<string>();
        var retired = new List<string>();
        var reinstated = new List<string>();
        foreach (var c in catalogue.Controls)
        {
            var segments = string.Join(',', c.Segments);
            if (!entries.TryGetValue(c.Id, out var entry))
            {
                db.CatalogueControls.Add(new CatalogueControl
                {
                    ControlId = c.Id, NameJa = Cut(c.Ja), NameEn = Cut(c.En), Segments = segments, ListedAt = now,
                });
                listed.Add(c.Id);
                continue;
            }
            if (entry.RetiredAt is not null)
            {
                entry.RetiredAt = null;
                reinstated.Add(c.Id);
            }
            if (entry.NameJa != Cut(c.Ja)) entry.NameJa = Cut(c.Ja);
            if (entry.NameEn != Cut(c.En)) entry.NameEn = Cut(c.En);
            if (entry.Segments != segments) entry.Segments = segments;
        }
        foreach (var entry in entries.Values.Where(e => e.RetiredAt is null && catalogue.Control(e.ControlId) is null))
        {
            entry.RetiredAt = now;
            retired.Add(entry.ControlId);
        }
        // Records of ids that were gone before the register was kept: their names are no longer known.
        var recorded = await db.ControlStates.Select(s => s.ControlId)
            .Union(db.ControlVerifications.Select(v => v.ControlId))
            .Union(db.ControlExceptions.Select(e => e.ControlId))
            .Distinct().ToListAsync(ct);
        foreach (var id in recorded.Where(id => catalogue.Control(id) is null && !entries.ContainsKey(id)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            db.CatalogueControls.Add(new CatalogueControl { ControlId = id, NameJa = id, NameEn = id, Segments = "", ListedAt = now, RetiredAt = now });
            retired.Add(id);
        }
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        return new CatalogueSyncResult(listed, retired, reinstated);
    }

    private static string Cut(string text) => text.Length <= ControlLimits.ControlName ? text : text[..ControlLimits.ControlName];
}
