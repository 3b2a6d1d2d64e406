using System.Text.RegularExpressions;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Mail;
using SecOpsDx.Core.Reminders;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Jobs;

public sealed record ReminderRun(int Notices, int Queued);

/// <summary>
/// Turns what is due into mail, each in its recipient's language and date style, and queues it under a key per
/// rule, item, stage and person, so evaluating twice queues nothing new. PPC deadlines are urgent: they go out at
/// once, on closed days too.
/// </summary>
public sealed class ReminderMailer(ReminderQueries queries, Outbox outbox, IStringLocalizer<SharedText> text,
    IStringLocalizer<ReminderText> words, IOptions<SecOpsDxOptions> options, IOptions<ReminderSettings> settings, TimeProvider time)
{
    /// <summary>Digests are composed from this hour (Japan time) on an open day, so they arrive in the morning.</summary>
    public const int DigestHour = 8;

    /// <param name="at">The moment to evaluate for; now unless a test or a re-run says otherwise.</param>
    public async Task<ReminderRun> RunAsync(CancellationToken ct = default, DateTimeOffset? at = null)
    {
        var now = JapanTime.ToJapanTime(at ?? time.GetUtcNow());
        var notices = await queries.PpcDeadlinesAsync(ct);
        var mails = notices.Select(Compose).ToList();
        var count = notices.Count;
        // Digests, escalations and weekly mails only on office open days (no weekends, holidays, 12/29–1/3 or the
        // office's own closed days) and from the morning hour; evaluating again the same day queues nothing new.
        var today = DateOnly.FromDateTime(now.DateTime);
        if (now.Hour >= DigestHour)
        {
            var daily = await queries.NoticesAsync(today, ct);
            mails.AddRange(daily.Digests.Select(d => Compose(d, today)));
            mails.AddRange(daily.Escalations.Select(e => Compose(e, today)));
            mails.AddRange(daily.DepartmentWeeklies.Select(w => Compose(w, today)));
            mails.AddRange(daily.OfficeWeeklies.Select(w => Compose(w, today)));
            mails.AddRange(daily.OwnerWeeklies.Select(w => Compose(w, today)));
            count += daily.Count;
        }
        var queued = await outbox.EnqueueAsync(mails, ct);
        return new ReminderRun(count, queued);
    }

    private OutgoingMail Compose(PersonalDigest d, DateOnly today) => InCultureOf(d.Recipient, style =>
    {
        var total = d.OverdueTraining.Count + d.DueSoonTraining.Count + d.Acknowledgments.Count + d.OverdueTasks.Count;
        var anyOverdue = d.OverdueTraining.Count > 0 || d.OverdueTasks.Count > 0;
        var subject = text[anyOverdue ? "Reminder.Digest.Subject.Overdue" : "Reminder.Digest.Subject.Open", total].Value;
        var lines = new List<string> { text["Reminder.Digest.Lead"].Value };
        if (d.OverdueTasks.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Digest.Tasks"].Value]);
            lines.AddRange(d.OverdueTasks.Select(t => text["Reminder.Digest.Task", t.IncidentNumber, t.Title, DisplayDates.Format(t.DueOn, style)].Value));
            if (Link(d.OverdueTasks.Count == 1 ? $"incidents/{d.OverdueTasks[0].IncidentId}" : "incidents") is { } tasksLink) lines.Add(tasksLink);
        }
        if (d.OverdueTraining.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Digest.Training"].Value]);
            lines.AddRange(d.OverdueTraining.Select(c => text["Reminder.Digest.Course", c.Title, DisplayDates.Format(c.DueOn, style)].Value));
        }
        if (d.DueSoonTraining.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Digest.DueSoon"].Value]);
            lines.AddRange(d.DueSoonTraining.Select(c => text["Reminder.Digest.Course", c.Title, DisplayDates.Format(c.DueOn, style)].Value));
        }
        if (d.Acknowledgments.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Digest.Acknowledgments"].Value]);
            lines.AddRange(d.Acknowledgments.Select(a => text["Reminder.Digest.Acknowledgment", a.Title, a.Number, DisplayDates.Format(a.EffectiveOn, style)].Value));
        }
        var link = Link("my/tasks");
        return Mail($"digest|{d.Recipient.UserId}|{today:yyyy-MM-dd}", ReminderQueries.DigestKind, d.Recipient, subject, lines,
            link is null ? null : text["Reminder.Digest.Open", link].Value);
    });

    private OutgoingMail Compose(EscalationNotice e, DateOnly today) => InCultureOf(e.Recipient, style =>
    {
        var days = e.Level == EscalationLevel.Manager ? settings.Value.EscalateToManagerAfterDays : settings.Value.EscalateToCisoAfterDays;
        var subject = text[$"Reminder.Escalation.Subject.{e.Level}", days, e.Items.Count].Value;
        var lines = new List<string> { text[$"Reminder.Escalation.Lead.{e.Level}", days].Value, "" };
        lines.AddRange(e.Items.OrderBy(i => i.DueOn).ThenBy(i => i.EmployeeNumber, StringComparer.Ordinal).Select(i => LateLine(i, style)));
        var link = Link("training/department");
        return Mail($"escalation|{e.Level}|{e.Recipient.UserId}|{today:yyyy-MM-dd}", "escalation", e.Recipient, subject, lines,
            link is null ? null : text["Reminder.Escalation.Open", link].Value);
    });

    private OutgoingMail Compose(DepartmentWeekly w, DateOnly today) => InCultureOf(w.Recipient, style =>
    {
        var subject = text["Reminder.Weekly.Department.Subject", w.DepartmentName].Value;
        var lines = new List<string> { text["Reminder.Weekly.Department.Lead", w.DepartmentName].Value, "" };
        if (w.Overdue.Count == 0) lines.Add(text["Reminder.Weekly.Department.NoOverdue"].Value);
        else
        {
            lines.Add(text["Reminder.Weekly.Department.Overdue", w.Overdue.Count].Value);
            lines.AddRange(w.Overdue.Select(i => LateLine(i, style)));
        }
        if (w.StaffWithPendingAcknowledgments > 0)
            lines.AddRange(["", text["Reminder.Weekly.Acknowledgments", w.StaffWithPendingAcknowledgments].Value]);
        if (w.Verifications.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Weekly.Verifications", w.Verifications.Count].Value]);
            lines.AddRange(w.Verifications.Select(v => VerificationLine(v, style)));
        }
        if (w.NamedVerifications.Count > 0)
        {
            lines.AddRange(["", words["Named.Department", w.NamedVerifications.Count].Value]);
            lines.AddRange(w.NamedVerifications.Select(v => VerificationLine(v, style)));
            if (Link("controls/due") is { } dueLink) lines.Add(words["Owner.Open", dueLink].Value);
        }
        if (w.Findings.Count > 0)
        {
            lines.AddRange(["", words["Findings.Department", w.Findings.Count].Value]);
            AddFindings(lines, w.Findings, style);
        }
        var link = Link("training/department");
        return Mail($"weekly-department|{w.Recipient.UserId}|{today:yyyy-MM-dd}", "weekly-department", w.Recipient, subject, lines,
            link is null ? null : text["Reminder.Escalation.Open", link].Value);
    });

    private OutgoingMail Compose(OfficeWeekly w, DateOnly today) => InCultureOf(w.Recipient, style =>
    {
        var f = w.Figures;
        var subject = text["Reminder.Weekly.Office.Subject", DisplayDates.Format(today, style)].Value;
        var lines = new List<string>
        {
            text["Reminder.Weekly.Office.Lead"].Value,
            "",
            text["Reminder.Weekly.Office.Training", Features.Training.TrainingLabels.Percent(f.TrainingRate), f.TrainingOverdue].Value,
            text["Reminder.Weekly.Acknowledgments", f.StaffWithPendingAcknowledgments].Value,
            text["Reminder.Weekly.Office.Incidents", f.OpenIncidents].Value,
            text["Reminder.Weekly.Office.Controls", f.VerificationsOverdue, f.ExceptionsExpired].Value,
        };
        if (w.Reviews.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Weekly.Office.Reviews", w.Reviews.Count].Value]);
            lines.AddRange(w.Reviews.Select(r => text["Reminder.Weekly.Office.Review", r.Title,
                r.NextReviewDue is { } due ? DisplayDates.Format(due, style) : text["Reminder.Weekly.NotYet"].Value].Value));
        }
        if (w.Verifications.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Weekly.Verifications", w.Verifications.Count].Value]);
            lines.AddRange(w.Verifications.Select(v => VerificationLine(v, style)));
        }
        if (w.Exceptions.Count > 0)
        {
            lines.AddRange(["", text["Reminder.Weekly.Office.Exceptions", w.Exceptions.Count].Value]);
            lines.AddRange(w.Exceptions.Select(e => text["Reminder.Weekly.Office.Exception", e.ControlId, Localized(e.ControlJa, e.ControlEn),
                e.SystemName is null ? "" : $" / {e.SystemName}", DisplayDates.Format(e.ExpiresOn, style)].Value));
        }
        if (w.FindingsOverdue.Count > 0)
        {
            lines.AddRange(["", words["Findings.Office", w.FindingsOverdue.Count].Value]);
            AddFindings(lines, w.FindingsOverdue, style);
        }
        var link = Link("compliance");
        return Mail($"weekly-office|{w.Recipient.UserId}|{today:yyyy-MM-dd}", "weekly-office", w.Recipient, subject, lines,
            link is null ? null : text["Reminder.Weekly.Office.Open", link].Value);
    });

    private OutgoingMail Compose(OwnerWeekly w, DateOnly today) => InCultureOf(w.Recipient, style =>
    {
        var subject = words["Owner.Subject", w.Verifications.Count].Value;
        var lines = new List<string> { words["Owner.Lead"].Value, "" };
        lines.AddRange(w.Verifications.Select(v => VerificationLine(v, style)));
        var link = Link("controls/due");
        return Mail($"weekly-owner|{w.Recipient.UserId}|{today:yyyy-MM-dd}", "weekly-owner", w.Recipient, subject, lines,
            link is null ? null : words["Owner.Open", link].Value);
    });

    /// <summary>Each finding with its corrective action, then a link to its self-check (to the list when there are several).</summary>
    private void AddFindings(List<string> lines, IReadOnlyList<FindingItem> findings, DateDisplayStyle style)
    {
        foreach (var f in findings)
        {
            lines.Add(words["Finding.Item", f.ControlId, Localized(f.ControlJa, f.ControlEn), f.OwnerDepartmentName is null ? "" : $" / {f.OwnerDepartmentName}",
                DisplayDates.Format(f.DueOn, style), f.Overdue ? words["Finding.Overdue"].Value : ""].Value);
            lines.Add(words["Finding.Action", f.CorrectiveAction].Value);
        }
        var checks = findings.Select(f => f.SelfCheckId).Distinct().ToList();
        if (Link(checks.Count == 1 ? $"controls/self-check/{checks[0]}" : "controls/self-check") is { } link) lines.Add(words["Finding.Open", link].Value);
    }

    private string LateLine(LateItem i, DateDisplayStyle style) =>
        text["Reminder.Late.Item", i.EmployeeNumber, i.FullName, i.DepartmentName, i.CourseTitle, DisplayDates.Format(i.DueOn, style), i.DaysLate].Value;

    private string VerificationLine(Core.Separation.DueItem v, DateDisplayStyle style) =>
        text["Reminder.Weekly.Verification", v.ControlId, Localized(v.ControlJa, v.ControlEn), v.SystemName is null ? "" : $" / {v.SystemName}",
            v.DueOn is { } due ? DisplayDates.Format(due, style) : text["Reminder.Weekly.NeverVerified"].Value].Value;

    private static string Localized(string ja, string en) => AppCultures.IsEnglish ? en : ja;

    /// <summary>
    /// A text part and an HTML part of the same lines, with the footer. In HTML, only the addresses this message's
    /// composition built (<see cref="Link"/>) become links, and only where they stand whole: words people typed (a
    /// name, a title, a finding) that merely start like the app's address, such as http://host@evil.example/login,
    /// stay text.
    /// </summary>
    private OutgoingMail Mail(string key, string kind, Recipient to, string subject, List<string> lines, string? linkLine, bool urgent = false)
    {
        var all = new List<string>(lines) { "" };
        if (linkLine is not null) all.Add(linkLine);
        all.Add(text["Reminder.Footer"].Value);
        var links = builtLinks.Select(l => WebUtility.HtmlEncode(l) ?? "").ToHashSet(StringComparer.Ordinal);
        builtLinks.Clear();
        var html = string.Concat(all.Select(l => l.Length == 0 ? "<br>" : $"<p>{Linked(WebUtility.HtmlEncode(l), links)}</p>"));
        return new OutgoingMail(key, kind, to.Email, to.UserId, subject, string.Join("\n", all), html, Urgent: urgent);
    }

    private string Linked(string encoded, HashSet<string> links)
    {
        var baseUrl = options.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || links.Count == 0) return encoded;
        var prefix = WebUtility.HtmlEncode(baseUrl.TrimEnd('/'));
        // A candidate runs to the next space; it is linked only when it is, whole, one of the addresses built above.
        return Regex.Replace(encoded, Regex.Escape(prefix) + @"[^\s<]*",
            m => links.Contains(m.Value) ? $"<a href=\"{m.Value}\">{m.Value}</a>" : m.Value);
    }

    private OutgoingMail Compose(PpcDeadlineNotice n) => InCultureOf(n.Recipient, style =>
    {
        var channel = text[$"Reminder.Ppc.Channel.{(n.Channel == Core.Incidents.IncidentTaxonomy.PpcFinal ? "Final" : "Preliminary")}"].Value;
        var due = DisplayDates.Format(n.DueAt, style, withTime: true);
        var subject = text[$"Reminder.Ppc.Subject.{n.Stage}", n.IncidentNumber, channel].Value;
        var lines = new List<string>
        {
            text[$"Reminder.Ppc.Lead.{n.Stage}", channel, due].Value,
            "",
            $"{n.IncidentNumber} {n.IncidentTitle}",
            text["Reminder.Ppc.Due", channel, due].Value,
        };
        if (Link($"incidents/{n.IncidentId}") is { } link) lines.Add(link);
        return Mail($"ppc|{n.ReportId}|{n.Stage}|{n.Recipient.UserId}", "ppc-deadline", n.Recipient, subject, lines, linkLine: null, urgent: true);
    });

    /// <summary>The addresses built for the message being composed; <see cref="Mail"/> links these alone.</summary>
    private readonly List<string> builtLinks = [];

    private string? Link(string path)
    {
        var baseUrl = options.Value.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl)) return null;
        var link = $"{baseUrl.TrimEnd('/')}/{path}";
        builtLinks.Add(link);
        return link;
    }

    /// <summary>Words and dates in the recipient's language and style; the culture is put back afterwards.</summary>
    private static T InCultureOf<T>(Recipient r, Func<DateDisplayStyle, T> compose)
    {
        var before = CultureInfo.CurrentUICulture;
        var beforeFormat = CultureInfo.CurrentCulture;
        try
        {
            var culture = CultureInfo.GetCultureInfo(AppCultures.Normalize(r.Culture ?? AppCultures.Japanese));
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return compose(r.DateStyle == nameof(DateDisplayStyle.Western) ? DateDisplayStyle.Western : DateDisplayStyle.Wareki);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeFormat;
        }
    }
}
