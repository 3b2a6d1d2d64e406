using Quartz;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Mail;

namespace SecOpsDx.Web.Jobs;

/// <summary>Delivers the outbox (messages whose retry wait is over). Never runs twice at once.</summary>
[DisallowConcurrentExecution]
public sealed class SendMailJob(MailDelivery delivery, ActorOverride actor, ILogger<SendMailJob> log) : IJob
{
    public static readonly JobKey Key = new("send-mail", "secopsdx");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        actor.Actor = new AuditActor(null, "job:send-mail");
        var result = await delivery.DeliverAsync(everything: false, cancellationToken);
        context.Result = result;
        if (result.Sent > 0 || result.ServerProblem is not null)
            log.LogInformation("send-mail: {Sent} sent, {Refused} refused, {GaveUp} given up, {Queued} still queued{Problem}",
                result.Sent, result.Refused, result.GaveUp, result.StillQueued, result.ServerProblem is null ? "" : "; " + result.ServerProblem);
    }
}
