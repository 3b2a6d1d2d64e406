using Quartz;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Jobs;

/// <summary>"SecOpsDx:Jobs": when each job runs (Quartz cron expressions, Japan time).</summary>
public sealed class JobSettings
{
    public const string Section = "SecOpsDx:Jobs";

    /// <summary>Delivering queued mail: every five minutes by default.</summary>
    public string SendMailCron { get; set; } = "0 0/5 * * * ?";
}

/// <summary>
/// Quartz.NET in the app, with its job store in the app's own SQLite database (tables created at first start), so
/// that schedules, last runs and misfires survive restarts. Jobs never overlap themselves.
/// </summary>
public static class JobScheduling
{
    public const string SchedulerName = "SecOpsDx";

    public static void AddSecOpsDxJobs(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecOpsDxOptions.Section).Get<SecOpsDxOptions>() ?? new SecOpsDxOptions();
        var jobs = builder.Configuration.GetSection(JobSettings.Section).Get<JobSettings>() ?? new JobSettings();
        if (!CronExpression.TryParse(jobs.SendMailCron, out _))
            throw new InvalidOperationException($"{JobSettings.Section}:SendMailCron '{jobs.SendMailCron}' is not a cron expression (e.g. \"0 0/5 * * * ?\")");
        var japan = JapanTimeZone();

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = SchedulerName);
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
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static TimeZoneInfo JapanTimeZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("JST", JapanTime.Offset, "Japan", "JST"); }
    }
}
