/// <summary>
/// The compliance summary's headline figures written by hand as single SQLite queries, for the benchmark's ratio:
/// the same rules as the app (in post on the day, the department of the day through the moves, a 部 taking its 課,
/// audience columns as stored, named staff, exemptions, first passed record on or before the day).
/// </summary>
internal static class HandSql
{
    private const string Assignments = """
        WITH mv AS (
            SELECT StaffMemberId, FromDepartmentId FROM (
                SELECT StaffMemberId, FromDepartmentId, ROW_NUMBER() OVER (PARTITION BY StaffMemberId ORDER BY EffectiveOn, Id) AS n
                FROM StaffDepartmentMoves WHERE EffectiveOn > $day) WHERE n = 1),
        q AS (
            SELECT s.Id, s.HiredOn, s.Category, s.UserId, COALESCE(mv.FromDepartmentId, s.DepartmentId) AS Dept, d.ParentId AS Parent
            FROM StaffMembers s LEFT JOIN mv ON mv.StaffMemberId = s.Id LEFT JOIN Departments d ON d.Id = COALESCE(mv.FromDepartmentId, s.DepartmentId)
            WHERE (s.HiredOn IS NULL OR s.HiredOn <= $day) AND (s.RetiredOn IS NULL OR s.RetiredOn >= $day)),
        a AS (
            SELECT c.Id AS CourseId, q.Id AS StaffId, q.Dept,
                EXISTS (SELECT 1 FROM TrainingRecords r WHERE r.CourseId = c.Id AND r.StaffMemberId = q.Id AND r.Passed AND r.CompletedOn <= $day
                    AND NOT EXISTS (SELECT 1 FROM TrainingRecordWithdrawals w WHERE w.RecordId = r.Id)) AS Done,
                EXISTS (SELECT 1 FROM TrainingExemptions e WHERE e.CourseId = c.Id AND e.StaffMemberId = q.Id AND NOT e.Withdrawn) AS Exempt
            FROM TrainingCourses c JOIN q
            WHERE c.FiscalYear = $year AND c.OpensOn <= $day AND c.RetiredAt IS NULL AND (
                EXISTS (SELECT 1 FROM TrainingAssignees t WHERE t.CourseId = c.Id AND t.StaffMemberId = q.Id)
                OR (NOT c.NamedStaffOnly
                    AND (c.AudienceCategories = 0 OR (c.AudienceCategories & q.Category) <> 0)
                    AND (c.AudienceHiredOnOrAfter IS NULL OR q.HiredOn >= c.AudienceHiredOnOrAfter)
                    AND ((COALESCE(c.AudienceDepartmentIds, '') = '' AND COALESCE(c.AudienceRoles, '') = '')
                        OR instr(',' || c.AudienceDepartmentIds || ',', ',' || q.Dept || ',') > 0
                        OR instr(',' || c.AudienceDepartmentIds || ',', ',' || q.Parent || ',') > 0
                        OR EXISTS (SELECT 1 FROM AspNetUserRoles ur JOIN AspNetRoles ro ON ro.Id = ur.RoleId
                                   WHERE ur.UserId = q.UserId AND instr(',' || c.AudienceRoles || ',', ',' || ro.Name || ',') > 0)))))
        """;

    /// <summary>Completed and assigned (exempt people without a completion are in neither) over this 年度's courses.</summary>
    public const string TrainingOverall = Assignments + """
        SELECT COALESCE(SUM(Done), 0), COALESCE(SUM(Done OR NOT Exempt), 0) FROM a
        """;

    public const string TrainingByDepartment = Assignments + """
        SELECT Dept, SUM(Done), SUM(Done OR NOT Exempt) FROM a GROUP BY Dept HAVING SUM(Done OR NOT Exempt) > 0
        """;

    /// <summary>
    /// Acknowledged and applicable over every document in force: its latest approved revision in effect, counted from
    /// the last material revision up to it; applicable to everyone in post, or to those of the departments (a 部 with its
    /// 課) and roles its audience names.
    /// </summary>
    public const string PolicyAcknowledgments = """
        WITH f AS (
            SELECT d.Id, ' ' || COALESCE(d.Audience, 'all') || ' ' AS Aud,
                (SELECT r.Number FROM PolicyRevisions r WHERE r.DocumentId = d.Id AND r.Stage = 'Approved' AND r.EffectiveOn <= $today
                 ORDER BY r.EffectiveOn DESC, r.Number DESC LIMIT 1) AS Cur
            FROM PolicyDocuments d WHERE d.AbolishedOn IS NULL OR d.AbolishedOn > $today),
        g AS (
            SELECT f.Id, f.Aud, f.Cur, COALESCE(
                (SELECT MAX(r.Number) FROM PolicyRevisions r WHERE r.DocumentId = f.Id AND r.Stage = 'Approved' AND r.Number <= f.Cur AND r.Change = 'Material'),
                (SELECT MIN(r.Number) FROM PolicyRevisions r WHERE r.DocumentId = f.Id AND r.Stage = 'Approved' AND r.Number <= f.Cur)) AS Frm
            FROM f WHERE f.Cur IS NOT NULL),
        p AS (
            SELECT s.Id, s.UserId, d.Code, pd.Code AS ParentCode FROM StaffMembers s JOIN Departments d ON d.Id = s.DepartmentId
            LEFT JOIN Departments pd ON pd.Id = d.ParentId
            WHERE (s.HiredOn IS NULL OR s.HiredOn <= $today) AND (s.RetiredOn IS NULL OR s.RetiredOn >= $today)),
        x AS (
            SELECT g.Id, g.Cur, g.Frm, p.Id AS StaffId FROM g JOIN p
            WHERE trim(g.Aud) = 'all' OR trim(g.Aud) = ''
               OR instr(g.Aud, ' dept:' || p.Code || ' ') > 0 OR instr(g.Aud, ' dept:' || p.ParentCode || ' ') > 0
               OR EXISTS (SELECT 1 FROM AspNetUserRoles ur JOIN AspNetRoles ro ON ro.Id = ur.RoleId
                          WHERE ur.UserId = p.UserId AND instr(g.Aud, ' role:' || ro.Name || ' ') > 0))
        SELECT COALESCE(SUM(EXISTS (SELECT 1 FROM PolicyAcknowledgments k WHERE k.StaffId = x.StaffId AND k.DocumentId = x.Id
                                    AND k.RevisionNumber BETWEEN x.Frm AND x.Cur)), 0), COUNT(*) FROM x
        """;

    public const string IncidentsOpenBySeverity = "SELECT Severity, COUNT(*) FROM Incidents WHERE Status <> 'Closed' GROUP BY Severity";

    /// <summary>
    /// Tickets received in the 年度 per month (in Japan time) and category, duplicates left out: the table the
    /// dashboard's incident area and the statistics page show. Times are stored as UTC ticks.
    /// </summary>
    public const string IncidentsByMonthAndCategory = """
        SELECT strftime('%Y-%m', (ReceivedAt - 621355968000000000) / 10000000, 'unixepoch', '+9 hours') AS Month, Category, COUNT(*)
        FROM Incidents
        WHERE ReceivedAt >= $from AND ReceivedAt < $to AND Category IS NOT NULL AND (Closure IS NULL OR Closure <> 'Duplicate')
        GROUP BY Month, Category
        """;

    public const string IncidentsOpenByState = "SELECT Status, COUNT(*) FROM Incidents WHERE Status <> 'Closed' GROUP BY Status";

    /// <summary>Pending reports to the PPC (preliminary and final) already past due, and due within the warning window.</summary>
    public const string PpcMissedAndSoon = """
        SELECT COALESCE(SUM(r.DueAt < $now), 0), COALESCE(SUM(r.DueAt >= $now AND r.DueAt <= $soon), 0)
        FROM IncidentReports r JOIN Incidents i ON i.Id = r.IncidentId
        WHERE r.State = 'Pending' AND r.DueAt IS NOT NULL AND r.Channel IN ('ppc-preliminary', 'ppc-final')
        """;

    /// <summary>Tickets received, and tickets closed, per month of the 年度 in Japan time.</summary>
    public const string IncidentsReceivedAndClosedByMonth = """
        SELECT m, SUM(k = 'r'), SUM(k = 'c') FROM (
            SELECT strftime('%Y-%m', (ReceivedAt - 621355968000000000) / 10000000, 'unixepoch', '+9 hours') AS m, 'r' AS k
            FROM Incidents WHERE ReceivedAt >= $from AND ReceivedAt < $to
            UNION ALL
            SELECT strftime('%Y-%m', (ClosedAt - 621355968000000000) / 10000000, 'unixepoch', '+9 hours'), 'c'
            FROM Incidents WHERE ReceivedAt >= $from AND ReceivedAt < $to AND ClosedAt >= $from AND ClosedAt < $to)
        GROUP BY m
        """;

    /// <summary>The median hours from receipt to triage of the 年度's tickets (duplicates left out).</summary>
    public const string MedianHoursToTriage = """
        WITH d AS (SELECT (TriagedAt - ReceivedAt) / 36000000000.0 AS h FROM Incidents
                   WHERE ReceivedAt >= $from AND ReceivedAt < $to AND TriagedAt IS NOT NULL AND (Closure IS NULL OR Closure <> 'Duplicate')),
             o AS (SELECT h, ROW_NUMBER() OVER (ORDER BY h) AS n, COUNT(*) OVER () AS c FROM d)
        SELECT AVG(h) FROM o WHERE n IN ((c + 1) / 2, (c + 2) / 2)
        """;

    /// <summary>The median hours from receipt to closure of the 年度's tickets (duplicates left out).</summary>
    public const string MedianHoursToClose = """
        WITH d AS (SELECT (ClosedAt - ReceivedAt) / 36000000000.0 AS h FROM Incidents
                   WHERE ReceivedAt >= $from AND ReceivedAt < $to AND ClosedAt IS NOT NULL AND (Closure IS NULL OR Closure <> 'Duplicate')),
             o AS (SELECT h, ROW_NUMBER() OVER (ORDER BY h) AS n, COUNT(*) OVER () AS c FROM d)
        SELECT AVG(h) FROM o WHERE n IN ((c + 1) / 2, (c + 2) / 2)
        """;
}
