using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Incidents;

/// <summary>The law a reason to report comes from; the ticket names it beside the reason.</summary>
public enum ReportingLaw
{
    /// <summary>個人情報保護法 第68条第1項, 施行規則 第43条 (the cases for 行政機関等).</summary>
    PersonalInformationProtectionAct,
    /// <summary>番号法 第29条の4第1項 and the PPC's rule on 特定個人情報の漏えい等 (its 第2条 lists the cases).</summary>
    MyNumberAct,
}

/// <summary>Why a leak must be reported to the PPC and the people told; each is enough on its own (DOMAIN §4.4).</summary>
public enum ReportableReason
{
    // 個人情報保護法 第68条第1項 / 施行規則 第43条 第1号〜第5号.
    SensitiveData,
    FinancialLossRisk,
    ImproperIntent,
    OverPeopleThreshold,
    OrdinanceSensitiveData,

    // 番号法 第29条の4第1項 and the PPC's rule on 特定個人情報の漏えい等 (第2条), and the PPC's request to 行政機関等.
    /// <summary>From the 情報提供ネットワークシステム or a system used for 個人番号利用事務.</summary>
    MyNumberSystems,
    /// <summary>特定個人情報 leaked, used or provided with 不正の目的.</summary>
    MyNumberImproperIntent,
    /// <summary>特定個人情報 open to 不特定多数 by electronic means.</summary>
    MyNumberPublicExposure,
    /// <summary>特定個人情報 of more than 100 people.</summary>
    MyNumberOverPeopleThreshold,
    /// <summary>
    /// Any other leak of 特定個人情報 without 高度な暗号化: the PPC asks 行政機関等 to report every one (DOMAIN §4.4),
    /// so a ticket with none of the listed cases still reports.
    /// </summary>
    MyNumberAnyLeak,
}

public static class ReportableReasons
{
    /// <summary>The law each reason comes from.</summary>
    public static ReportingLaw Law(this ReportableReason reason) => reason >= ReportableReason.MyNumberSystems
        ? ReportingLaw.MyNumberAct
        : ReportingLaw.PersonalInformationProtectionAct;

    /// <summary>The laws the reasons come from, in the order a ticket shows them.</summary>
    public static IReadOnlyList<ReportingLaw> Laws(this IEnumerable<ReportableReason> reasons) => reasons.Select(r => r.Law()).Distinct().Order().ToList();
}

public sealed record RegulatoryAssessment(
    bool PersonalDataInvolved,
    bool MustReportToPpc,
    IReadOnlyList<ReportableReason> Reasons,
    bool EncryptedMayBeExempt,
    bool SpecificPersonalInformation,
    DateOnly? PreliminaryDueDate,
    DateOnly? FinalDueDate,
    DateTimeOffset? PreliminaryDueAt,
    DateTimeOffset? FinalDueAt)
{
    /// <summary>The 速報's outer edge (day 5), after its target <see cref="PreliminaryDueDate"/> (day 3).</summary>
    public DateOnly? PreliminaryOuterDate { get; init; }

    public DateTimeOffset? PreliminaryOuterAt => PreliminaryOuterDate is { } d ? Deadlines.EndOfDayJapan(d) : null;

    /// <summary>
    /// 本人通知 is required on the same cases as the report (個人情報保護法 第68条第2項; 番号法 第29条の4第2項); its
    /// exceptions (notice is hard and an alternative such as publication is taken, or the information falls under 法78条)
    /// are the CSIRT's judgement, recorded on the notice row with a reason.
    /// </summary>
    public bool MustNotifyIndividuals => MustReportToPpc;

    /// <summary>The laws the reasons come from, in the order the ticket shows them.</summary>
    public IReadOnlyList<ReportingLaw> Laws => Reasons.Laws();
}

/// <summary>
/// Applies the reporting rules of the taxonomy to a ticket: whether the PPC must be told and by when (DOMAIN §4.4).
/// The 確報 is due on day 30 (60 with 不正の目的) counting the day of awareness (Japan date) as day 1, rolled to the next
/// day the national government is open; the 速報 has a target (day 3) and an outer edge (day 5) in calendar days, never
/// rolled forward. A municipality's own closed days play no part (see <see cref="Deadlines"/>).
/// </summary>
public static class RegulatoryRules
{
    public static RegulatoryAssessment Assess(Incident incident, PersonalDataReportingRules rules)
    {
        // 特定個人情報 is personal information by definition (番号法 第2条第8項), whatever the other answer says.
        var involved = incident.PersonalDataInvolved == true || incident.SpecificPersonalInformation;
        var reasons = new List<ReportableReason>();
        if (involved)
        {
            // 個人情報保護法 第68条第1項, 施行規則 第43条: any one case is enough, even for one person.
            if (incident.SensitiveData) reasons.Add(ReportableReason.SensitiveData);
            if (incident.FinancialLossRisk) reasons.Add(ReportableReason.FinancialLossRisk);
            if (incident.ImproperIntent) reasons.Add(ReportableReason.ImproperIntent);
            // 行政機関等: more than 100 people (the private sector's line is 1,000; DOMAIN §4.4).
            if (incident.PersonalRecordCount > rules.PeopleThreshold) reasons.Add(ReportableReason.OverPeopleThreshold);
            if (incident.OrdinanceSensitiveData) reasons.Add(ReportableReason.OrdinanceSensitiveData);
        }
        if (involved && incident.SpecificPersonalInformation)
        {
            // 番号法 第29条の4第1項 and the PPC's rule on 特定個人情報の漏えい等, 第2条 (DOMAIN §4.4). A ticket triaged to the
            // マイナンバー利用事務系 is in a system used for 個人番号利用事務 by definition of that segment (DOMAIN §2.1).
            if (incident.MyNumberSystemsInvolved || incident.Segment == NetworkSegment.MyNumber) reasons.Add(ReportableReason.MyNumberSystems);
            if (incident.ImproperIntent) reasons.Add(ReportableReason.MyNumberImproperIntent);
            if (incident.ExposedToPublic) reasons.Add(ReportableReason.MyNumberPublicExposure);
            if (incident.PersonalRecordCount > rules.PeopleThreshold) reasons.Add(ReportableReason.MyNumberOverPeopleThreshold);
            // The PPC asks 行政機関等 to report every leak of 特定個人情報 unless 高度な暗号化 applied.
            if (!incident.DataWasEncrypted && !reasons.Any(r => r.Law() == ReportingLaw.MyNumberAct)) reasons.Add(ReportableReason.MyNumberAnyLeak);
        }
        if (reasons.Count == 0)
            return new RegulatoryAssessment(involved, false, reasons, involved && incident.DataWasEncrypted,
                involved && incident.SpecificPersonalInformation, null, null, null, null);

        var aware = JapanTime.DateOf(incident.AwareAt);
        var preliminary = Deadlines.PreliminaryReportDay(aware, rules.PreliminaryDays);
        var outer = Deadlines.PreliminaryReportDay(aware, Math.Max(rules.PreliminaryDays, rules.PreliminaryOuterDays));
        // 60 days when 不正の目的 may be involved, under either law (施行規則 第44条; the 特定個人情報 rule alike).
        var finalDays = incident.ImproperIntent ? rules.FinalDaysImproperIntent : rules.FinalDays;
        var final = Deadlines.FinalReportDueDate(aware, finalDays, rules.RollForwardOnClosedDays);
        return new RegulatoryAssessment(true, true, reasons, incident.DataWasEncrypted, incident.SpecificPersonalInformation,
            preliminary, final, Deadlines.EndOfDayJapan(preliminary), Deadlines.EndOfDayJapan(final))
        {
            PreliminaryOuterDate = outer,
        };
    }
}
