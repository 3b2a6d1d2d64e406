namespace SecOpsDx.Core.Policies;

/// <summary>
/// 地方自治法 第244条の6 (added by 令和6年法律第65号, promulgated 2024-06-26, in force from 2026-04-01): the 議会,
/// the 長 and each 執行機関 must set a サイバーセキュリティ確保方針, act on it and publish it. Most re-designate the
/// 基本方針 and publish that. An organ has met the duty on a day when a document in force covers it and its
/// publication is recorded on or before that day; before the provision applies, no organ is reported as behind.
/// </summary>
public static class PublicationDuty
{
    /// <summary>The day 第244条の6 applies (令和6年法律第65号 附則).</summary>
    public static readonly DateOnly From = new(2026, 4, 1);

    public static bool Applies(DateOnly day) => day >= From;

    /// <summary>Whether one of the organ's publications counts on the day: of a document in force, dated on or before it.</summary>
    public static bool Counts(bool covered, bool documentInForce, DateOnly? publishedOn, DateOnly day) =>
        covered && documentInForce && publishedOn is { } on && on <= day;

    /// <summary>
    /// The organs that have not published a policy, in the order given; empty before <see cref="From"/>, as the
    /// duty does not yet bind anyone.
    /// </summary>
    public static IReadOnlyList<Organ> Unpublished(IEnumerable<Organ> organs, IEnumerable<string> publishedOrganCodes, DateOnly day)
    {
        if (!Applies(day)) return [];
        var published = publishedOrganCodes.ToHashSet(StringComparer.Ordinal);
        return organs.Where(o => !published.Contains(o.Code)).ToList();
    }
}
