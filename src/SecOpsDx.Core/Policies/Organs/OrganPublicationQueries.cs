using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Policies;

/// <summary>Reads of the organs' policies and their publication (地方自治法 第244条の6), for the register, the dashboard and the public page.</summary>
public sealed class OrganPublicationQueries(IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time, MunicipalOrgans organs)
{
    public DateOnly Today => JapanTime.Today(time);

    public IReadOnlyList<Organ> Organs => organs.All;

    /// <summary>Each organ of the municipality, with what is recorded for the document.</summary>
    public async Task<IReadOnlyList<OrganCoverage>> OfDocumentAsync(int documentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.OrganPublications.AsNoTracking().Where(p => p.DocumentId == documentId).ToListAsync(ct);
        return organs.All.Select(o => rows.FirstOrDefault(r => r.OrganCode == o.Code) is { } r
            ? new OrganCoverage(o.Code, r.Covered, r.PublishedOn, r.Place, r.Version)
            : new OrganCoverage(o.Code, false, null, null, 0)).ToList();
    }

    private sealed record Row(OrganPublication Publication, PolicyDocument Document, bool InForce);

    private async Task<List<Row>> CoveredAsync(SecOpsDxDbContext db, DateOnly day, CancellationToken ct)
    {
        var publications = await db.OrganPublications.AsNoTracking().Where(p => p.Covered).Include(p => p.Document).ToListAsync(ct);
        var ids = publications.Select(p => p.DocumentId).Distinct().ToList();
        var facts = (await db.PolicyRevisions.AsNoTracking().Where(r => ids.Contains(r.DocumentId))
                .Select(r => new { r.DocumentId, Facts = new RevisionFacts(r.Id, r.Number, r.Stage, r.EffectiveOn, r.Change, null) })
                .ToListAsync(ct))
            .ToLookup(r => r.DocumentId, r => r.Facts);
        return publications.Select(p => new Row(p, p.Document!, PolicyRules.InForce(facts[p.DocumentId], day, p.Document!.AbolishedOn) is not null)).ToList();
    }

    /// <summary>Every organ's standing today: the list behind the dashboard's count of organs that have not published.</summary>
    public async Task<PublicationOverview> OverviewAsync(CancellationToken ct = default)
    {
        var day = Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = (await CoveredAsync(db, day, ct)).ToLookup(r => r.Publication.OrganCode);
        var standings = organs.All.Select(o =>
        {
            var mine = rows[o.Code].OrderByDescending(r => r.InForce).ThenBy(r => r.Document.Slug, StringComparer.Ordinal).ToList();
            var published = mine.Any(r => PublicationDuty.Counts(true, r.InForce, r.Publication.PublishedOn, day));
            return new OrganStanding(o.Code, published, mine.Select(r => new OrganDocumentPublication(
                r.Document.Id, r.Document.Slug, r.Document.Title, r.InForce, r.Publication.PublishedOn, r.Publication.Place)).ToList());
        }).ToList();
        return new PublicationOverview(day, PublicationDuty.Applies(day), standings);
    }

    /// <summary>
    /// For /public/policies: each organ with its latest publication of a document in force (none when it has not
    /// published). Only the date and the place, and the document's title when the document is itself public.
    /// </summary>
    public async Task<IReadOnlyList<PublicOrganPublication>> PublicAsync(CancellationToken ct = default)
    {
        var day = Today;
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = (await CoveredAsync(db, day, ct)).ToLookup(r => r.Publication.OrganCode);
        return organs.All.Select(o =>
        {
            var latest = rows[o.Code].Where(r => PublicationDuty.Counts(true, r.InForce, r.Publication.PublishedOn, day))
                .OrderByDescending(r => r.Publication.PublishedOn).ThenBy(r => r.Document.Slug, StringComparer.Ordinal).FirstOrDefault();
            return latest is null
                ? new PublicOrganPublication(o.Code, null, null, null, null)
                : new PublicOrganPublication(o.Code, latest.Publication.PublishedOn, latest.Publication.Place,
                    latest.Document.IsPublic ? latest.Document.Slug : null, latest.Document.IsPublic ? latest.Document.Title : null);
        }).ToList();
    }
}
