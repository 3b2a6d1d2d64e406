using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Incidents;

/// <summary>A report as it reaches the PoC: from the staff form, the CSIRT's intake form or the API.</summary>
public sealed record IncidentIntake(
    string? Title,
    string? Description,
    IncidentSource Source,
    string Channel,
    string? Category = null,
    string? Severity = null,
    DateTimeOffset? OccurredAt = null,
    DateTimeOffset? AwareAt = null,
    string? ReporterName = null,
    string? ReporterEmail = null,
    string? ReporterPhone = null,
    string? ReporterOrganization = null,
    bool? PersonalDataInvolved = null,
    int? PersonalRecordCount = null,
    NetworkSegment Segment = NetworkSegment.Unknown,
    string? Location = null,
    string? AffectedSystems = null);

/// <param name="Replayed">True when the report had been received before under the same idempotency key.</param>
public sealed record IncidentCreated(int Id, string Number, bool Replayed = false);

/// <summary>
/// Receives a report: checks every field, numbers the ticket within its fiscal year, records the intake on the
/// timeline and stores the PPC duty it already implies, all in one save.
/// </summary>
public sealed class ReceiveIncident(TicketWrites writes, IncidentTaxonomy taxonomy, RegulatoryDuty duty)
{
    /// <summary>
    /// Numbers are taken one at a time within this process; the unique index and the retry below cover
    /// several processes on one database.
    /// </summary>
    private static readonly SemaphoreSlim NumberingLock = new(1, 1);

    public const int MaxIdempotencyKey = 100;

    /// <summary>Every problem with an intake, by field, without storing anything.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FieldError>> Validate(IncidentIntake intake) =>
        Build(intake, null, writes.Now).Errors.ToDictionary();

    /// <param name="idempotencyKey">
    /// A key the sender chose for this report, already scoped to the sender (e.g. its API token): a report received
    /// before under the same key is returned instead of being created twice.
    /// </param>
    public async Task<IncidentCreated> ExecuteAsync(IncidentIntake intake, string? reporterUserId = null, CancellationToken ct = default,
        string? idempotencyKey = null)
    {
        var now = writes.Now;
        var (incident, errors) = Build(intake, reporterUserId, now);
        errors.ThrowIfAny();
        if (idempotencyKey is not null)
        {
            if (await ReceivedBeforeAsync(idempotencyKey, ct) is { } earlier) return earlier;
            incident.IdempotencyKey = idempotencyKey;
        }

        var who = await writes.ActorAsync();
        var fiscalYear = FiscalYear.Of(now);
        await NumberingLock.WaitAsync(ct);
        try
        {
            return await InsertWithNextNumberAsync(incident, fiscalYear, who, now, ct);
        }
        finally
        {
            NumberingLock.Release();
        }
    }

    private async Task<IncidentCreated> InsertWithNextNumberAsync(Incident incident, FiscalYear fiscalYear, AuditActor who, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await writes.OpenAsync(ct);
            var last = await db.Incidents.Where(i => i.FiscalYear == fiscalYear.StartYear)
                .MaxAsync(i => (int?)i.SequenceInYear, ct) ?? 0;
            incident.FiscalYear = fiscalYear.StartYear;
            incident.SequenceInYear = last + 1;
            incident.Number = taxonomy.FormatNumber(fiscalYear, last + 1);
            db.Incidents.Add(incident);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Intake, TimelineEvents.Intake, who, now,
                ("source", incident.Source.ToString()), ("channel", incident.Channel),
                ("reporter", string.Join(" ", new[] { incident.ReporterOrganization, incident.ReporterName }.Where(x => !string.IsNullOrEmpty(x))) is { Length: > 0 } r ? r : null)));
            await duty.ApplyAsync(db, incident, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return new IncidentCreated(incident.Id, incident.Number);
            }
            catch (DbUpdateException) when (attempt < 10 || incident.IdempotencyKey is not null)
            {
                // The same report arrived twice at once: the other request stored it.
                if (incident.IdempotencyKey is { } key && await ReceivedBeforeAsync(key, ct) is { } earlier) return earlier;
                if (attempt >= 10) throw;
                // Another process took this number in the meantime: take the next one.
                incident.Id = 0;
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    private async Task<IncidentCreated?> ReceivedBeforeAsync(string key, CancellationToken ct)
    {
        await using var db = await writes.OpenAsync(ct);
        return await db.Incidents.AsNoTracking().Where(i => i.IdempotencyKey == key)
            .Select(i => new IncidentCreated(i.Id, i.Number, true)).SingleOrDefaultAsync(ct);
    }

    private (Incident Incident, FieldErrors Errors) Build(IncidentIntake intake, string? reporterUserId, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var title = errors.Text("title", intake.Title, IncidentLimits.Title, required: true);
        var description = errors.Text("description", intake.Description, IncidentLimits.Description, required: false);
        var category = taxonomy.CheckCode(errors, "category", intake.Category, taxonomy.Category);
        var severity = taxonomy.CheckCode(errors, "severity", intake.Severity, taxonomy.Severity);
        errors.PastMoment("occurredAt", intake.OccurredAt, now);
        errors.PastMoment("reportedAt", intake.AwareAt, now);
        errors.NotNegative("personalRecordCount", intake.PersonalRecordCount);
        var reporterEmail = errors.Email("reporter.email", intake.ReporterEmail);
        var incident = new Incident
        {
            Title = title ?? "",
            Description = description ?? "",
            Source = intake.Source,
            Channel = intake.Channel,
            Category = category,
            Severity = severity,
            Segment = intake.Segment,
            OccurredAt = intake.OccurredAt,
            AwareAt = intake.AwareAt ?? now,
            ReceivedAt = now,
            ReporterName = errors.Text("reporter.name", intake.ReporterName, IncidentLimits.ReporterName, required: false),
            ReporterEmail = reporterEmail,
            ReporterPhone = errors.Text("reporter.phone", intake.ReporterPhone, IncidentLimits.ReporterPhone, required: false),
            ReporterOrganization = errors.Text("reporter.organization", intake.ReporterOrganization, IncidentLimits.ReporterOrganization, required: false),
            ReporterUserId = reporterUserId,
            PersonalDataInvolved = intake.PersonalDataInvolved,
            PersonalRecordCount = intake.PersonalRecordCount,
            Location = errors.Text("location", intake.Location, IncidentLimits.Place, required: false),
            AffectedSystems = errors.Text("affectedSystems", intake.AffectedSystems, IncidentLimits.Place, required: false),
        };
        return (incident, errors);
    }
}
