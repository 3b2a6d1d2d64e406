using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The one place that turns a ticket's facts into its duty to report to the PPC. Whatever route a ticket takes
/// (staff form, CSIRT intake, API, triage), the use case calls <see cref="ApplyAsync"/> before saving, so the
/// 速報 and 確報 rows (state and deadline) are stored with the ticket; the ticket page, the list, the CISO's
/// dashboard, the API and the reminders all read those rows and therefore agree.
/// </summary>
public sealed class RegulatoryDuty(IncidentTaxonomy taxonomy, OfficeCalendar calendar)
{
    public RegulatoryAssessment Assess(Incident incident) => RegulatoryRules.Assess(incident, taxonomy.PersonalData, calendar);

    public static readonly string[] PpcChannels = [IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal];

    /// <summary>
    /// Brings the PPC rows in line with the ticket. A report already sent (報告済) or deliberately waived keeps
    /// its state; the others become 要報告 with their deadline, or 報告不要 when the duty no longer applies.
    /// </summary>
    public async Task<RegulatoryAssessment> ApplyAsync(SecOpsDxDbContext db, Incident incident, CancellationToken ct)
    {
        var assessment = Assess(incident);
        var existing = incident.Id == 0
            ? []
            : await db.IncidentReports.Where(r => r.IncidentId == incident.Id && PpcChannels.Contains(r.Channel)).ToListAsync(ct);
        foreach (var (channel, due) in new[] { (IncidentTaxonomy.PpcPreliminary, assessment.PreliminaryDueAt), (IncidentTaxonomy.PpcFinal, assessment.FinalDueAt) })
        {
            var report = existing.SingleOrDefault(r => r.Channel == channel);
            if (report?.State is ReportState.Submitted or ReportState.Waived) continue;
            if (!assessment.MustReportToPpc)
            {
                if (report is not null) { report.State = ReportState.NotRequired; report.DueAt = null; }
                continue;
            }
            if (report is null)
            {
                report = new IncidentReport { Channel = channel };
                if (incident.Id == 0) report.Incident = incident; else report.IncidentId = incident.Id;
                db.IncidentReports.Add(report);
            }
            report.State = ReportState.Pending;
            report.DueAt = due;
        }
        return assessment;
    }

    /// <summary>
    /// Tickets stored before the duty was kept with every route (API-created ones had no rows): gives every open
    /// ticket with personal data its rows. Idempotent; runs at start.
    /// </summary>
    public async Task<int> BackfillAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        var candidates = await db.Incidents
            .Where(i => i.Status != IncidentStatus.Closed && i.PersonalDataInvolved == true
                        && !db.IncidentReports.Any(r => r.IncidentId == i.Id && PpcChannels.Contains(r.Channel)))
            .ToListAsync(ct);
        var changed = 0;
        foreach (var incident in candidates)
        {
            if (!(await ApplyAsync(db, incident, ct)).MustReportToPpc) continue;
            changed++;
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }
}
