using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>
/// The counted overview of each 年度 that has ended (as of its last day), kept between requests while nothing in the
/// database has changed since it was counted. The trend on the CISO's dashboard covers every 年度; recounting the ended
/// ones on each view was most of its time at 50,000 staff, though their figures move only when someone records a late
/// sheet, withdraws one, edits the roster and the like.
/// </summary>
/// <remarks>
/// "Nothing changed" is judged by the audit trail: every change to any record appends an entry in the same
/// transaction, so the newest entry's sequence number is a version of the whole database. It is read before the
/// counts, so a change committed in between makes the kept figures look older than they are, never newer: the next
/// view counts again.
/// </remarks>
public sealed class EndedYearFigures
{
    private readonly ConcurrentDictionary<int, (long Version, TrainingOverview Overview)> _years = new();

    /// <summary>The database's version: the newest audit entry's sequence number (read off its unique index).</summary>
    public static async Task<long> VersionAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, ct) ?? 0L;

    public TrainingOverview? Find(int fiscalYear, long version) =>
        _years.TryGetValue(fiscalYear, out var kept) && kept.Version == version ? kept.Overview : null;

    public void Keep(int fiscalYear, long version, TrainingOverview overview) => _years[fiscalYear] = (version, overview);

    /// <summary>Drops every kept figure, as a change would (the benchmark times the first view after a change with it).</summary>
    public void Forget() => _years.Clear();
}
