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
    IOptions<SecOpsDxOptions> options, OfficeCalendar calendar, TimeProvider time)
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
        // One digest a person a day, only on office open days (no weekends, holidays or 12/29–1/3) and in the morning.
        var today = DateOnly.FromDateTime(now.DateTime);
        if (calendar.IsOpen(today) && now.Hour >= DigestHour)
        {
            var digests = await queries.DigestsAsync(today, ct);
            mails.AddRange(digests.Select(d => Compose(d, today)));
            count += digests.Count;
        }
        var queued = await outbox.EnqueueAsync(mails, ct);
        return new ReminderRun(count, queued);
    }

    private OutgoingMail Compose(PersonalDigest d, DateOnly today) => InCultureOf(d.Recipient, style =>
    {
        var subject = text["Reminder.Digest.Subject", d.OverdueTraining.Count].Value;
        var lines = new List<string> { text["Reminder.Digest.Lead"].Value, "", text["Reminder.Digest.Training"].Value };
        lines.AddRange(d.OverdueTraining.Select(c => text["Reminder.Digest.Course", c.Title, DisplayDates.Format(c.DueOn, style)].Value));
        var link = Link("my/tasks");
        lines.Add("");
        if (link is not null) lines.Add(text["Reminder.Digest.Open", link].Value);
        lines.Add(text["Reminder.Footer"].Value);
        var html = "<p>" + string.Join("</p><p>", lines.Select(WebUtility.HtmlEncode)) + "</p>";
        return new OutgoingMail($"digest|{d.Recipient.UserId}|{today:yyyy-MM-dd}", "digest", d.Recipient.Email, d.Recipient.UserId, subject,
            string.Join("\n", lines), html);
    });

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
        var link = Link($"incidents/{n.IncidentId}");
        if (link is not null) lines.Add(link);
        lines.Add("");
        lines.Add(text["Reminder.Footer"].Value);
        var html = string.Join("", lines.Select(l => l.Length == 0 ? "<br>" :
            l == link ? $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>" : $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        return new OutgoingMail($"ppc|{n.ReportId}|{n.Stage}|{n.Recipient.UserId}", "ppc-deadline", n.Recipient.Email, n.Recipient.UserId,
            subject, string.Join("\n", lines), html, Urgent: true);
    });

    private string? Link(string path)
    {
        var baseUrl = options.Value.BaseUrl;
        return string.IsNullOrWhiteSpace(baseUrl) ? null : $"{baseUrl.TrimEnd('/')}/{path}";
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
