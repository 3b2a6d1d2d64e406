using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>
/// The rates of a 年度's courses per department, counted by SQLite rather than by reading every person and record:
/// one pass over the people in post that day that applies the same rules as <see cref="TrainingAudience"/> and
/// <see cref="CourseFacts.StatusOf"/> (in post that day, the department of that day through the move history, a 部
/// taking its 課, roles, employment category, first hiring day, named staff, a due date N days after hiring, the first
/// passed record on or before the day, exemptions in force).
/// </summary>
/// <remarks>
/// Each person comes back as one row: their department of the day and one number that packs their status in every
/// course (base 5, a digit per course: 0 not assigned, then pending, overdue, completed, exempt). Counting those rows
/// here costs less than one sorted GROUP BY per course in SQLite, which was most of the time at 50,000 staff.
/// </remarks>
internal static class TrainingRateCounts
{
    // One digit per course, so a statement covers at most this many courses (5^27 still fits in a 64-bit integer).
    private const int CoursesPerStatement = 27;
    private const int NotAssigned = 0, PendingDigit = 1, OverdueDigit = 2, CompletedDigit = 3, ExemptDigit = 4;

    /// <summary>Course id → department of the day → rate, for the courses opened on or before the day.</summary>
    public static async Task<Dictionary<int, Dictionary<int, TrainingRate>>> CountAsync(
        SecOpsDxDbContext db, IReadOnlyList<TrainingCourse> courses, TrainingDay day, CancellationToken ct)
    {
        var result = new Dictionary<int, Dictionary<int, TrainingRate>>();
        var open = courses.Where(c => c.OpensOn <= day.AsOf).ToList();
        if (open.Count == 0) return result;

        // EF counts opens and closes, so a connection the caller holds open stays open.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var chunk in open.Chunk(CoursesPerStatement))
                await CountChunkAsync(db.Database.GetDbConnection(), chunk, day, result, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    private static async Task CountChunkAsync(DbConnection connection, IReadOnlyList<TrainingCourse> courses, TrainingDay day,
        Dictionary<int, Dictionary<int, TrainingRate>> result, CancellationToken ct)
    {
        // (department, packed statuses) → people; a 年度's few courses give few distinct combinations per department.
        var people = new Dictionary<(int Department, long Code), int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Statement(courses, day, command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var code = reader.GetInt64(1);
                if (code == 0) continue;
                var key = (reader.GetInt32(0), code);
                people[key] = people.GetValueOrDefault(key) + 1;
            }
        }
        foreach (var ((department, code), count) in people)
        {
            var rest = code;
            for (var i = 0; i < courses.Count; i++, rest /= 5)
            {
                var one = (rest % 5) switch
                {
                    CompletedDigit => new TrainingRate(count, count, 0, 0),
                    ExemptDigit => new TrainingRate(0, 0, count, 0),
                    OverdueDigit => new TrainingRate(count, 0, 0, count),
                    PendingDigit => new TrainingRate(count, 0, 0, 0),
                    _ => null,
                };
                if (one is null) continue;
                var courseId = courses[i].Id;
                if (!result.TryGetValue(courseId, out var perDepartment)) result[courseId] = perDepartment = [];
                perDepartment[department] = perDepartment.GetValueOrDefault(department, TrainingRate.Zero).Plus(one);
            }
        }
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(long i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Statement(IReadOnlyList<TrainingCourse> courses, TrainingDay day, DbCommand command)
    {
        Add(command, "$day", Date(day.AsOf));
        // TrainingDay.IsOverdue in SQL: due < the judging day (the due date itself is still in time).
        Add(command, "$judged", Date(day.JudgedOn));
        var sql = new StringBuilder();
        // The people in post on the day, each in the department they belonged to that day (the one left by the first
        // move after it, else the current one), with that department's parent.
        sql.Append("""
            WITH mv AS (
                SELECT StaffMemberId, FromDepartmentId FROM (
                    SELECT StaffMemberId, FromDepartmentId, ROW_NUMBER() OVER (PARTITION BY StaffMemberId ORDER BY EffectiveOn, Id) AS n
                    FROM StaffDepartmentMoves WHERE EffectiveOn > $day)
                WHERE n = 1),
            q AS MATERIALIZED (
                SELECT s.Id, s.HiredOn, s.Category, s.UserId, COALESCE(mv.FromDepartmentId, s.DepartmentId) AS Dept, d.ParentId AS Parent
                FROM StaffMembers s LEFT JOIN mv ON mv.StaffMemberId = s.Id
                LEFT JOIN Departments d ON d.Id = COALESCE(mv.FromDepartmentId, s.DepartmentId)
                WHERE (s.HiredOn IS NULL OR s.HiredOn <= $day) AND (s.RetiredOn IS NULL OR s.RetiredOn >= $day))
            SELECT Dept, 0
            """);
        long weight = 1;
        for (var i = 0; i < courses.Count; i++, weight *= 5)
        {
            var c = courses[i];
            var audience = CourseAudience.Of(c, []);
            var id = Int(c.Id);
            var due = c.DueDaysAfterHire is { } days
                ? $"CASE WHEN HiredOn IS NOT NULL AND HiredOn >= '{Date(audience.Year.FirstDay)}' AND HiredOn <= '{Date(audience.Year.LastDay)}' " +
                  $"THEN date(HiredOn, '{days.ToString("+0;-0", CultureInfo.InvariantCulture)} days') ELSE '{Date(c.DueOn)}' END"
                : $"'{Date(c.DueOn)}'";
            var member = new StringBuilder($"Id IN (SELECT StaffMemberId FROM TrainingAssignees WHERE CourseId = {id})");
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
                member.Append(" OR (").Append(matched.Count == 0 ? "1" : string.Join(" AND ", matched)).Append(')');
            }
            // "WHEN member" rather than "WHEN NOT member": a comparison with a missing value (no parent department, no
            // hiring day) is NULL, which must count as not matched.
            sql.Append($"""

                 + {Int(weight)} * CASE WHEN {member} THEN CASE
                    WHEN Id IN (SELECT StaffMemberId FROM TrainingRecords WHERE CourseId = {id} AND Passed AND CompletedOn <= $day
                        AND Id NOT IN (SELECT RecordId FROM TrainingRecordWithdrawals)) THEN {CompletedDigit}
                    WHEN Id IN (SELECT StaffMemberId FROM TrainingExemptions WHERE CourseId = {id} AND NOT Withdrawn) THEN {ExemptDigit}
                    WHEN {due} < $judged THEN {OverdueDigit} ELSE {PendingDigit} END ELSE {NotAssigned} END
                """);
        }
        sql.Append("\nFROM q");
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
