using Quartz;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Mail;

namespace SecOpsDx.Web.Jobs;

/// <summary>Evaluates the reminder rules and sends what is urgent at once. Never runs twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class RemindersJob(ReminderMailer mailer, MailDelivery delivery, ActorOverride actor, ILogger<RemindersJob> log) : IJob
{
    public static readonly JobKey Key = new("reminders", "secopsdx");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        actor.Actor = new AuditActor(null, "job:reminders");
        var run = await mailer.RunAsync(cancellationToken);
        context.Result = run;
        if (run.Queued > 0)
        {
            log.LogInformation("reminders: {Queued} new messages queued from {Notices} notices", run.Queued, run.Notices);
            await delivery.DeliverAsync(everything: false, cancellationToken);
        }
    }
}
