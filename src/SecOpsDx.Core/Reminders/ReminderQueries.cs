using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Reminders;

/// <summary>Someone a reminder goes to, with the language and date style of their profile.</summary>
public sealed record Recipient(string UserId, string Email, string? Culture, string? DateStyle);

public enum PpcStage { Within48Hours, Within24Hours, Missed }

/// <summary>A course a person still has to do, with its due date.</summary>
public sealed record CourseItem(int CourseId, string Title, DateOnly DueOn);

/// <summary>A policy revision in force that a person has not acknowledged.</summary>
public sealed record AcknowledgmentItem(string Slug, string Title, int Number, DateOnly EffectiveOn);

/// <summary>A task of an open incident ticket past its due date.</summary>
public sealed record TaskItem(int IncidentId, string IncidentNumber, string Title, DateOnly DueOn);

/// <summary>Everything one person has to do, for their digest: sent on a day when at least one item calls for it.</summary>
public sealed record PersonalDigest(Recipient Recipient, IReadOnlyList<CourseItem> OverdueTraining, IReadOnlyList<CourseItem> DueSoonTraining,
    IReadOnlyList<AcknowledgmentItem> Acknowledgments, IReadOnlyList<TaskItem> OverdueTasks);

/// <summary>A person late on a course, as their manager or the CISO office reads it.</summary>
public sealed record LateItem(int StaffId, string EmployeeNumber, string FullName, string DepartmentName, string CourseTitle, DateOnly DueOn, int DaysLate);

public enum EscalationLevel { Manager, Ciso }

/// <summary>People who have just become late by more than the threshold of the level, for one recipient.</summary>
public sealed record EscalationNotice(Recipient Recipient, EscalationLevel Level, IReadOnlyList<LateItem> Items);

/// <summary>
/// An open 指摘事項 of a self-check whose corrective action is due this month or overdue (the notion of "due" the
/// verifications use). A finding stands until it is withdrawn or corrected; closing its self-check does not settle it.
/// </summary>
public sealed record FindingItem(int SelfCheckId, int FiscalYear, string ControlId, string ControlJa, string ControlEn, string CorrectiveAction,
    int? OwnerDepartmentId, string? OwnerDepartmentName, DateOnly DueOn, bool Overdue);

/// <summary>
/// A manager's weekly digest of their department (its 課 included); <paramref name="NamedVerifications"/> are the
/// controls of other departments that name this manager as their owner.
/// </summary>
public sealed record DepartmentWeekly(Recipient Recipient, string DepartmentName, IReadOnlyList<LateItem> Overdue, int StaffWithPendingAcknowledgments,
    IReadOnlyList<Separation.DueItem> Verifications, IReadOnlyList<FindingItem> Findings, IReadOnlyList<Separation.DueItem> NamedVerifications);

/// <summary>The weekly mail of a person named as a control's owner who hears of it in no other weekly mail.</summary>
public sealed record OwnerWeekly(Recipient Recipient, IReadOnlyList<Separation.DueItem> Verifications);

/// <summary>The figures of the CISO office's weekly mail.</summary>
public sealed record OfficeFigures(double? TrainingRate, int TrainingOverdue, int StaffWithPendingAcknowledgments, int OpenIncidents,
    int VerificationsOverdue, int ExceptionsExpired);

/// <summary>The CISO office's weekly mail: a summary and what falls due on the register, the controls and the exceptions.</summary>
public sealed record OfficeWeekly(Recipient Recipient, OfficeFigures Figures, IReadOnlyList<Policies.ReviewDue> Reviews,
    IReadOnlyList<Separation.DueItem> Verifications, IReadOnlyList<Separation.ExceptionRow> Exceptions, IReadOnlyList<FindingItem> FindingsOverdue);

/// <summary>What the non-urgent rules have to say on a day.</summary>
public sealed record ReminderNotices(IReadOnlyList<PersonalDigest> Digests, IReadOnlyList<EscalationNotice> Escalations,
    IReadOnlyList<DepartmentWeekly> DepartmentWeeklies, IReadOnlyList<OfficeWeekly> OfficeWeeklies, IReadOnlyList<OwnerWeekly> OwnerWeeklies)
{
    public int Count => Digests.Count + Escalations.Count + DepartmentWeeklies.Count + OfficeWeeklies.Count + OwnerWeeklies.Count;
}

/// <summary>A PPC 速報/確報 still to file whose deadline is near or past, for one person.</summary>
public sealed record PpcDeadlineNotice(int ReportId, int IncidentId, string IncidentNumber, string IncidentTitle, string Channel, DateTimeOffset DueAt, PpcStage Stage, Recipient Recipient);

/// <summary>
/// What is due, for the reminder rules: urgent PPC deadlines (within 48 hours, within 24 hours, missed) for every
/// CSIRT member and the ticket's assignee; and, on office open days, each person's digest, escalations to managers
/// and the CISO office, and the weekly mails (to managers, the CISO office and the people named as a control's owner).
/// Locked accounts and people who left get nothing.
/// </summary>
public sealed class ReminderQueries(SecOpsDxDbContext db, TimeProvider time, Training.Queries.TrainingQueries training,
    Policies.PolicyQueries policies, Separation.ControlQueries controls, Separation.ControlCatalogue catalogue,
    Microsoft.Extensions.Options.IOptions<ReminderSettings> options)
{
    /// <summary>The outbox kind of a person's digest.</summary>
    public const string DigestKind = "digest";

    /// <summary>The digests, escalations and weekly mails for a day (nothing on a closed day).</summary>
    public async Task<ReminderNotices> NoticesAsync(DateOnly day, CancellationToken ct = default)
    {
        var settings = options.Value;
        var cadence = new ReminderCadence(settings.Calendar(), day);
        if (!cadence.IsOpenToday) return new ReminderNotices([], [], [], [], []);

        var outstanding = await training.OutstandingAsync(day, ct);
        var pendingAcks = await policies.PendingAcknowledgmentsOfAllAsync(ct);
        var digests = await DigestsAsync(cadence, settings, outstanding, pendingAcks, ct);

        var late = outstanding.Where(o => Training.TrainingDay.IsOverdue(o.DueOn, day))
            .Select(o => new LateItem(o.StaffId, o.EmployeeNumber, o.FullName, o.DepartmentName, o.CourseTitle, o.DueOn, day.DayNumber - o.DueOn.DayNumber))
            .ToList();
        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.ParentId, d.Name }).ToDictionaryAsync(d => d.Id, ct);
        var deptOfLate = outstanding.Where(o => Training.TrainingDay.IsOverdue(o.DueOn, day)).GroupBy(o => o.StaffId).ToDictionary(g => g.Key, g => g.First().DepartmentId);
        var managers = await ManagersByDepartmentAsync(ct);
        var ciso = await ActiveInRoleAsync(Roles.Ciso, ct);

        var escalations = new List<EscalationNotice>();
        var toManagers = late.Where(l => cadence.IsFirstOpenDayPast(l.DueOn, settings.EscalateToManagerAfterDays)).ToList();
        foreach (var group in toManagers
                     .SelectMany(l => ManagersOf(deptOfLate[l.StaffId]).Select(m => (Manager: m, Item: l)))
                     .GroupBy(x => x.Manager.UserId))
            escalations.Add(new EscalationNotice(group.First().Manager, EscalationLevel.Manager, group.Select(x => x.Item).ToList()));
        var toCiso = late.Where(l => cadence.IsFirstOpenDayPast(l.DueOn, settings.EscalateToCisoAfterDays)).ToList();
        if (toCiso.Count > 0) escalations.AddRange(ciso.Select(c => new EscalationNotice(c, EscalationLevel.Ciso, toCiso)));

        var departmentWeeklies = new List<DepartmentWeekly>();
        var officeWeeklies = new List<OfficeWeekly>();
        var ownerWeeklies = new List<OwnerWeekly>();
        if (cadence.IsFirstOpenDayOfWeek)
        {
            var due = await controls.DueAsync(day, ct);
            var verifications = due.Overdue.Concat(due.DueThisMonth).ToList();
            var findings = await FindingsDueAsync(day, id => departments.GetValueOrDefault(id)?.Name, ct);
            var ackDepartments = pendingAcks.Count == 0 ? [] : await db.Staff.AsNoTracking()
                .Where(s => pendingAcks.Keys.Contains(s.Id)).Select(s => s.DepartmentId).ToListAsync(ct);
            foreach (var (departmentId, people) in managers)
            {
                bool Covers(int dept) => dept == departmentId || departments.GetValueOrDefault(dept)?.ParentId == departmentId;
                var overdue = late.Where(l => Covers(deptOfLate[l.StaffId])).OrderBy(l => l.DueOn).ThenBy(l => l.EmployeeNumber, StringComparer.Ordinal).ToList();
                var acks = ackDepartments.Count(Covers);
                var owned = verifications.Where(v => v.OwnerDepartmentId is { } owner && Covers(owner)).ToList();
                var ownedFindings = findings.Where(f => f.OwnerDepartmentId is { } owner && Covers(owner)).ToList();
                if (overdue.Count == 0 && acks == 0 && owned.Count == 0 && ownedFindings.Count == 0) continue;
                var name = departments.GetValueOrDefault(departmentId)?.Name ?? "";
                departmentWeeklies.AddRange(people.Select(p => new DepartmentWeekly(p, name, overdue, acks, owned, ownedFindings, [])));
            }

            if (ciso.Count > 0)
            {
                var horizon = settings.LookAheadDays;
                var reviews = (await policies.ReviewsOverdueAsync(ct)).Concat(await policies.ReviewsDueWithinAsync(horizon, ct))
                    .DistinctBy(r => r.DocumentId).ToList();
                var exceptions = (await controls.ExceptionsAsync(day, ct))
                    .Where(e => e.State is Separation.ExceptionState.Expired or Separation.ExceptionState.Expiring
                                || (e.State == Separation.ExceptionState.InForce && e.ExpiresOn <= day.AddDays(horizon)))
                    .ToList();
                var overview = await training.OverviewAsync(Calendar.FiscalYear.Of(day), day, ct);
                var openIncidents = await db.Incidents.CountAsync(i => i.Status != IncidentStatus.Closed, ct);
                var figures = new OfficeFigures(overview.Overall.Rate, late.Select(l => l.StaffId).Distinct().Count(), pendingAcks.Count, openIncidents,
                    due.Overdue.Count, exceptions.Count(e => e.State == Separation.ExceptionState.Expired));
                var findingsOverdue = findings.Where(f => f.Overdue).ToList();
                officeWeeklies.AddRange(ciso.Select(c => new OfficeWeekly(c, figures, reviews, verifications, exceptions, findingsOverdue)));
            }

            await NamedOwnersAsync(verifications, departmentWeeklies, officeWeeklies, ownerWeeklies, ct);
        }
        return new ReminderNotices(digests, escalations, departmentWeeklies, officeWeeklies, ownerWeeklies);

        IEnumerable<Recipient> ManagersOf(int dept)
        {
            if (managers.TryGetValue(dept, out var own) && own.Count > 0) return own;
            return departments.GetValueOrDefault(dept)?.ParentId is { } parent && managers.TryGetValue(parent, out var above) ? above : [];
        }
    }

    /// <summary>Open findings (neither withdrawn nor corrected) whose corrective action is overdue or due this month, earliest first.</summary>
    private async Task<List<FindingItem>> FindingsDueAsync(DateOnly day, Func<int, string?> departmentName, CancellationToken ct)
    {
        var until = Separation.ControlQueries.DueSoonUntil(day);
        var rows = await (from f in db.SelfCheckFindings.AsNoTracking()
                          join c in db.SelfChecks.AsNoTracking() on f.SelfCheckId equals c.Id
                          where f.WithdrawnAt == null && f.CorrectedAt == null && f.DueOn <= until
                          select new { f.SelfCheckId, c.FiscalYear, f.ControlId, f.CorrectiveAction, f.OwnerDepartmentId, f.DueOn })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.DueOn).ThenBy(r => r.ControlId, StringComparer.Ordinal)
            .Select(r =>
            {
                var control = catalogue.Control(r.ControlId);
                return new FindingItem(r.SelfCheckId, r.FiscalYear, r.ControlId, control?.Ja ?? "", control?.En ?? "", r.CorrectiveAction,
                    r.OwnerDepartmentId, r.OwnerDepartmentId is { } d ? departmentName(d) : null, r.DueOn, r.DueOn < day);
            }).ToList();
    }

    /// <summary>
    /// The verifications of the controls that name a person as their owner go to that person, unless they already
    /// hear of them this week: what their department weekly or the CISO office weekly does not list is added to their
    /// department weekly when they get one, or sent in a weekly mail of their own. Nothing twice to one person, and
    /// nothing to a named owner who no longer holds a role that may own controls.
    /// </summary>
    private async Task NamedOwnersAsync(List<Separation.DueItem> verifications, List<DepartmentWeekly> departmentWeeklies,
        List<OfficeWeekly> officeWeeklies, List<OwnerWeekly> ownerWeeklies, CancellationToken ct)
    {
        if (verifications.Count == 0) return;
        var named = await db.ControlStates.AsNoTracking().Where(s => s.SystemId == null && s.OwnerUserId != null)
            .Select(s => new { s.ControlId, OwnerUserId = s.OwnerUserId! }).ToListAsync(ct);
        if (named.Count == 0) return;
        var ownerIds = named.Select(n => n.OwnerUserId).Distinct().ToList();
        // Only those who still hold a role that may open and record the controls (a manager moved to other work keeps
        // the name on the control, but its verifications stay with the department's manager and the CISO office).
        var owners = await ActiveAsync(db.Users.Where(u => ownerIds.Contains(u.Id)
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && Separation.SetControlOwner.OwnerRoles.Contains(r.Name!)))), ct);
        static (string, int?) Key(Separation.DueItem v) => (v.ControlId, v.SystemId);
        foreach (var owner in owners.OrderBy(o => o.UserId, StringComparer.Ordinal))
        {
            var controlIds = named.Where(n => n.OwnerUserId == owner.UserId).Select(n => n.ControlId).ToHashSet(StringComparer.Ordinal);
            var heard = departmentWeeklies.Where(w => w.Recipient.UserId == owner.UserId).SelectMany(w => w.Verifications)
                .Concat(officeWeeklies.Where(w => w.Recipient.UserId == owner.UserId).SelectMany(w => w.Verifications))
                .Select(Key).ToHashSet();
            var theirs = verifications.Where(v => controlIds.Contains(v.ControlId) && !heard.Contains(Key(v))).ToList();
            if (theirs.Count == 0) continue;
            var weekly = departmentWeeklies.FindIndex(w => w.Recipient.UserId == owner.UserId);
            if (weekly >= 0) departmentWeeklies[weekly] = departmentWeeklies[weekly] with { NamedVerifications = theirs };
            else ownerWeeklies.Add(new OwnerWeekly(owner, theirs));
        }
    }

    private async Task<List<PersonalDigest>> DigestsAsync(ReminderCadence cadence, ReminderSettings settings,
        IReadOnlyList<Training.Queries.OverdueRow> outstanding, IReadOnlyDictionary<int, IReadOnlyList<Policies.PendingAcknowledgment>> pendingAcks,
        CancellationToken ct)
    {
        var day = cadence.Today;
        var window = settings.DueSoonOpenDays.DefaultIfEmpty(0).Max();
        var courses = outstanding.ToLookup(o => o.StaffId);
        var staffIds = outstanding.Select(o => o.StaffId).Concat(pendingAcks.Keys).Distinct().ToList();
        // In post on the day the rules speak for (people who have left, or not yet joined, hear nothing).
        var accounts = staffIds.Count == 0 ? [] : await db.Staff.AsNoTracking()
            .Where(s => staffIds.Contains(s.Id) && s.UserId != null && (s.RetiredOn == null || s.RetiredOn >= day) && (s.HiredOn == null || s.HiredOn <= day))
            .Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
        var staffOfUser = accounts.GroupBy(a => a.UserId!).ToDictionary(g => g.Key, g => g.First().Id);

        // Tasks of open tickets past their due date: their owner's, or every CSIRT member's when nobody owns one.
        var tasks = await (from t in db.IncidentTasks.AsNoTracking()
                           join i in db.Incidents.AsNoTracking() on t.IncidentId equals i.Id
                           where t.DoneAt == null && t.DueOn != null && t.DueOn < day && i.Status != IncidentStatus.Closed
                           select new { t.OwnerUserId, Item = new TaskItem(i.Id, i.Number, t.Title, t.DueOn!.Value) }).ToListAsync(ct);
        var csirt = tasks.Any(t => t.OwnerUserId is null) ? (await ActiveInRoleAsync(Roles.Csirt, ct)).Select(r => r.UserId).ToHashSet() : [];
        var userIds = staffOfUser.Keys.Concat(tasks.Where(t => t.OwnerUserId != null).Select(t => t.OwnerUserId!)).Concat(csirt).Distinct().ToList();
        if (userIds.Count == 0) return [];
        var recipients = await ActiveAsync(db.Users.Where(u => userIds.Contains(u.Id)), ct);
        // Someone who has never had a digest hears of what is overdue or unacknowledged on the first open day the rules
        // run (a new installation, a new account), not only when the cadence comes round.
        // Asked for the people concerned only, through the (recipient, kind) index, not over a year of digests.
        var hadDigest = (await db.Outbox.AsNoTracking().Where(m => userIds.Contains(m.RecipientUserId!) && m.Kind == DigestKind)
            .Select(m => m.RecipientUserId!).Distinct().ToListAsync(ct)).ToHashSet();
        var digests = new List<PersonalDigest>();
        foreach (var recipient in recipients)
        {
            var staffId = staffOfUser.TryGetValue(recipient.UserId, out var id) ? id : (int?)null;
            var mine = staffId is { } sid ? courses[sid].ToList() : [];
            var overdue = mine.Where(c => Training.TrainingDay.IsOverdue(c.DueOn, day)).ToList();
            var soon = mine.Where(c => !Training.TrainingDay.IsOverdue(c.DueOn, day) && cadence.OpenDaysLeft(c.DueOn) <= window).ToList();
            var acks = staffId is { } s2 ? pendingAcks.GetValueOrDefault(s2) ?? [] : [];
            var myTasks = tasks.Where(t => t.OwnerUserId == recipient.UserId || (t.OwnerUserId is null && csirt.Contains(recipient.UserId)))
                .Select(t => t.Item).OrderBy(t => t.DueOn).ToList();
            var speaks = (!hadDigest.Contains(recipient.UserId) && (overdue.Count > 0 || acks.Count > 0 || myTasks.Count > 0))
                         || soon.Any(c => cadence.IsDueSoonDay(c.DueOn, settings.DueSoonOpenDays))
                         || overdue.Any(c => cadence.IsRepeatDay(c.DueOn.AddDays(1), settings.RepeatEveryOpenDays))
                         || acks.Any(r => cadence.IsRepeatDay(r.EffectiveOn, settings.RepeatEveryOpenDays))
                         || myTasks.Any(t => cadence.IsRepeatDay(t.DueOn.AddDays(1), settings.RepeatEveryOpenDays));
            if (!speaks) continue;
            digests.Add(new PersonalDigest(recipient,
                overdue.OrderBy(c => c.DueOn).Select(c => new CourseItem(c.CourseId, c.CourseTitle, c.DueOn)).ToList(),
                soon.OrderBy(c => c.DueOn).Select(c => new CourseItem(c.CourseId, c.CourseTitle, c.DueOn)).ToList(),
                acks.Select(r => new AcknowledgmentItem(r.Slug, r.Title, r.Number, r.EffectiveOn)).ToList(),
                myTasks));
        }
        return digests;
    }

    /// <summary>Managers who can be reached, by the department of their staff record.</summary>
    private async Task<Dictionary<int, List<Recipient>>> ManagersByDepartmentAsync(CancellationToken ct)
    {
        var managers = await ActiveInRoleAsync(Roles.Manager, ct);
        var ids = managers.Select(m => m.UserId).ToList();
        var departmentOf = await db.Staff.AsNoTracking().Where(s => s.UserId != null && ids.Contains(s.UserId))
            .Select(s => new { s.UserId, s.DepartmentId }).ToListAsync(ct);
        return departmentOf.GroupBy(d => d.DepartmentId)
            .ToDictionary(g => g.Key, g => managers.Where(m => g.Any(x => x.UserId == m.UserId)).ToList());
    }

    public async Task<IReadOnlyList<PpcDeadlineNotice>> PpcDeadlinesAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        // Few rows: pending PPC reports of open tickets. The dates are compared here, not in SQLite.
        var pending = await db.IncidentReports.AsNoTracking()
            .Where(r => RegulatoryDuty.PpcChannels.Contains(r.Channel) && r.State == ReportState.Pending && r.DueAt != null
                        && r.Incident!.Status != IncidentStatus.Closed)
            .Select(r => new { r.Id, r.IncidentId, r.Incident!.Number, r.Incident.Title, r.Channel, DueAt = r.DueAt!.Value, r.Incident.AssigneeUserId })
            .ToListAsync(ct);
        var near = pending.Where(r => r.DueAt - now <= TimeSpan.FromHours(48)).ToList();
        if (near.Count == 0) return [];

        var csirt = await ActiveInRoleAsync(Roles.Csirt, ct);
        var assigneeIds = near.Where(r => r.AssigneeUserId != null).Select(r => r.AssigneeUserId!).Distinct().ToList();
        var assignees = await ActiveAsync(db.Users.Where(u => assigneeIds.Contains(u.Id)), ct);
        var notices = new List<PpcDeadlineNotice>();
        foreach (var r in near)
        {
            var left = r.DueAt - now;
            var stage = left <= TimeSpan.Zero ? PpcStage.Missed : left <= TimeSpan.FromHours(24) ? PpcStage.Within24Hours : PpcStage.Within48Hours;
            var to = csirt.Concat(assignees.Where(a => a.UserId == r.AssigneeUserId)).DistinctBy(x => x.UserId);
            notices.AddRange(to.Select(person => new PpcDeadlineNotice(r.Id, r.IncidentId, r.Number, r.Title, r.Channel, r.DueAt, stage, person)));
        }
        return notices;
    }

    private async Task<List<Recipient>> ActiveInRoleAsync(string role, CancellationToken ct) =>
        await ActiveAsync(db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role))), ct);

    /// <summary>Accounts that can be reached: an address, not locked, and not of someone who has left.</summary>
    private async Task<List<Recipient>> ActiveAsync(IQueryable<ApplicationUser> users, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = Calendar.JapanTime.Today(time);
        var rows = await users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { u.Id, u.Email, u.PreferredCulture, u.DateStyle, u.LockoutEnd,
                Retired = db.Staff.Where(s => s.UserId == u.Id).Select(s => s.RetiredOn).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Where(u => (u.LockoutEnd is null || u.LockoutEnd <= now) && (u.Retired is null || u.Retired >= today))
            .Select(u => new Recipient(u.Id, u.Email!, u.PreferredCulture, u.DateStyle)).ToList();
    }
}
