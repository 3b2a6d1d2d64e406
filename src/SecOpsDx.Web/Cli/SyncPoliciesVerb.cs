using SecOpsDx.Core;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Features.PolicyRegister;

namespace SecOpsDx.Web.Cli;

/// <summary>
/// `sync-policies [DIR]`: imports the Markdown policy files into the register. Each file is reported on its own
/// line; a refused file is named with its reason while the others import. Exit 0 when every file imported (or was
/// unchanged), 1 when one was refused.
/// </summary>
public static class SyncPoliciesVerb
{
    public static async Task<int> RunAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var directory = args.OptionalArgument("DIR") ?? PolicyFolder.Of(sp);
        PolicySyncReport report;
        try
        {
            report = await sp.GetRequiredService<SyncPolicies>().ExecuteAsync(directory, ct);
        }
        catch (DomainException e)
        {
            throw new VerbException(UserMessages.Describe(e));
        }
        foreach (var f in report.Files)
        {
            var line = f.Outcome switch
            {
                PolicySyncOutcome.Added => $"  新規 / added     {f.FileName}: {f.Slug} 第{f.Number}版 ({Stage(f)})",
                PolicySyncOutcome.Revised => $"  改定 / revised   {f.FileName}: {f.Slug} 第{f.Number}版 ({Stage(f)})",
                PolicySyncOutcome.Updated => $"  更新 / updated   {f.FileName}: {f.Slug}",
                PolicySyncOutcome.Unchanged => $"  変更なし / same  {f.FileName}",
                _ => $"  拒否 / refused   {f.FileName}: {UserMessages.Describe(f.Problem!)}",
            };
            (f.Outcome == PolicySyncOutcome.Refused ? console.Error : console.Out).WriteLine(line);
        }
        console.Out.WriteLine(
            $"新規 {report.Count(PolicySyncOutcome.Added)}・改定 {report.Count(PolicySyncOutcome.Revised)}・更新 {report.Count(PolicySyncOutcome.Updated)}・変更なし {report.Count(PolicySyncOutcome.Unchanged)}・拒否 {report.Count(PolicySyncOutcome.Refused)}" +
            $" / added {report.Count(PolicySyncOutcome.Added)}, revised {report.Count(PolicySyncOutcome.Revised)}, updated {report.Count(PolicySyncOutcome.Updated)}, unchanged {report.Count(PolicySyncOutcome.Unchanged)}, refused {report.Count(PolicySyncOutcome.Refused)}");
        return report.AnyRefused ? ExitCodes.Failed : ExitCodes.Done;
    }

    private static string Stage(PolicySyncFile f) => f.Stage == SecOpsDx.Core.Policies.PolicyRevisionStage.Approved ? "承認済 / approved" : "下書き / draft";
}
