using System.Globalization;
using Quartz;
using SecOpsDx.Core.Mail;
using SecOpsDx.Core.Organization.Ldap;

namespace SecOpsDx.Web.Jobs;

/// <summary>Writes each run of the app's jobs to the job-run log, with its figures and what went wrong.</summary>
public sealed class JobRunListener(IServiceScopeFactory scopes, ILogger<JobRunListener> logger) : IJobListener
{
    /// <summary>Set in the job data of a run a person started from the Admin page.</summary>
    public const string ManualFlag = "secopsdx-manual";

    public string Name => "secopsdx-job-runs";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var (figures, problem) = context.Result switch
        {
            ReminderRun r => (Join(r.Notices, r.Queued), null),
            DeliveryResult d => (Join(d.Sent, d.Refused, d.GaveUp, d.StillQueued), d.ServerProblem),
            DirectorySyncResult s => (Join(s.PeopleInDirectory, s.NewFindings, s.OpenFindings), null),
            _ => ((string?)null, (string?)null),
        };
        var failure = jobException?.InnerException?.Message ?? jobException?.Message;
        var run = new JobRun
        {
            Job = context.JobDetail.Key.Name,
            StartedAt = context.FireTimeUtc.UtcDateTime,
            FinishedAt = (context.FireTimeUtc + context.JobRunTime).UtcDateTime,
            Succeeded = jobException is null && problem is null,
            Manual = context.MergedJobDataMap.ContainsKey(ManualFlag),
            Figures = figures,
            Problem = Cap(failure ?? problem),
        };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobRunLog>().RecordAsync(run, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The log is for the Admin's eyes; a full disk must not turn a run that did its work into a failure.
            logger.LogWarning(e, "Could not record the run of {Job}", run.Job);
        }
    }

    private static string Join(params int[] numbers) => string.Join(",", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static string? Cap(string? text) => text is { Length: > 1000 } ? text[..1000] : text;
}
