using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Mail;
using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The app and a real SMTP server on loopback.</summary>
public sealed class MailFixture : IAsyncLifetime
{
    public TestSmtpServer Smtp { get; } = new();
    public AppFactory App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        var settings = Smtp.AppSettings();
        // Overdue items repeat every open day here, so any open day of the test speaks (the cadence has its own tests).
        settings["SecOpsDx:Reminders:RepeatEveryOpenDays"] = "1";
        App = new SettingsAppFactory(settings);
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The outbox delivers every message exactly once, whatever the server does meanwhile.</summary>
public sealed class MailDeliveryTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<int> EnqueueAsync(params OutgoingMail[] mails) => InScopeAsync(sp => sp.GetRequiredService<Outbox>().EnqueueAsync(mails));

    private Task<DeliveryResult> DeliverAsync(bool everything = true) => InScopeAsync(sp => sp.GetRequiredService<MailDelivery>().DeliverAsync(everything));

    private static OutgoingMail Mail(string key, string to, string subject = "【SecOpsDx】研修の受講期限が近づいています") =>
        new(key, "test", to, null, subject, $"{subject}\n\n受講期限: 令和9年3月31日", $"<p>{subject}</p>");

    private List<MimeMessage> ReceivedBy(string address) =>
        fixture.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();

    private Task<OutboxMessage> StoredAsync(string key) =>
        InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Key == key));

    [Fact]
    public async Task A_queued_message_arrives_once_with_its_Japanese_subject_and_both_parts_and_a_rerun_sends_nothing_new()
    {
        Assert.Equal(1, await EnqueueAsync(Mail("once-1", "once@city.example.jp")));

        var result = await DeliverAsync();

        Assert.Null(result.ServerProblem);
        var got = Assert.Single(ReceivedBy("once@city.example.jp"));
        Assert.Equal("【SecOpsDx】研修の受講期限が近づいています", got.Subject);
        Assert.Contains("令和9年3月31日", got.TextBody);
        Assert.Contains("<p>", got.HtmlBody);
        Assert.Equal("secopsdx@city.example.jp", got.From.Mailboxes.Single().Address);
        Assert.NotNull((await StoredAsync("once-1")).SentAt);

        // The same rule run again queues nothing, and a second delivery sends nothing.
        Assert.Equal(0, await EnqueueAsync(Mail("once-1", "once@city.example.jp")));
        await DeliverAsync();
        Assert.Single(ReceivedBy("once@city.example.jp"));
    }

    [Fact]
    public async Task A_sent_mark_records_when_and_one_try_and_the_database_keeps_full_durability_for_everyone_else()
    {
        Assert.Equal(1, await EnqueueAsync(Mail("mark-1", "mark@city.example.jp")));
        var before = DateTime.UtcNow.AddSeconds(-1);

        await DeliverAsync();

        var stored = await StoredAsync("mark-1");
        Assert.InRange(stored.SentAt!.Value, before, DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(1, stored.Attempts);
        Assert.Null(stored.LastError);
        // The run's connection marks with synchronous=NORMAL; the pooled connection it hands back is FULL (2) again.
        var synchronous = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous";
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
        Assert.Equal(2, synchronous);
    }

    [Fact]
    public async Task A_run_cut_off_after_the_server_accepted_a_message_but_before_it_was_marked_resends_that_message_only()
    {
        await EnqueueAsync(Mail("cut-1", "cut1@city.example.jp"), Mail("cut-2", "cut2@city.example.jp"), Mail("cut-3", "cut3@city.example.jp"));
        // The run stops the moment the server has accepted the second message, as a process killed then would.
        using var crash = new CancellationTokenSource();
        fixture.Smtp.WhenAccepted("cut2@city.example.jp", crash.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            InScopeAsync(sp => sp.GetRequiredService<MailDelivery>().DeliverAsync(everything: true, crash.Token)));

        Assert.NotNull((await StoredAsync("cut-1")).SentAt);
        Assert.Single(ReceivedBy("cut2@city.example.jp"));
        Assert.Null((await StoredAsync("cut-2")).SentAt);
        Assert.Empty(ReceivedBy("cut3@city.example.jp"));

        // The next run sends the message that was in flight once more and the rest once; nothing is lost.
        var next = await DeliverAsync();

        Assert.Null(next.ServerProblem);
        Assert.Single(ReceivedBy("cut1@city.example.jp"));
        Assert.Equal(2, ReceivedBy("cut2@city.example.jp").Count);
        Assert.Single(ReceivedBy("cut3@city.example.jp"));
        // Both copies carry one Message-ID, so the receiver can tell the resend is the same message; others differ.
        var ids = ReceivedBy("cut2@city.example.jp").Select(m => m.MessageId).Distinct().ToList();
        Assert.Single(ids);
        Assert.False(string.IsNullOrEmpty(ids[0]));
        Assert.NotEqual(ids[0], ReceivedBy("cut1@city.example.jp").Single().MessageId);
        foreach (var key in new[] { "cut-1", "cut-2", "cut-3" }) Assert.NotNull((await StoredAsync(key)).SentAt);
        await DeliverAsync();
        Assert.Equal(2, ReceivedBy("cut2@city.example.jp").Count);
        Assert.Single(ReceivedBy("cut3@city.example.jp"));
    }

    [Fact]
    public async Task While_the_server_is_down_nothing_is_lost_and_when_it_is_back_everything_arrives_exactly_once()
    {
        await fixture.Smtp.StopAsync();
        try
        {
            await EnqueueAsync(Mail("down-1", "down1@city.example.jp"), Mail("down-2", "down2@city.example.jp"));

            var failed = await DeliverAsync();

            Assert.NotNull(failed.ServerProblem);
            var stored = await StoredAsync("down-1");
            Assert.Null(stored.SentAt);
            Assert.Null(stored.GaveUpAt);
            Assert.Equal(1, stored.Attempts);
            Assert.True(stored.NextAttemptAt > DateTime.UtcNow, "the next try waits");
            // A scheduled run respects the wait; nothing is lost meanwhile.
            Assert.Equal(0, (await DeliverAsync(everything: false)).Sent);
        }
        finally
        {
            await fixture.Smtp.StartAsync();
        }

        var delivered = await DeliverAsync();

        Assert.Null(delivered.ServerProblem);
        Assert.Single(ReceivedBy("down1@city.example.jp"));
        Assert.Single(ReceivedBy("down2@city.example.jp"));
        await DeliverAsync();
        Assert.Single(ReceivedBy("down1@city.example.jp"));
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_never_blocks_the_others_and_is_given_up_after_the_tries_run_out()
    {
        fixture.Smtp.Refuse("refused@city.example.jp");
        await EnqueueAsync(Mail("refuse-1", "before@city.example.jp"), Mail("refuse-2", "refused@city.example.jp"), Mail("refuse-3", "after@city.example.jp"));

        var result = await DeliverAsync();

        Assert.True(result.Refused >= 1);
        Assert.Single(ReceivedBy("before@city.example.jp"));
        Assert.Single(ReceivedBy("after@city.example.jp"));
        var refused = await StoredAsync("refuse-2");
        Assert.Null(refused.SentAt);
        Assert.Contains("550", refused.LastError);

        for (var i = 0; i < 12; i++) await DeliverAsync();
        refused = await StoredAsync("refuse-2");
        Assert.NotNull(refused.GaveUpAt);
        Assert.Equal(12, refused.Attempts);
        Assert.Empty(ReceivedBy("refused@city.example.jp"));
        Assert.Contains(await InScopeAsync(sp => sp.GetRequiredService<Outbox>().ListAsync(OutboxState.GaveUp)), r => r.To == "refused@city.example.jp");
    }

    [Fact]
    public async Task The_send_mail_job_with_the_server_down_says_so_keeps_everything_queued_and_exits_0()
    {
        await EnqueueAsync(Mail("verb-1", "verb@city.example.jp"));
        await fixture.Smtp.StopAsync();
        int code;
        string error;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
            builder.Configuration["SecOpsDx:DataDirectory"] = fixture.App.DataDirectory;
            foreach (var (key, value) in fixture.Smtp.AppSettings()) builder.Configuration[key] = value;
            builder.Logging.ClearProviders();
            builder.AddSecOpsDx();
            await using var app = builder.Build();
            var (output, errors) = (new StringWriter(), new StringWriter());
            code = await CommandLine.RunAsync(app, ["run-job", "send-mail"], output, errors);
            error = errors.ToString();
        }
        finally
        {
            await fixture.Smtp.StartAsync();
        }

        Assert.Equal(0, code);
        Assert.Contains("mail server cannot be used", error);
        Assert.Null((await StoredAsync("verb-1")).SentAt);
    }
}

/// <summary>An explicit run empties the outbox batch after batch; a refused recipient does not keep it going round.</summary>
public sealed class MailBatchTests
{
    [Fact]
    public async Task One_run_sends_every_queued_message_in_batches_and_ends_despite_a_refused_recipient()
    {
        await using var smtp = new TestSmtpServer();
        await smtp.StartAsync();
        smtp.Refuse("refused@city.example.jp");
        var settings = smtp.AppSettings();
        settings["SecOpsDx:Smtp:BatchSize"] = "2";
        await using var app = new SettingsAppFactory(settings);
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        await outbox.EnqueueAsync(Enumerable.Range(1, 7).Select(i => new OutgoingMail($"batch-{i}", "test",
            i == 3 ? "refused@city.example.jp" : $"batch{i}@city.example.jp", null, $"【SecOpsDx】一括 {i}", "本文", null)).ToList());

        var result = await scope.ServiceProvider.GetRequiredService<MailDelivery>().DeliverAsync(everything: true);

        Assert.Equal(6, result.Sent);
        Assert.Equal(1, result.Refused);
        Assert.Equal(1, result.StillQueued);
        Assert.Equal(6, smtp.Received.Count(m => (m.Subject ?? "").StartsWith("【SecOpsDx】一括", StringComparison.Ordinal)));
    }
}

/// <summary>PPC deadline reminders: to every CSIRT member in their language, once per stage, at once.</summary>
public sealed class PpcReminderTests(MailFixture fixture) : IClassFixture<MailFixture>
{
    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Auditing.ActorOverride>().Actor = new SecOpsDx.Core.Auditing.AuditActor(null, "test");
        return await work(scope.ServiceProvider);
    }

    /// <summary>An open demo ticket whose PPC preliminary report is pending and due at the given moment.</summary>
    private Task<string> TicketWithPreliminaryDueAsync(DateTimeOffset due, string? number = null) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var incident = number is null
            ? await db.Incidents.OrderBy(i => i.Id).FirstAsync(i => i.Status != SecOpsDx.Core.Incidents.IncidentStatus.Closed && !db.IncidentReports.Any(r => r.IncidentId == i.Id && r.Channel == SecOpsDx.Core.Incidents.IncidentTaxonomy.PpcPreliminary && r.State == SecOpsDx.Core.Incidents.ReportState.Pending))
            : await db.Incidents.SingleAsync(i => i.Number == number);
        var report = await db.IncidentReports.FirstOrDefaultAsync(r => r.IncidentId == incident.Id && r.Channel == SecOpsDx.Core.Incidents.IncidentTaxonomy.PpcPreliminary);
        if (report is null)
        {
            report = new SecOpsDx.Core.Incidents.IncidentReport { IncidentId = incident.Id, Channel = SecOpsDx.Core.Incidents.IncidentTaxonomy.PpcPreliminary };
            db.IncidentReports.Add(report);
        }
        report.State = SecOpsDx.Core.Incidents.ReportState.Pending;
        report.DueAt = due;
        await db.SaveChangesAsync();
        return incident.Number;
    });

    private Task<SecOpsDx.Web.Jobs.ReminderRun> RunRemindersAsync() =>
        InScopeAsync(sp => sp.GetRequiredService<SecOpsDx.Web.Jobs.ReminderMailer>().RunAsync());

    private Task DeliverAsync() => InScopeAsync(sp => sp.GetRequiredService<MailDelivery>().DeliverAsync(everything: true));

    private List<MimeMessage> About(string number, string to) =>
        fixture.Smtp.Received.Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == to)).ToList();

    [Fact]
    public async Task A_deadline_within_48_hours_then_a_missed_one_each_reach_the_CSIRT_once_in_their_language()
    {
        var english = await InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SecOpsDx.Core.Organization.ApplicationUser>>();
            var user = await SecOpsDx.Core.Organization.AccountProvisioning.CreateAsync(users, "csirt.en@example.jp", "En-Pass-2026x", "English Member");
            user.PreferredCulture = "en-US";
            user.DateStyle = "Western";
            await users.UpdateAsync(user);
            await users.AddToRoleAsync(user, SecOpsDx.Core.Organization.Roles.Csirt);
            return user.Email!;
        });
        var number = await TicketWithPreliminaryDueAsync(DateTimeOffset.UtcNow.AddHours(30));

        var first = await RunRemindersAsync();
        await DeliverAsync();

        Assert.True(first.Queued >= 2);
        var japanese = Assert.Single(About(number, "csirt@example.jp"));
        Assert.Contains("48時間を切りました", japanese.Subject);
        Assert.Contains("速報", japanese.TextBody);
        Assert.Contains("令和", japanese.TextBody);
        var inEnglish = Assert.Single(About(number, english));
        Assert.Contains("less than 48 hours", inEnglish.Subject);
        Assert.DoesNotContain("令和", inEnglish.TextBody);

        // Evaluating again queues nothing new for the same stage.
        Assert.Equal(0, (await RunRemindersAsync()).Queued);

        // The deadline passes: one more message each, saying it is late.
        await TicketWithPreliminaryDueAsync(DateTimeOffset.UtcNow.AddHours(-1), number);
        await RunRemindersAsync();
        await DeliverAsync();
        var late = About(number, "csirt@example.jp");
        Assert.Equal(2, late.Count);
        Assert.Contains(late, m => (m.Subject ?? "").Contains("期限を過ぎています", StringComparison.Ordinal));
        // Staff who are not CSIRT get nothing.
        Assert.Empty(About(number, "staff@example.jp"));
    }

    private static DateTimeOffset At(DateOnly day, int hour) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(9));

    private Task<SecOpsDx.Web.Jobs.ReminderRun> RunRemindersAtAsync(DateTimeOffset at) =>
        InScopeAsync(sp => sp.GetRequiredService<SecOpsDx.Web.Jobs.ReminderMailer>().RunAsync(default, at));

    private Task<List<OutboxMessage>> DigestsForAsync(string to) =>
        InScopeAsync(sp => sp.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking().Where(m => m.Kind == "digest" && m.To == to).ToListAsync());

    [Fact]
    public async Task Overdue_training_goes_out_as_one_digest_a_person_on_open_days_in_the_morning_only()
    {
        var calendar = SecOpsDx.Core.Calendar.OfficeCalendar.Default;
        var today = SecOpsDx.Core.Calendar.JapanTime.Today(TimeProvider.System);
        var openDay = calendar.NextOpenDay(today);
        var closedDay = Enumerable.Range(0, 14).Select(today.AddDays).First(d => !calendar.IsOpen(d));

        // Before the digest hour and on a closed day (a weekend or holiday), no digest is composed.
        await RunRemindersAtAsync(At(openDay, 7));
        await RunRemindersAtAsync(At(closedDay, 9));
        Assert.Empty(await DigestsForAsync("staff@example.jp"));

        await RunRemindersAtAsync(At(openDay, 9));
        var again = await RunRemindersAtAsync(At(openDay, 10));
        await DeliverAsync();

        // The demo's staff member is overdue on a course: one message lists it, however often the rules run that day.
        var digest = Assert.Single(await DigestsForAsync("staff@example.jp"));
        Assert.Contains("受講期限を過ぎた研修", digest.TextBody);
        Assert.Equal(0, again.Queued);
        var received = fixture.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == "staff@example.jp") && (m.Subject ?? "").Contains("期限を過ぎている作業", StringComparison.Ordinal)).ToList();
        Assert.Single(received);
    }
}
