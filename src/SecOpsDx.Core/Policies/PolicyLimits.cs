namespace SecOpsDx.Core.Policies;

/// <summary>The longest text each field of the policy register keeps, in characters.</summary>
public static class PolicyLimits
{
    public const int Slug = 60;
    public const int Title = 200;
    public const int RuleNumber = 60;
    public const int Audience = 500;
    /// <summary>A revision's Markdown: room for a 対策基準 of some eighty pages, and still one circuit message in the editor.</summary>
    public const int Body = 100_000;
    public const int Comment = 2_000;
    public const int ReviewNote = 2_000;
    public const int AbolitionReason = 2_000;
    public const int ClientAddress = 64;
    /// <summary>Where an organ published its policy: a web address or a few words (市公報 第12号).</summary>
    public const int PublicationPlace = 500;
    public const int MaxReviewMonths = 60;
}
