using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Incidents;

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

public sealed record IncidentCreated(int Id, string Number);

public sealed record TriageInput(
    string? Category,
    string? Severity,
    NetworkSegment Segment,
    string? AffectedSystems,
    DateTimeOffset AwareAt,
    bool? PersonalDataInvolved,
    int? PersonalRecordCount,
    bool SensitiveData,
    bool FinancialLossRisk,
    bool ImproperIntent,
    bool OrdinanceSensitiveData,
    bool SpecificPersonalInformation,
    bool DataWasEncrypted,
    string? AssigneeUserId);

public sealed record RegulatorReportFields(
    string? Summary, string? DataItems, string? AffectedPeople, string? Cause, string? SecondaryDamage,
    string? ResponseToIndividuals, string? Publication, string? Prevention, string? Other);

/// <summary>
/// Every write to incident tickets. Each checks its input, applies the ticket's rules, appends to the timeline
/// and saves once (audited); a stale version is refused rather than overwriting a colleague's work.
/// </summary>
public sealed class IncidentCommands(
    IDbContextFactory<SecOpsDxDbContext> factory, IncidentTaxonomy taxonomy, ICurrentActor actor, TimeProvider time, OfficeCalendar calendar)
{
    public const int MaxDescription = 20_000;

    /// <summary>
    /// Numbers are taken one at a time within this process; the unique index and the retry below cover
    /// several processes on one database.
    /// </summary>
    private static readonly SemaphoreSlim NumberingLock = new(1, 1);

    /// <summary>Every problem with an intake, by field, without storing anything.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(IncidentIntake intake)
    {
        var (_, errors) = Build(intake, null, time.GetUtcNow());
        return errors.ToDictionary();
    }

    public async Task<IncidentCreated> CreateAsync(IncidentIntake intake, string? reporterUserId = null, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var (incident, errors) = Build(intake, reporterUserId, now);
        errors.ThrowIfAny();

        var who = await actor.GetActorAsync();
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
            await using var db = await factory.CreateDbContextAsync(ct);
            var last = await db.Incidents.Where(i => i.FiscalYear == fiscalYear.StartYear)
                .MaxAsync(i => (int?)i.SequenceInYear, ct) ?? 0;
            incident.FiscalYear = fiscalYear.StartYear;
            incident.SequenceInYear = last + 1;
            incident.Number = FormatNumber(fiscalYear, last + 1);
            db.Incidents.Add(incident);
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.Intake, IntakeText(incident), who, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return new IncidentCreated(incident.Id, incident.Number);
            }
            catch (DbUpdateException) when (attempt < 10)
            {
                // Another process took this number in the meantime: take the next one.
                incident.Id = 0;
                await Task.Delay(Random.Shared.Next(1, 10 * attempt), ct);
            }
        }
    }

    private (Incident Incident, FieldErrors Errors) Build(IncidentIntake intake, string? reporterUserId, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var title = errors.Text("title", intake.Title, 200, required: true);
        var description = errors.Text("description", intake.Description, MaxDescription, required: false);
        var category = Code(errors, "category", intake.Category, taxonomy.Category);
        var severity = Code(errors, "severity", intake.Severity, taxonomy.Severity);
        if (intake.OccurredAt > now.AddMinutes(5)) errors.Add("occurredAt", "未来の日時は指定できません");
        if (intake.AwareAt > now.AddMinutes(5)) errors.Add("reportedAt", "未来の日時は指定できません");
        if (intake.PersonalRecordCount is < 0) errors.Add("personalRecordCount", "0以上の数を指定してください");
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
            ReporterName = errors.Text("reporter.name", intake.ReporterName, 100, required: false),
            ReporterEmail = reporterEmail,
            ReporterPhone = errors.Text("reporter.phone", intake.ReporterPhone, 40, required: false),
            ReporterOrganization = errors.Text("reporter.organization", intake.ReporterOrganization, 200, required: false),
            ReporterUserId = reporterUserId,
            PersonalDataInvolved = intake.PersonalDataInvolved,
            PersonalRecordCount = intake.PersonalRecordCount,
            Location = errors.Text("location", intake.Location, 500, required: false),
            AffectedSystems = errors.Text("affectedSystems", intake.AffectedSystems, 500, required: false),
        };
        return (incident, errors);
    }

    public string FormatNumber(FiscalYear year, int sequence) => taxonomy.Numbering == TicketNumbering.Wareki
        ? $"{year.ToShortWareki()}-{sequence:D4}"
        : $"{year.StartYear}-{sequence:D4}";

    /// <summary>Classifies the ticket (first time: 受付 → トリアージ) and recomputes its regulatory deadlines.</summary>
    public Task TriageAsync(int id, int expectedVersion, TriageInput input, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, async (db, incident, who, now) =>
        {
            var errors = new FieldErrors();
            var category = Code(errors, "category", input.Category, taxonomy.Category);
            var severity = Code(errors, "severity", input.Severity, taxonomy.Severity);
            if (category is null) errors.Add("category", "必須です");
            if (severity is null) errors.Add("severity", "必須です");
            if (input.AwareAt > now.AddMinutes(5)) errors.Add("awareAt", "未来の日時は指定できません");
            if (input.PersonalRecordCount is < 0) errors.Add("personalRecordCount", "0以上の数を指定してください");
            var systems = errors.Text("affectedSystems", input.AffectedSystems, 500, required: false);
            string? assigneeName = null;
            if (input.AssigneeUserId is { Length: > 0 } assignee)
            {
                assigneeName = await db.Users.Where(u => u.Id == assignee).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(ct);
                if (assigneeName is null) errors.Add("assignee", "担当者が見つかりません");
            }
            if (incident.Status == IncidentStatus.Closed) throw new IncidentRuleException("closed", "クローズ済みのチケットは変更できません");
            errors.ThrowIfAny();

            if (incident.Status == IncidentStatus.Received) incident.StartTriage(now);
            incident.Category = category;
            incident.Severity = severity;
            incident.Segment = input.Segment;
            incident.AffectedSystems = systems;
            incident.AwareAt = input.AwareAt;
            incident.PersonalDataInvolved = input.PersonalDataInvolved;
            incident.PersonalRecordCount = input.PersonalRecordCount;
            incident.SensitiveData = input.SensitiveData;
            incident.FinancialLossRisk = input.FinancialLossRisk;
            incident.ImproperIntent = input.ImproperIntent;
            incident.OrdinanceSensitiveData = input.OrdinanceSensitiveData;
            incident.SpecificPersonalInformation = input.SpecificPersonalInformation;
            incident.DataWasEncrypted = input.DataWasEncrypted;
            var reassigned = incident.AssigneeUserId != input.AssigneeUserId;
            incident.AssigneeUserId = string.IsNullOrEmpty(input.AssigneeUserId) ? null : input.AssigneeUserId;
            incident.AssigneeName = assigneeName;

            var assessment = RegulatoryRules.Assess(incident, taxonomy.PersonalData, calendar);
            await SyncPpcReportsAsync(db, incident, assessment, ct);
            var text = $"トリアージ: 分類 {taxonomy.Category(category)!.Ja}、重要度 {taxonomy.Severity(severity)!.Ja}";
            if (assessment.MustReportToPpc)
                text += $"。個人情報保護委員会への報告が必要 (速報期限 {JapaneseDates.FormatWareki(assessment.PreliminaryDueDate!.Value)}、確報期限 {JapaneseDates.FormatWareki(assessment.FinalDueDate!.Value)})";
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.Triage, text, who, now));
            if (reassigned)
                db.IncidentTimeline.Add(Entry(incident, TimelineKind.Assignment, assigneeName is null ? "担当者を外しました" : $"担当者: {assigneeName}", who, now));
        }, ct);

    /// <summary>Moves the ticket along its states: 対応中 (with phase), 事後対応, back to 対応中.</summary>
    public Task AdvanceAsync(int id, int expectedVersion, IncidentStatus target, HandlingPhase? phase = null, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            var before = incident.Status;
            switch (target)
            {
                case IncidentStatus.Handling when before == IncidentStatus.Handling:
                    incident.ChangePhase(phase ?? HandlingPhase.Containment);
                    break;
                case IncidentStatus.Handling when before == IncidentStatus.PostIncident:
                    incident.ResumeHandling(phase ?? HandlingPhase.Recovery);
                    break;
                case IncidentStatus.Handling:
                    incident.StartHandling(phase ?? HandlingPhase.Containment);
                    break;
                case IncidentStatus.PostIncident:
                    incident.StartPostIncident();
                    break;
                case IncidentStatus.Triage:
                    incident.StartTriage(now);
                    break;
                default:
                    throw new IncidentRuleException("bad-transition", "クローズには CloseAsync を使います");
            }
            var phaseText = incident.Phase is { } p ? $" ({PhaseNames.Japanese(p)})" : "";
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.StatusChange,
                $"状態: {StatusNames.Japanese(before)} → {StatusNames.Japanese(incident.Status)}{phaseText}", who, now));
            return Task.CompletedTask;
        }, ct);

    public Task CloseAsync(int id, int expectedVersion, string? resolution, string? rootCause, string? lessonsLearned, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            incident.Close(resolution, rootCause, lessonsLearned, now);
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.StatusChange, $"クローズ: {incident.Resolution}", who, now));
            return Task.CompletedTask;
        }, ct);

    public Task CloseAsNotAnIncidentAsync(int id, int expectedVersion, string? reason, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            incident.CloseAsNotAnIncident(reason, now);
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.StatusChange, $"インシデント非該当としてクローズ: {incident.Resolution}", who, now));
            return Task.CompletedTask;
        }, ct);

    /// <summary>Merges a duplicate report into the ticket with the given number; both timelines say so.</summary>
    public Task MergeAsync(int id, int expectedVersion, string? targetNumber, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, async (db, incident, who, now) =>
        {
            var number = targetNumber?.Trim();
            var target = string.IsNullOrEmpty(number) ? null : await db.Incidents.SingleOrDefaultAsync(i => i.Number == number, ct);
            if (target is null) throw new ValidationFailedException(new Dictionary<string, string[]> { ["target"] = [$"チケット {number} が見つかりません"] });
            incident.MergeInto(target, now);
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.StatusChange, $"{target.Number} に統合しました", who, now));
            db.IncidentTimeline.Add(Entry(target, TimelineKind.Note, $"{incident.Number}「{incident.Title}」を重複報告として統合しました", who, now));
        }, ct);

    /// <summary>Adds a line to the timeline. Entries are never edited: a correction is a new entry.</summary>
    public async Task AddTimelineEntryAsync(int id, string? text, bool isCorrection = false, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var body = errors.Text("text", text, 10_000, required: true);
        errors.ThrowIfAny();
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        db.IncidentTimeline.Add(Entry(incident, isCorrection ? TimelineKind.Correction : TimelineKind.Note, body!, who, time.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Records what was sent to one authority (or that nothing is needed), and when.</summary>
    public async Task RecordReportAsync(int id, string channel, ReportState state, DateTimeOffset? submittedAt, string? note, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var item = taxonomy.Channel(channel);
        if (item is null) errors.Add("channel", $"不明な報告先です: {channel}");
        var now = time.GetUtcNow();
        if (state == ReportState.Submitted && submittedAt is null) submittedAt = now;
        if (submittedAt > now.AddMinutes(5)) errors.Add("submittedAt", "未来の日時は指定できません");
        var noteText = errors.Text("note", note, 2000, required: false);
        errors.ThrowIfAny();
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        var report = await db.IncidentReports.SingleOrDefaultAsync(r => r.IncidentId == id && r.Channel == item!.Code, ct);
        if (report is null) db.IncidentReports.Add(report = new IncidentReport { IncidentId = id, Channel = item!.Code });
        report.State = state;
        report.SubmittedAt = state == ReportState.Submitted ? submittedAt : null;
        report.SubmittedBy = state == ReportState.Submitted ? who.Name : null;
        report.Note = noteText;
        var stateText = state switch { ReportState.Submitted => "報告済", ReportState.Pending => "要報告", _ => "報告不要" };
        var when = report.SubmittedAt is { } at ? $" ({JapaneseDates.Format(at, DateDisplayStyle.Wareki, withTime: true)})" : "";
        db.IncidentTimeline.Add(Entry(incident, TimelineKind.Report, $"{item!.Ja}: {stateText}{when}{(noteText is null ? "" : " — " + noteText)}", who, now));
        await SaveAsync(db, ct);
    }

    public Task UpdateRegulatorReportAsync(int id, int expectedVersion, RegulatorReportFields f, CancellationToken ct = default) =>
        ChangeAsync(id, expectedVersion, (db, incident, who, now) =>
        {
            var errors = new FieldErrors();
            incident.ReportSummary = errors.Text("summary", f.Summary, 4000, false);
            incident.ReportDataItems = errors.Text("dataItems", f.DataItems, 4000, false);
            incident.ReportAffectedPeople = errors.Text("affectedPeople", f.AffectedPeople, 1000, false);
            incident.ReportCause = errors.Text("cause", f.Cause, 4000, false);
            incident.ReportSecondaryDamage = errors.Text("secondaryDamage", f.SecondaryDamage, 4000, false);
            incident.ReportResponseToIndividuals = errors.Text("responseToIndividuals", f.ResponseToIndividuals, 4000, false);
            incident.ReportPublication = errors.Text("publication", f.Publication, 4000, false);
            incident.ReportPrevention = errors.Text("prevention", f.Prevention, 4000, false);
            incident.ReportOther = errors.Text("other", f.Other, 4000, false);
            errors.ThrowIfAny();
            db.IncidentTimeline.Add(Entry(incident, TimelineKind.Note, "報告書の記載事項を更新しました", who, now));
            return Task.CompletedTask;
        }, ct);

    private async Task ChangeAsync(int id, int expectedVersion, Func<SecOpsDxDbContext, Incident, AuditActor, DateTimeOffset, Task> change, CancellationToken ct)
    {
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        db.Entry(incident).Property(i => i.Version).OriginalValue = expectedVersion;
        if (incident.Version != expectedVersion) throw Conflict();
        await change(db, incident, who, time.GetUtcNow());
        // The ticket row itself changes on every step, so its version guards the whole step.
        db.Entry(incident).State = EntityState.Modified;
        await SaveAsync(db, ct);
    }

    private static async Task SaveAsync(SecOpsDxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict();
        }
    }

    private static DomainException Conflict() =>
        new(ErrorCodes.Conflict, "他の担当者が先にこのチケットを更新しました。画面を再読み込みして最新の内容を確認してから、もう一度操作してください。あなたの入力は画面に残っています。");

    private async Task SyncPpcReportsAsync(SecOpsDxDbContext db, Incident incident, RegulatoryAssessment assessment, CancellationToken ct)
    {
        var existing = await db.IncidentReports.Where(r => r.IncidentId == incident.Id &&
            (r.Channel == IncidentTaxonomy.PpcPreliminary || r.Channel == IncidentTaxonomy.PpcFinal)).ToListAsync(ct);
        foreach (var (channel, due) in new[] { (IncidentTaxonomy.PpcPreliminary, assessment.PreliminaryDueAt), (IncidentTaxonomy.PpcFinal, assessment.FinalDueAt) })
        {
            var report = existing.SingleOrDefault(r => r.Channel == channel);
            if (report?.State == ReportState.Submitted) continue;
            if (!assessment.MustReportToPpc)
            {
                if (report is not null) { report.State = ReportState.NotRequired; report.DueAt = null; }
                continue;
            }
            if (report is null) db.IncidentReports.Add(report = new IncidentReport { IncidentId = incident.Id, Channel = channel });
            report.State = ReportState.Pending;
            report.DueAt = due;
        }
    }

    private static string? Code(FieldErrors errors, string field, string? code, Func<string?, TaxonomyItem?> find)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var item = find(code);
        if (item is null) errors.Add(field, $"不明なコードです: {code}");
        return item?.Code;
    }

    private static IncidentTimelineEntry Entry(Incident incident, TimelineKind kind, string text, AuditActor who, DateTimeOffset now) =>
        incident.Id == 0
            ? new() { Incident = incident, At = now, Kind = kind, Text = text, AuthorUserId = who.UserId, AuthorName = who.Name }
            : new() { IncidentId = incident.Id, At = now, Kind = kind, Text = text, AuthorUserId = who.UserId, AuthorName = who.Name };

    private string IntakeText(Incident i)
    {
        var source = i.Source switch { IncidentSource.Internal => "庁内", IncidentSource.External => "外部", _ => "システム" };
        var who = string.Join(" ", new[] { i.ReporterOrganization, i.ReporterName }.Where(x => !string.IsNullOrEmpty(x)));
        return $"受付 ({source}・{i.Channel}){(who.Length > 0 ? $": 報告者 {who}" : "")}";
    }
}

public static class PhaseNames
{
    public static string Japanese(HandlingPhase p) => p switch
    {
        HandlingPhase.Containment => "封じ込め",
        HandlingPhase.Eradication => "根絶",
        _ => "復旧",
    };
}
