using Quartz;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Jobs;

/// <summary>"SecOpsDx:Jobs": when each job runs (Quartz cron expressions, Japan time).</summary>
public sealed class JobSettings
{
    public const string Section = "SecOpsDx:Jobs";

    /// <summary>
    /// Whether this process runs the schedules. Off for a second copy of the app on the same database (only one
    /// may run them) and for tools that start the app only to read it; the verbs <c>run-job</c> work either way.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The scheduler's name, which also keys its rows in the <c>QRTZ_*</c> tables. Keep it when the app moves; two
    /// apps in one process need two names, as they would otherwise share one scheduler.
    /// </summary>
    public string SchedulerName { get; set; } = JobScheduling.SchedulerName;

    /// <summary>Delivering queued mail: every five minutes by default.</summary>
    public string SendMailCron { get; set; } = "0 0/5 * * * ?";

    /// <summary>Evaluating the reminder rules: every 15 minutes, so a PPC deadline warning is never late by more.</summary>
    public string RemindersCron { get; set; } = "0 0/15 * * * ?";

    /// <summary>Comparing linked staff with the directory (when directory sign-in is on): 05:30 every day.</summary>
    public string SyncDirectoryCron { get; set; } = "0 30 5 * * ?";
}

/// <summary>
/// Quartz.NET in the app, with its job store in the app's own SQLite database (tables created at first start), so
/// that schedules, last runs and misfires survive restarts. Jobs never overlap themselves.
/// </summary>
public static class JobScheduling
{
    public const string SchedulerName = "SecOpsDx";

    /// <summary>The app's jobs, in the order the Admin page lists them.</summary>
    public static readonly JobKey[] Jobs = [RemindersJob.Key, SendMailJob.Key, SyncDirectoryJob.Key];

    public static void AddSecOpsDxJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecOpsDxOptions.Section).Get<SecOpsDxOptions>() ?? new SecOpsDxOptions();
        var jobs = builder.Configuration.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings();
        foreach (var (name, cron) in new[] { ("SendMailCron", jobs.SendMailCron), ("RemindersCron", jobs.RemindersCron), ("SyncDirectoryCron", jobs.SyncDirectoryCron) })
        {
            if (!CronExpression.TryParse(cron, out _))
                throw new InvalidOperationException($"{JobSettings.Section}:{name} '{cron}' is not a cron expression (e.g. \"0 0/5 * * * ?\")");
        }
        var reminders = builder.Configuration.GetSection(Core.Reminders.ReminderSettings.Section).Get<Core.Reminders.ReminderSettings>() ?? new();
        if (reminders.Problems() is { Count: > 0 } problems) throw new InvalidOperationException(string.Join("; ", problems));
        if (string.IsNullOrWhiteSpace(jobs.SchedulerName))
            throw new InvalidOperationException($"{JobSettings.Section}:SchedulerName must not be empty");
        builder.Services.AddScoped<ReminderMailer>();
        if (!jobs.Enabled) return;
        var japan = JapanTimeZone();

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = jobs.SchedulerName);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite($"Data Source={options.DatabasePath}");
                store.ProvisionSchema();
            });
            // A changed schedule in the settings replaces the stored one but keeps its firing history, so a restart
            // neither loses a misfire nor fires a schedule that has already run.
            q.ConfigureOptions<QuartzOptions>(o => o.Scheduling.ScheduleTriggerRelativeToReplacedTrigger = true);
            q.AddJob<SendMailJob>(j => j.WithIdentity(SendMailJob.Key).StoreDurably().WithDescription("Deliver queued e-mail"));
            q.AddTrigger(t => t.ForJob(SendMailJob.Key).WithIdentity("send-mail-schedule", "secopsdx")
                .WithCronSchedule(jobs.SendMailCron, c => c.InTimeZone(japan).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<SyncDirectoryJob>(j => j.WithIdentity(SyncDirectoryJob.Key).StoreDurably().WithDescription("Compare linked staff with the directory"));
            q.AddTrigger(t => t.ForJob(SyncDirectoryJob.Key).WithIdentity("sync-directory-schedule", "secopsdx")
                .WithCronSchedule(jobs.SyncDirectoryCron, c => c.InTimeZone(japan).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJobListener<JobRunListener>(GroupMatcher<JobKey>.GroupEquals("secopsdx"));
            q.AddJob<RemindersJob>(j => j.WithIdentity(RemindersJob.Key).StoreDurably().WithDescription("Evaluate reminder rules"));
            q.AddTrigger(t => t.ForJob(RemindersJob.Key).WithIdentity("reminders-schedule", "secopsdx")
                .WithCronSchedule(jobs.RemindersCron, c => c.InTimeZone(japan).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static TimeZoneInfo JapanTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("JST", JapanTime.Offset, "Japan", "JST"); }
    }
}
