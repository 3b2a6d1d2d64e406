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
/// and key in the same transaction, and entries are numbered in the order they commit.
/// <list type="bullet">
/// <item>Courses and their questions, named staff, the roster, its moves, departments and role memberships can change any
/// 年度's figures: the newest entry about any of them is part of the version.</item>
/// <item>Records, their withdrawals, exemptions and named staff belong to one course. In the last weeks of a 年度
/// thousands of people confirm this 年度's courses, which cannot move an ended 年度's figures; so an entry about one of
/// them counts only when its course is not known to be of this 年度 or later (an entry whose record has since gone
/// counts too). Each entry is looked at once: only those newer than the last look are read.</item>
/// </list>
/// Sign-ins, incidents, policies and controls, which change all day, leave the version alone. It is read before the
/// counts, so a change committed in between makes the kept figures look older than they are, never newer: the next
/// view counts again.
/// </remarks>
public sealed class EndedYearFigures
{
    private readonly ConcurrentDictionary<int, (long Version, TrainingOverview Overview)> _years = new();
    // One look at the per-course entries at a time, so that what has been looked at and what was found move together.
    private readonly SemaphoreSlim _look = new(1, 1);
    private (int CurrentYear, long LookedUpTo, long Found) _perCourse;

    /// <summary>The audit trail's names of the records whose change can move any 年度's figures.</summary>
    internal static readonly IReadOnlyList<string> Anywhere =
    [
        nameof(TrainingCourse), nameof(TrainingQuestion), nameof(StaffMember), nameof(StaffDepartmentMove), nameof(Department),
        typeof(IdentityUserRole<string>).Name, nameof(IdentityRole),
    ];

    /// <summary>
    /// The records that belong to one course, each with the SQL that finds its course's 年度 from the entry's key
    /// (a bare number: the record's id).
    /// </summary>
    private static readonly (string Type, string YearOfKey)[] PerCourse =
    [
        (nameof(TrainingRecord),
            "SELECT c.FiscalYear FROM TrainingRecords r JOIN TrainingCourses c ON c.Id = r.CourseId WHERE r.Id = CAST(a.EntityKey AS INTEGER)"),
        (nameof(TrainingRecordWithdrawal),
            "SELECT c.FiscalYear FROM TrainingRecordWithdrawals w JOIN TrainingRecords r ON r.Id = w.RecordId JOIN TrainingCourses c ON c.Id = r.CourseId WHERE w.Id = CAST(a.EntityKey AS INTEGER)"),
        (nameof(TrainingExemption),
            "SELECT c.FiscalYear FROM TrainingExemptions x JOIN TrainingCourses c ON c.Id = x.CourseId WHERE x.Id = CAST(a.EntityKey AS INTEGER)"),
        (nameof(TrainingAssignee),
            "SELECT c.FiscalYear FROM TrainingAssignees x JOIN TrainingCourses c ON c.Id = x.CourseId WHERE x.Id = CAST(a.EntityKey AS INTEGER)"),
    ];

    // One MAX per type, each answered by a single seek into the (EntityType, Sequence) index; a MAX over an IN list would
    // walk every entry of those types instead.
    private static readonly string AnywhereSql = "SELECT MAX(m) AS Value FROM (" + string.Join(" UNION ALL ",
        Anywhere.Select((_, i) => $"SELECT MAX(Sequence) AS m FROM AuditEntries WHERE EntityType = {{{i}}}")) + ")";

    // The newest per-course entry.
    private static readonly string NewestPerCourseSql = "SELECT MAX(m) AS Value FROM (" + string.Join(" UNION ALL ",
        PerCourse.Select((_, i) => $"SELECT MAX(Sequence) AS m FROM AuditEntries WHERE EntityType = {{{i}}}")) + ")";

    // The newest per-course entry in ({0}, {1}] whose course is not of 年度 {2} or later.
    private static readonly string FoundSql = "SELECT MAX(m) AS Value FROM (" + string.Join(" UNION ALL ", PerCourse.Select((p, i) =>
        $"SELECT MAX(a.Sequence) AS m FROM AuditEntries a WHERE a.EntityType = {{{i + 3}}} AND a.Sequence > {{0}} AND a.Sequence <= {{1}} " +
        $"AND COALESCE(({p.YearOfKey}), -1) < {{2}}")) + ")";

    /// <summary>
    /// The version of the ended 年度's figures (those before <paramref name="currentYear"/>): the newest audit entry about
    /// anything they are counted from.
    /// </summary>
    public async Task<long> VersionAsync(SecOpsDxDbContext db, int currentYear, CancellationToken ct)
    {
        var anywhere = await db.Database.SqlQuery<long?>(FormattableStringFactory.Create(AnywhereSql, [.. Anywhere])).SingleAsync(ct) ?? 0L;
        await _look.WaitAsync(ct);
        try
        {
            var newest = await db.Database.SqlQuery<long?>(FormattableStringFactory.Create(NewestPerCourseSql, [.. PerCourse.Select(p => p.Type)]))
                .SingleAsync(ct) ?? 0L;
            if (_perCourse.CurrentYear != currentYear || _perCourse.LookedUpTo == 0)
            {
                // The first look (and the first in a new 年度, which has just ended the last one) takes every entry so far
                // as a change: nothing is kept yet that it could spare, and the look at each of them is left out.
                _perCourse = (currentYear, newest, newest);
            }
            else if (newest > _perCourse.LookedUpTo)
            {
                object[] args = [_perCourse.LookedUpTo, newest, currentYear, .. PerCourse.Select(p => p.Type)];
                var found = await db.Database.SqlQuery<long?>(FormattableStringFactory.Create(FoundSql, args)).SingleAsync(ct) ?? 0L;
                _perCourse = (currentYear, newest, Math.Max(_perCourse.Found, found));
            }
            return Math.Max(anywhere, _perCourse.Found);
        }
        finally
        {
            _look.Release();
        }
    }

    public TrainingOverview? Find(int fiscalYear, long version) =>
        _years.TryGetValue(fiscalYear, out var kept) && kept.Version == version ? kept.Overview : null;

    public void Keep(int fiscalYear, long version, TrainingOverview overview) => _years[fiscalYear] = (version, overview);

    /// <summary>Drops every kept figure, as a change would (the benchmark times the first view after a change with it).</summary>
    public void Forget() => _years.Clear();
}
