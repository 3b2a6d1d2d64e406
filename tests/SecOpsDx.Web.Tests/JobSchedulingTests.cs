using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Mail;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Quartz runs the jobs on their schedules, with the schedules kept in the app's own database.</summary>
public sealed class JobSchedulingTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private readonly string _schedulerName = "SecOpsDx-" + Guid.NewGuid().ToString("N");
    private readonly string _data = Path.Combine(Path.GetTempPath(), "secopsdx-jobs-tests", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => _smtp.StartAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private SettingsAppFactory App(string cron)
    {
        var settings = _smtp.AppSettings();
        settings["SecOpsDx:DataDirectory"] = _data;
        settings["SecOpsDx:Jobs:SendMailCron"] = cron;
        // Both apps of a test keep the same database, so the same scheduler name.
        settings["SecOpsDx:Jobs:SchedulerName"] = _schedulerName;
        return new SettingsAppFactory(AppFactory.JobsOn(settings));
    }

    private async Task<(long? Previous, long? Next, string Cron)> StoredScheduleAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "secopsdx.db")}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.PREV_FIRE_TIME, t.NEXT_FIRE_TIME, c.CRON_EXPRESSION FROM QRTZ_TRIGGERS t
            JOIN QRTZ_CRON_TRIGGERS c ON c.SCHED_NAME = t.SCHED_NAME AND c.TRIGGER_NAME = t.TRIGGER_NAME AND c.TRIGGER_GROUP = t.TRIGGER_GROUP
            WHERE t.TRIGGER_NAME = 'send-mail-schedule'
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the send-mail schedule is stored in the database");
        return (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetString(2));
    }

    [Fact]
    public async Task Queued_mail_goes_out_on_the_schedule_and_the_schedule_and_its_history_survive_a_restart()
    {
        long? firedBefore;
        await using (var app = App("* * * * * ?"))
        {
            _ = app.Server;
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
                    [new OutgoingMail("scheduled-1", "test", "scheduled@city.example.jp", null, "【SecOpsDx】予定どおり", "本文", null)]);

            // Nobody calls the delivery: the job does, within a few seconds.
            for (var i = 0; i < 100 && !_smtp.Received.Any(m => m.Subject == "【SecOpsDx】予定どおり"); i++) await Task.Delay(100);
            Assert.Single(_smtp.Received, m => m.Subject == "【SecOpsDx】予定どおり");
            firedBefore = (await StoredScheduleAsync()).Previous;
            Assert.NotNull(firedBefore);
            // Each run is logged for the Admin's job list with its figures: the scheduled run that sent the mail. The
            // schedule fires every second, so that run is looked for in the kept history, not only as the latest.
            JobRun? run = null;
            for (var i = 0; i < 50 && run is null; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var runs = await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Set<JobRun>().AsNoTracking()
                    .Where(r => r.Job == "send-mail").ToListAsync();
                run = runs.FirstOrDefault(r => r.Figures?.Split(',')[0] is "1");
                if (run is null) await Task.Delay(100);
            }
            Assert.NotNull(run);
            Assert.True(run.Succeeded);
            Assert.False(run.Manual);
            // It was the only run that sent anything: the runs before and after it found nothing to send.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var runs = await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Set<JobRun>().AsNoTracking()
                    .Where(r => r.Job == "send-mail").ToListAsync();
                Assert.Single(runs, r => r.Figures?.Split(',')[0] is not (null or "0"));
            }
        }

        // The app restarts with another schedule in its settings: the stored one is replaced, its history kept.
        await using (var again = App("0 0/10 * * * ?"))
        {
            _ = again.Server;
            var (previous, next, cron) = await StoredScheduleAsync();
            Assert.Equal("0 0/10 * * * ?", cron);
            Assert.True(previous >= firedBefore, "the last run is remembered across the restart");
            Assert.NotNull(next);
            await using var scope = again.Services.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Key == "scheduled-1");
            Assert.NotNull(stored.SentAt);
        }
        Assert.Single(_smtp.Received, m => m.Subject == "【SecOpsDx】予定どおり");
    }

    [Fact]
    public async Task An_app_told_not_to_run_the_schedules_leaves_the_mail_queued()
    {
        var settings = _smtp.AppSettings();
        settings["SecOpsDx:DataDirectory"] = _data;
        settings["SecOpsDx:Jobs:SendMailCron"] = "* * * * * ?";
        settings["SecOpsDx:Jobs:Enabled"] = "false";
        await using var app = new SettingsAppFactory(settings);
        _ = app.Server;
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Outbox>().EnqueueAsync(
                [new OutgoingMail("not-scheduled-1", "test", "queued@city.example.jp", null, "【SecOpsDx】送らない", "本文", null)]);

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.DoesNotContain(_smtp.Received, m => m.Subject == "【SecOpsDx】送らない");
        await using var check = app.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking().SingleAsync(m => m.Key == "not-scheduled-1");
        Assert.Null(stored.SentAt);
    }

    [Fact]
    public void A_schedule_that_is_not_a_cron_expression_stops_the_start_naming_the_setting()
    {
        using var app = App("every five minutes");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("SecOpsDx:Jobs:SendMailCron", failure.ToString());
    }
}
