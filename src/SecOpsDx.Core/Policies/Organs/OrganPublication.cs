namespace SecOpsDx.Core.Policies;

/// <summary>
/// That a policy document is an organ's cybersecurity policy (the organ re-designated it, as most do with the
/// 基本方針), and when and where the organ published it. One row per document and organ; an organ the document
/// no longer covers keeps its row with <see cref="Covered"/> false, and the audit trail keeps what it said before.
/// </summary>
public class OrganPublication : IVersioned
{
    public int Id { get; set; }
    public int DocumentId { get; set; }
    public PolicyDocument? Document { get; set; }

    /// <summary>The organ's code in config/organs.yaml.</summary>
    public required string OrganCode { get; set; }

    public bool Covered { get; set; }

    /// <summary>公表日: the day the organ published the policy.</summary>
    public DateOnly? PublishedOn { get; set; }

    /// <summary>Where it was published: a web address (https://…) or words such as 「市公報 第12号」.</summary>
    public string? Place { get; set; }

    public int Version { get; set; }
}
