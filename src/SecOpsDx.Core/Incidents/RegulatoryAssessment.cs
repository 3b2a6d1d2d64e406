using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Incidents;

/// <summary>Why a leak must be reported to the PPC; each is enough on its own (DOMAIN §4.4).</summary>
public enum ReportableReason
{
    SensitiveData,
    FinancialLossRisk,
    ImproperIntent,
    OverPeopleThreshold,
    OrdinanceSensitiveData,
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
    DateTimeOffset? FinalDueAt);

/// <summary>
/// Applies the reporting rules of the taxonomy to a ticket: whether the PPC must be told and by when.
/// Periods count from the day after 認知日 (Japan date) in calendar days; a period ending on a closed day
/// ends on the next open day when the rules say so.
/// </summary>
public static class RegulatoryRules
{
    public static RegulatoryAssessment Assess(Incident incident, PersonalDataReportingRules rules, OfficeCalendar calendar)
    {
        var involved = incident.PersonalDataInvolved == true;
        var reasons = new List<ReportableReason>();
        if (involved)
        {
            if (incident.SensitiveData) reasons.Add(ReportableReason.SensitiveData);
            if (incident.FinancialLossRisk) reasons.Add(ReportableReason.FinancialLossRisk);
            if (incident.ImproperIntent) reasons.Add(ReportableReason.ImproperIntent);
            if (incident.PersonalRecordCount > rules.PeopleThreshold) reasons.Add(ReportableReason.OverPeopleThreshold);
            if (incident.OrdinanceSensitiveData) reasons.Add(ReportableReason.OrdinanceSensitiveData);
        }
        if (reasons.Count == 0)
            return new RegulatoryAssessment(involved, false, reasons, involved && incident.DataWasEncrypted,
                involved && incident.SpecificPersonalInformation, null, null, null, null);

        var aware = JapanTime.DateOf(incident.AwareAt);
        var preliminary = Deadlines.DueDate(aware, rules.PreliminaryDays, rules.RollForwardOnClosedDays, calendar);
        var finalDays = incident.ImproperIntent ? rules.FinalDaysImproperIntent : rules.FinalDays;
        var final = Deadlines.DueDate(aware, finalDays, rules.RollForwardOnClosedDays, calendar);
        return new RegulatoryAssessment(true, true, reasons, incident.DataWasEncrypted, incident.SpecificPersonalInformation,
            preliminary, final, Deadlines.EndOfDayJapan(preliminary), Deadlines.EndOfDayJapan(final));
    }
}
