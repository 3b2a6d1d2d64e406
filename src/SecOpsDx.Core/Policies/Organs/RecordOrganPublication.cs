using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Records, for one document and one organ, whether the document is that organ's cybersecurity policy and when and
/// where the organ published it (地方自治法 第244条の6). The CISO office alone records it. The date and the place go
/// together; a date in the future, an address that is not a web page's, or a publication for an organ the document
/// does not cover is refused with its reason, and nothing is stored.
/// </summary>
public sealed class RecordOrganPublication(PolicyWrites writes, MunicipalOrgans organs)
{
    public async Task ExecuteAsync(int documentId, string organCode, bool covered, DateOnly? publishedOn, string? place, int expectedVersion,
        CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        (await writes.PolicyActorAsync(db, ct)).RequirePublicationRecorder();
        var document = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == documentId, ct)
            ?? throw new DomainException(ErrorCodes.PolicyNotFound);
        if (document.AbolishedOn is { } abolished) throw new DomainException(ErrorCodes.PolicyAbolished, abolished.ToString("yyyy-MM-dd"));

        var errors = new FieldErrors();
        var organ = organs.Find(organCode);
        if (organ is null) errors.Add("organ", ErrorCodes.UnknownOrgan, organCode ?? "");
        var where = errors.Text("publicationPlace", place, PolicyLimits.PublicationPlace, required: false);
        if (covered)
        {
            if (publishedOn is { } on)
            {
                errors.SaneDate("publishedOn", on, writes.Now);
                if (on > writes.Today) errors.Add("publishedOn", ErrorCodes.InFuture);
                if (where is null) errors.Add("publicationPlace", ErrorCodes.Required);
            }
            else if (where is not null) errors.Add("publishedOn", ErrorCodes.Required);
            if (where is not null && !IsPlace(where)) errors.Add("publicationPlace", ErrorCodes.PublicationPlaceNotWeb);
        }
        else if (publishedOn is not null || where is not null) errors.Add("publishedOn", ErrorCodes.PublicationNeedsCoverage);
        errors.ThrowIfAny();

        var row = await db.OrganPublications.SingleOrDefaultAsync(p => p.DocumentId == documentId && p.OrganCode == organ!.Code, ct);
        if (row is null)
        {
            if (expectedVersion != 0) throw new DomainException(ErrorCodes.Conflict);
            if (!covered) return; // nothing said about this organ yet, and nothing to say
            db.OrganPublications.Add(new OrganPublication
            {
                DocumentId = documentId, OrganCode = organ!.Code, Covered = true, PublishedOn = publishedOn, Place = where,
            });
        }
        else
        {
            db.ExpectVersion(row, expectedVersion);
            row.Covered = covered;
            row.PublishedOn = covered ? publishedOn : null;
            row.Place = covered ? where : null;
        }
        try
        {
            await db.SaveOrConflictAsync(ct);
        }
        catch (DbUpdateException) when (row is null)
        {
            // A colleague recorded the same organ for the same document a moment earlier.
            throw new DomainException(ErrorCodes.Conflict);
        }
    }

    /// <summary>
    /// Words (市公報 第12号, 本庁舎掲示場) or a web address. Anything else that reads as an address (javascript:, file:)
    /// is refused, as the public page turns a web address into a link.
    /// </summary>
    public static bool IsPlace(string place)
    {
        if (place.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || place.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return Uri.TryCreate(place, UriKind.Absolute, out var web) && web.Scheme is "http" or "https" && !string.IsNullOrEmpty(web.Host)
                && !place.Any(char.IsWhiteSpace);
        var colon = place.IndexOf(':');
        if (colon <= 0) return true;
        // "scheme:" at the start (letters, digits, + - .) is an address of some other kind.
        var head = place[..colon];
        return !(char.IsAsciiLetter(head[0]) && head.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'));
    }

    /// <summary>Whether the public page may show the place as a link.</summary>
    public static bool IsWebAddress(string? place) =>
        place is not null && (place.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || place.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        && IsPlace(place);
}
