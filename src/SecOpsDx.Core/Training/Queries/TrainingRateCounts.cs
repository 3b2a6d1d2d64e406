using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>
/// The rates of a 年度's courses per department, counted by SQLite rather than by reading every person and record:
/// one statement per day that applies the same rules as <see cref="TrainingAudience"/> and <see cref="CourseFacts.StatusOf"/>
/// (in post that day, the department of that day through the move history, a 部 taking its 課, roles, employment
/// category, first hiring day, named staff, a due date N days after hiring, the first passed record on or before the day,
/// exemptions in force) and returns one row per course, department and status.
/// </summary>
internal static class TrainingRateCounts
{
    private const int CompletedCode = 2, ExemptCode = 3, OverdueCode = 1, PendingCode = 0;

    /// <summary>Course id → department of the day → rate, for the courses opened on or before the day.</summary>
    public static async Task<Dictionary<int, Dictionary<int, TrainingRate>>> CountAsync(
        SecOpsDxDbContext db, IReadOnlyList<TrainingCourse> courses, DateOnly day, CancellationToken ct)
    {
        var result = new Dictionary<int, Dictionary<int, TrainingRate>>();
        var open = courses.Where(c => c.OpensOn <= day).ToList();
        if (open.Count == 0) return result;

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Statement(open, day, command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var courseId = reader.GetInt32(0);
                var department = reader.GetInt32(1);
                var count = reader.GetInt32(3);
                var one = reader.GetInt32(2) switch
                {
                    CompletedCode => new TrainingRate(count, count, 0, 0),
                    ExemptCode => new TrainingRate(0, 0, count, 0),
                    OverdueCode => new TrainingRate(count, 0, 0, count),
                    _ => new TrainingRate(count, 0, 0, 0),
                };
                if (!result.TryGetValue(courseId, out var perDepartment)) result[courseId] = perDepartment = [];
                perDepartment[department] = perDepartment.GetValueOrDefault(department, TrainingRate.Zero).Plus(one);
            }
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Statement(IReadOnlyList<TrainingCourse> courses, DateOnly day, DbCommand command)
    {
        Add(command, "$day", Date(day));
        var sql = new StringBuilder();
        // The people in post on the day, each in the department they belonged to that day (the one left by the first
        // move after it, else the current one), with that department's parent.
        sql.Append("""
            WITH mv AS (
                SELECT StaffMemberId, FromDepartmentId FROM (
                    SELECT StaffMemberId, FromDepartmentId, ROW_NUMBER() OVER (PARTITION BY StaffMemberId ORDER BY EffectiveOn, Id) AS n
                    FROM StaffDepartmentMoves WHERE EffectiveOn > $day)
                WHERE n = 1),
            p AS MATERIALIZED (
                SELECT s.Id, s.HiredOn, s.Category, s.UserId, COALESCE(mv.FromDepartmentId, s.DepartmentId) AS Dept
                FROM StaffMembers s LEFT JOIN mv ON mv.StaffMemberId = s.Id
                WHERE (s.HiredOn IS NULL OR s.HiredOn <= $day) AND (s.RetiredOn IS NULL OR s.RetiredOn >= $day)),
            q AS MATERIALIZED (
                SELECT p.Id, p.HiredOn, p.Category, p.UserId, p.Dept, d.ParentId AS Parent
                FROM p LEFT JOIN Departments d ON d.Id = p.Dept)
            SELECT c, Dept, s, COUNT(*) FROM (
            """);
        for (var i = 0; i < courses.Count; i++)
        {
            var c = courses[i];
            var audience = CourseAudience.Of(c, []);
            var id = Int(c.Id);
            if (i > 0) sql.Append("\nUNION ALL\n");
            var due = c.DueDaysAfterHire is { } days
                ? $"CASE WHEN HiredOn IS NOT NULL AND HiredOn >= '{Date(audience.Year.FirstDay)}' AND HiredOn <= '{Date(audience.Year.LastDay)}' " +
                  $"THEN date(HiredOn, '{days.ToString("+0;-0", CultureInfo.InvariantCulture)} days') ELSE '{Date(c.DueOn)}' END"
                : $"'{Date(c.DueOn)}'";
            sql.Append($"""
                SELECT {id} AS c, Dept, CASE
                    WHEN Id IN (SELECT StaffMemberId FROM TrainingRecords WHERE CourseId = {id} AND Passed AND CompletedOn <= $day
                        AND Id NOT IN (SELECT RecordId FROM TrainingRecordWithdrawals)) THEN {CompletedCode}
                    WHEN Id IN (SELECT StaffMemberId FROM TrainingExemptions WHERE CourseId = {id} AND NOT Withdrawn) THEN {ExemptCode}
                    WHEN {due} < $day THEN {OverdueCode} ELSE {PendingCode} END AS s
                FROM q WHERE Id IN (SELECT StaffMemberId FROM TrainingAssignees WHERE CourseId = {id})
                """);
            if (!c.NamedStaffOnly)
            {
                var matched = new List<string>();
                if (audience.Categories != 0) matched.Add($"(Category & {Int((long)audience.Categories)}) <> 0");
                if (audience.HiredOnOrAfter is { } from) matched.Add($"(HiredOn IS NOT NULL AND HiredOn >= '{Date(from)}')");
                if (audience.DepartmentIds.Count > 0 || audience.Roles.Count > 0)
                {
                    var any = new List<string>();
                    if (audience.DepartmentIds.Count > 0)
                    {
                        var ids = string.Join(",", audience.DepartmentIds.Order().Select(x => Int(x)));
                        any.Add($"Dept IN ({ids})");
                        any.Add($"Parent IN ({ids})");
                    }
                    if (audience.Roles.Count > 0)
                    {
                        var names = new List<string>();
                        foreach (var role in audience.Roles.Order(StringComparer.Ordinal))
                        {
                            var name = $"$r{Int(i)}_{Int(names.Count)}";
                            Add(command, name, role);
                            names.Add(name);
                        }
                        any.Add("UserId IN (SELECT ur.UserId FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId " +
                                $"WHERE r.Name IN ({string.Join(",", names)}))");
                    }
                    matched.Add("(" + string.Join(" OR ", any) + ")");
                }
                sql.Append(" OR (").Append(matched.Count == 0 ? "1" : string.Join(" AND ", matched)).Append(')');
            }
        }
        sql.Append("\n) GROUP BY c, Dept, s");
        return sql.ToString();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
