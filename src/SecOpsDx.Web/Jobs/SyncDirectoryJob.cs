using Microsoft.Extensions.Options;
using Quartz;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization.Ldap;

namespace SecOpsDx.Web.Jobs;

/// <summary>
/// The nightly directory check (what sync-directory does): staff whose directory account is gone, disabled or expired wait
/// on the directory check page for an Admin. Does nothing when directory sign-in is off.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SyncDirectoryJob(DirectoryCheck check, IOptions<DirectorySettings> settings, ActorOverride actor, ILogger<SyncDirectoryJob> log) : IJob
{
    public static readonly JobKey Key = new("sync-directory", "secopsdx");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!settings.Value.Enabled) return;
        actor.Actor = new AuditActor(null, "job:sync-directory");
        var result = await check.SyncAsync(cancellationToken);
        context.Result = result;
        if (result is null)
            log.LogWarning("sync-directory: the directory {Host} cannot be used ({Problem}); nothing was changed", settings.Value.Host, check.LastProblem);
        else if (result.NewFindings > 0)
            log.LogWarning("sync-directory: {New} staff whose directory account is gone, disabled or expired wait for an Admin ({Open} open)", result.NewFindings, result.OpenFindings);
    }
}
