using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The one place that turns a ticket's facts into its duty to report to the PPC. Whatever route a ticket takes
/// (staff form, CSIRT intake, API, triage), the use case calls <see cref="ApplyAsync"/> before saving, so the
/// 速報 and 確報 rows (state and deadline) are stored with the ticket; the ticket page, the list, the CISO's
/// dashboard, the API and the reminders all read those rows and therefore agree.
/// </summary>
public sealed class RegulatoryDuty(IncidentTaxonomy taxonomy)
{
    public RegulatoryAssessment Assess(Incident incident) => RegulatoryRules.Assess(incident, taxonomy.PersonalData);

    public static readonly string[] PpcChannels = [IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal];

    /// <summary>The rows this duty keeps: the PPC's 速報 and 確報, and 本人通知 (which has no fixed date: 「速やかに」).</summary>
    public static readonly string[] DutyChannels = [IncidentTaxonomy.PpcPreliminary, IncidentTaxonomy.PpcFinal, IncidentTaxonomy.NoticeIndividuals];

    /// <summary>
    /// Brings the PPC rows and the 本人通知 row in line with the ticket. A report already sent (報告済), a notice given
    /// (通知済), an alternative measure taken instead (代替措置) or a duty deliberately set aside with a reason keeps its
    /// state; the others become 要報告 / 要通知 (the reports with their deadline), or 不要 when the duty no longer applies.
    /// </summary>
    public async Task<RegulatoryAssessment> ApplyAsync(SecOpsDxDbContext db, Incident incident, CancellationToken ct)
    {
        var assessment = Assess(incident);
        var existing = incident.Id == 0
            ? []
            : await db.IncidentReports.Where(r => r.IncidentId == incident.Id && DutyChannels.Contains(r.Channel)).ToListAsync(ct);
        var rows = new[]
        {
            (IncidentTaxonomy.PpcPreliminary, assessment.PreliminaryDueAt),
            (IncidentTaxonomy.PpcFinal, assessment.FinalDueAt),
            (IncidentTaxonomy.NoticeIndividuals, (DateTimeOffset?)null),
        };
        foreach (var (channel, due) in rows)
        {
            var report = existing.SingleOrDefault(r => r.Channel == channel);
            if (report?.State is ReportState.Submitted or ReportState.Waived or ReportState.AlternativeMeasure) continue;
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
            // Compared as instants: the stored deadline reads back in UTC, and EF would count the offset alone as a
            // change, writing (and auditing) every ticket again at each start.
            if (report.DueAt?.UtcTicks != due?.UtcTicks) report.DueAt = due;
        }
        return assessment;
    }

    /// <summary>
    /// Brings every open ticket with personal data in line with the rules as they are now: tickets stored before the
    /// duty was kept with every route (API-created ones had no rows), before 本人通知 had a row, or with deadlines counted
    /// by an earlier rule (the 確報 was once counted from the day after awareness) or an edited taxonomy. Rows already
    /// sent, notified or set aside keep their state. Returns how many tickets changed; idempotent; runs at start.
    /// </summary>
    public async Task<int> BackfillAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        var candidates = await db.Incidents
            .Where(i => i.Status != IncidentStatus.Closed && (i.PersonalDataInvolved == true || i.SpecificPersonalInformation))
            .ToListAsync(ct);
        var changed = 0;
        foreach (var incident in candidates)
        {
            await ApplyAsync(db, incident, ct);
            db.ChangeTracker.DetectChanges();
            if (db.ChangeTracker.Entries<IncidentReport>().Any(e => e.Entity.IncidentId == incident.Id && e.State is EntityState.Added or EntityState.Modified))
                changed++;
        }
        if (changed > 0) await db.SaveChangesAsync(ct);
        return changed;
    }
}
