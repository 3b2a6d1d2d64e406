using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>
/// The counted overview of each 年度 that has ended (as of its last day), kept between requests while nothing in the
/// database has changed since it was counted. The trend on the CISO's dashboard covers every 年度; recounting the ended
/// ones on each view was most of its time at 50,000 staff, though their figures move only when someone records a late
/// sheet, withdraws one, edits the roster and the like.
/// </summary>
/// <remarks>
/// "Nothing changed" is judged by the audit trail: every change to a record appends an entry naming the record's type
/// in the same transaction, so the newest entry about the types the rates are counted from (courses and their
/// questions, records, withdrawals, exemptions, named staff, the roster, its moves, departments, role memberships) is a
/// version of those figures. Sign-ins, incidents, policies and controls, which change all day, leave it alone. It is read
/// before the counts, so a change committed in between makes the kept figures look older than they are, never newer:
/// the next view counts again.
/// </remarks>
public sealed class EndedYearFigures
{
    private readonly ConcurrentDictionary<int, (long Version, TrainingOverview Overview)> _years = new();

    /// <summary>The audit trail's names of the records the rates are counted from.</summary>
    internal static readonly IReadOnlyList<string> CountedFrom =
    [
        nameof(TrainingCourse), nameof(TrainingQuestion), nameof(TrainingRecord), nameof(TrainingRecordWithdrawal), nameof(TrainingExemption),
        nameof(TrainingAssignee), nameof(StaffMember), nameof(StaffDepartmentMove), nameof(Department), typeof(IdentityUserRole<string>).Name,
        nameof(IdentityRole),
    ];

    // One MAX per type, each answered by a single seek into the (EntityType, Sequence) index; a MAX over an IN list would
    // walk every entry of those types instead.
    private static readonly string VersionSql = "SELECT MAX(m) AS Value FROM (" + string.Join(" UNION ALL ",
        CountedFrom.Select((_, i) => $"SELECT MAX(Sequence) AS m FROM AuditEntries WHERE EntityType = {{{i}}}")) + ")";

    /// <summary>The version of the figures: the newest audit entry about any record they are counted from.</summary>
    public static async Task<long> VersionAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        await db.Database.SqlQuery<long?>(FormattableStringFactory.Create(VersionSql, [.. CountedFrom])).SingleAsync(ct) ?? 0L;

    public TrainingOverview? Find(int fiscalYear, long version) =>
        _years.TryGetValue(fiscalYear, out var kept) && kept.Version == version ? kept.Overview : null;

    public void Keep(int fiscalYear, long version, TrainingOverview overview) => _years[fiscalYear] = (version, overview);

    /// <summary>Drops every kept figure, as a change would (the benchmark times the first view after a change with it).</summary>
    public void Forget() => _years.Clear();
}
