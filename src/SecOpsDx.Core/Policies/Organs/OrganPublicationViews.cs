namespace SecOpsDx.Core.Policies;

/// <summary>What the register says of one organ for one document (Version 0: nothing recorded yet).</summary>
public sealed record OrganCoverage(string OrganCode, bool Covered, DateOnly? PublishedOn, string? Place, int Version);

/// <summary>A document that covers the organ, with the organ's publication of it if recorded.</summary>
public sealed record OrganDocumentPublication(int DocumentId, string Slug, string Title, bool InForce, DateOnly? PublishedOn, string? Place);

/// <summary>One organ: the documents that are its policy, and whether one of them counts as published today.</summary>
public sealed record OrganStanding(string OrganCode, bool Published, IReadOnlyList<OrganDocumentPublication> Documents);

/// <summary>Every organ's standing on a day; <see cref="Unpublished"/> is null before the duty applies.</summary>
public sealed record PublicationOverview(DateOnly Day, bool DutyApplies, IReadOnlyList<OrganStanding> Organs)
{
    public IReadOnlyList<string> UnpublishedCodes =>
        PublicationDuty.Unpublished(Organs.Select(o => new Organ(o.OrganCode, "", "")), Organs.Where(o => o.Published).Select(o => o.OrganCode), Day)
            .Select(o => o.Code).ToList();

    public int? Unpublished => DutyApplies ? UnpublishedCodes.Count : null;
}

/// <summary>
/// For the public page: an organ and its latest publication of a policy in force. The document is named only when it is
/// itself on the public page; who recorded what, drafts and documents kept internal stay out.
/// </summary>
public sealed record PublicOrganPublication(string OrganCode, DateOnly? PublishedOn, string? Place, string? DocumentSlug, string? DocumentTitle);
