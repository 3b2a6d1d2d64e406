using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Reminders;

/// <summary>Someone a reminder goes to, with the language and date style of their profile.</summary>
public sealed record Recipient(string UserId, string Email, string? Culture, string? DateStyle);

public enum PpcStage { Within48Hours, Within24Hours, Missed }

/// <summary>One course a person has not completed by its due date.</summary>
public sealed record OverdueCourse(int CourseId, string Title, DateOnly DueOn);

/// <summary>Everything one person is overdue on, for their daily digest.</summary>
public sealed record PersonalDigest(Recipient Recipient, IReadOnlyList<OverdueCourse> OverdueTraining);

/// <summary>A PPC 速報/確報 still to file whose deadline is near or past, for one person.</summary>
public sealed record PpcDeadlineNotice(int ReportId, int IncidentId, string IncidentNumber, string IncidentTitle, string Channel, DateTimeOffset DueAt, PpcStage Stage, Recipient Recipient);

/// <summary>
/// What is due, for the reminder rules. Incident rules for now: PPC deadlines within 48 hours, within 24 hours, and
/// missed, for every CSIRT member and the ticket's assignee (locked accounts get nothing).
/// </summary>
public sealed class ReminderQueries(SecOpsDxDbContext db, TimeProvider time, Training.Queries.TrainingQueries training)
{
    /// <summary>
    /// Each person with overdue training on a day, as one digest: people without an account, locked out or gone get
    /// nothing (the rates still count them).
    /// </summary>
    public async Task<IReadOnlyList<PersonalDigest>> DigestsAsync(DateOnly day, CancellationToken ct = default)
    {
        var overdue = await training.OverdueAsync(day, null, ct);
        if (overdue.Count == 0) return [];
        var staffIds = overdue.Select(o => o.StaffId).Distinct().ToList();
        var accounts = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id) && s.UserId != null)
            .Select(s => new { s.Id, s.UserId }).ToListAsync(ct);
        var userIds = accounts.Select(a => a.UserId!).ToList();
        var recipients = (await ActiveAsync(db.Users.Where(u => userIds.Contains(u.Id)), ct)).ToDictionary(r => r.UserId);
        return accounts.Where(a => recipients.ContainsKey(a.UserId!))
            .Select(a => new PersonalDigest(recipients[a.UserId!], overdue.Where(o => o.StaffId == a.Id)
                .Select(o => new OverdueCourse(o.CourseId, o.CourseTitle, o.DueOn)).OrderBy(o => o.DueOn).ToList()))
            .ToList();
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
