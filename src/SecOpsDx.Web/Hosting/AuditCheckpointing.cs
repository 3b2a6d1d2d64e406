using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Web.Hosting;

/// <summary>
/// Keeps the signed audit checkpoint (see <see cref="AuditCheckpoint"/>) at the head of the trail: at start and then
/// every <see cref="AuditSettings.CheckpointInterval"/> while entries arrive. The checkpoint only moves forward over a
/// trail that still reaches it; when the newest entries it recorded are gone (or it cannot be trusted) it stays as
/// evidence and the problem is logged as critical, once per problem, until audit-verify is run.
/// </summary>
public sealed class AuditCheckpointing(IServiceScopeFactory scopes, IOptions<SecOpsDxOptions> options, TimeProvider time, ILogger<AuditCheckpointing> log)
    : BackgroundService
{
    public enum Outcome { Written, Unchanged, Refused }

    private string? _lastProblem;

    public AuditCheckpoint Checkpoint { get; } = Of(options.Value);

    public static AuditCheckpoint Of(SecOpsDxOptions options)
    {
        var data = options.ResolveDataDirectory();
        return new AuditCheckpoint(Path.Combine(data, "audit-checkpoint.txt"), Path.Combine(data, "keys", "audit-checkpoint.key"));
    }

    /// <summary>Moves the checkpoint to the current head when the trail still reaches the last one.</summary>
    public async Task<Outcome> AdvanceAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        string? problem;
        AuditCheckpoint.Saved? saved = null;
        try
        {
            saved = Checkpoint.Read();
            problem = saved is null ? null : await saved.Head.FindMismatchAsync(db, ct);
            if (problem is not null) problem = $"the trail does not reach the checkpoint of {saved!.At:O} ({saved.Head}): {problem}";
        }
        catch (InvalidDataException e)
        {
            problem = $"the checkpoint is not trusted: {e.Message}";
        }
        if (problem is not null)
        {
            if (problem != _lastProblem) log.LogCritical("Audit trail: {Problem}. The checkpoint is kept as evidence; run audit-verify.", problem);
            _lastProblem = problem;
            return Outcome.Refused;
        }
        _lastProblem = null;
        var head = await AuditHead.OfAsync(db, ct);
        if (saved?.Head == head) return Outcome.Unchanged;
        Checkpoint.Write(head, time.GetUtcNow());
        return Outcome.Written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Audit.CheckpointInterval;
        if (interval <= TimeSpan.Zero) return;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await AdvanceAsync(scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; a locked database or a full disk must not stop the checkpoints for good.
                    log.LogError(e, "Audit checkpoint could not be written; retrying at the next interval");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
