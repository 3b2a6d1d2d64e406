using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Compliance;

/// <summary>
/// The CISO's summary of a 年度, put together from the reads each feature already offers (training, drills,
/// policies, controls, self-checks, incidents), with a status per area from <see cref="ComplianceSettings"/>.
/// A manager's summary counts only their department and the departments under it.
/// </summary>
public sealed class ComplianceQueries(
    IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time, IOptions<ComplianceSettings> settings,
    TrainingQueries training, DrillQueries drills, PolicyQueries policies, ControlQueries controls, SelfCheckQueries selfChecks,
    IncidentQueries incidents, IncidentTaxonomy taxonomy, OrganPublicationQueries organs)
{
    public DateOnly Today => JapanTime.Today(time);

    /// <summary>The day a 年度's training figures are judged on: its last day once it is over, today while it runs.</summary>
    public DateOnly DayFor(FiscalYear year) => year.LastDay < Today ? year.LastDay : Today;

    /// <summary>
    /// The summary of a 年度, for the whole organisation (<paramref name="departmentId"/> null) or for one department
    /// and those under it. Null when the department does not exist.
    /// </summary>
    public async Task<ComplianceSummary?> SummaryAsync(FiscalYear year, int? departmentId = null, CancellationToken ct = default)
    {
        var s = settings.Value;
        var day = DayFor(year);
        var departments = await DepartmentsAsync(ct);
        DepartmentScope? scope = null;
        if (departmentId is { } id)
        {
            if (!departments.ContainsKey(id)) return null;
            scope = DepartmentScope.Of(id, departments.Values.Select(d => (d.Id, d.ParentId)));
        }
        // Each area reads through its own context and on its own thread, so they run side by side: SQLite's reads
        // complete synchronously, so without Task.Run the "async" areas would simply run one after another.
        var staffTask = Task.Run(() => StaffCountAsync(day, scope, ct), ct);
        var trainingTask = Task.Run(() => TrainingAsync(s, year, scope, ct), ct);
        var policyTask = Task.Run(() => PoliciesAsync(s, scope, departments, ct), ct);
        var controlTask = Task.Run(() => ControlsAsync(s, year, scope, ct), ct);
        var incidentTask = scope is null ? Task.Run(() => IncidentsAsync(s, year, ct), ct) : Task.FromResult<IncidentArea?>(null);
        await Task.WhenAll(staffTask, trainingTask, policyTask, controlTask, incidentTask);
        return new ComplianceSummary(year, day, departmentId, departmentId is { } d ? departments[d].Name : null, staffTask.Result,
            trainingTask.Result, policyTask.Result, controlTask.Result, incidentTask.Result);
    }

    /// <summary>The 年度 the dashboard offers: those with training courses, and the current one, newest first.</summary>
    public Task<IReadOnlyList<FiscalYear>> YearsAsync(CancellationToken ct = default) => training.YearsAsync(ct);

    /// <summary>The department and every department under it (a 部 takes its 課); null when there is no such department.</summary>
    public async Task<DepartmentScope?> ScopeAsync(int departmentId, CancellationToken ct = default)
    {
        var departments = await DepartmentsAsync(ct);
        return departments.ContainsKey(departmentId) ? DepartmentScope.Of(departmentId, departments.Values.Select(d => (d.Id, d.ParentId))) : null;
    }

    public async Task<string?> DepartmentNameAsync(int departmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(ct);
    }

    private sealed record DepartmentInfo(int Id, int? ParentId, string Code, string Name);

    private async Task<Dictionary<int, DepartmentInfo>> DepartmentsAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().Select(d => new DepartmentInfo(d.Id, d.ParentId, d.Code, d.Name)).ToDictionaryAsync(d => d.Id, ct);
    }

    /// <summary>Staff in post on the day, each counted in the department they belonged to that day.</summary>
    private async Task<int> StaffCountAsync(DateOnly day, DepartmentScope? scope, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var inPost = db.Staff.AsNoTracking().Where(p => (p.HiredOn == null || p.HiredOn <= day) && (p.RetiredOn == null || p.RetiredOn >= day));
        if (scope is null) return await inPost.CountAsync(ct);
        var people = await inPost.Select(p => new { p.Id, p.DepartmentId }).ToListAsync(ct);
        var moves = (await db.StaffDepartmentMoves.AsNoTracking().Where(m => m.EffectiveOn > day).ToListAsync(ct)).ToLookup(m => m.StaffMemberId);
        return people.Count(p => scope.Contains(StaffMoves.DepartmentOn(p.DepartmentId, moves[p.Id], day)));
    }

    private async Task<TrainingArea> TrainingAsync(ComplianceSettings s, FiscalYear year, DepartmentScope? scope, CancellationToken ct)
    {
        // Every 年度 with courses, each counted in the database as of its day: this 年度's figures and the trend.
        var overviews = await training.OverviewsAsync(ct);
        var overview = overviews.FirstOrDefault(o => o.Year == year) ?? new TrainingOverview(year, DayFor(year), TrainingRate.Zero, [], []);
        IReadOnlyList<TrendPoint> trend = overviews
            .Select(o => new TrendPoint(o.Year, scope is null ? o.Overall : Sum(o.Departments.Where(d => scope.Contains(d.DepartmentId)))))
            .ToList();
        var byDepartment = scope is null ? overview.Departments : overview.Departments.Where(d => scope.Contains(d.DepartmentId)).ToList();
        var overall = scope is null ? overview.Overall : Sum(byDepartment);
        var drill = await LastDrillAsync(year, scope, ct);
        var reasons = ComplianceRules.Training(s, overall.Rate, drill?.ClickRate);
        return new TrainingArea(overall, byDepartment, trend, drill, ComplianceRules.StatusOf(reasons), reasons);
    }

    private static TrainingRate Sum(IEnumerable<DepartmentRateRow> rows) => rows.Aggregate(TrainingRate.Zero, (a, d) => a.Plus(d.Rate));

    /// <summary>The last drill held in the 年度, counted over the scope's departments when there is a scope.</summary>
    private async Task<DrillFigures?> LastDrillAsync(FiscalYear year, DepartmentScope? scope, CancellationToken ct)
    {
        var last = (await drills.DrillsAsync(ct)).FirstOrDefault(d => year.Contains(d.HeldOn));
        if (last is null) return null;
        var asText = (await drills.MeasuresAsync(ct)).MailArrivesAsText;
        if (scope is null)
            return new DrillFigures(last.Id, last.Name, last.HeldOn, last.Counts.Sent, last.Counts.Clicked, last.Counts.Reported, last.Counts.ReportedByHand, asText);
        var report = await drills.ReportAsync(last.Id, ct);
        var mine = (report?.Departments.Where(d => d.DepartmentId is { } id && scope.Contains(id)).Select(d => d.Counts) ?? [])
            .Aggregate(DrillCounts.Zero, (a, c) => a.Plus(c));
        return new DrillFigures(last.Id, last.Name, last.HeldOn, mine.Sent, mine.Clicked, mine.Reported, mine.ReportedByHand, asText);
    }

    private async Task<PolicyArea> PoliciesAsync(ComplianceSettings s, DepartmentScope? scope, IReadOnlyDictionary<int, DepartmentInfo> departments,
        CancellationToken ct)
    {
        var register = await policies.RegisterAsync(ct);
        var codes = scope is null ? null : departments.Values.Where(d => scope.Contains(d.Id)).Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        var owned = codes is null ? register : register.Where(r => codes.Contains(r.OwnerCode)).ToList();
        var overdue = owned.Count(r => r.Need is ReviewNeed.Overdue or ReviewNeed.OverdueAndOlderEdition);
        var older = owned.Count(r => r.Need is ReviewNeed.OlderEdition or ReviewNeed.OverdueAndOlderEdition);
        // Acknowledgments of the whole organisation in one pass; a manager's, of their department with its 課.
        var rates = scope is null ? await policies.OrganisationAcknowledgmentsAsync(ct)
            : (await policies.DepartmentAcknowledgmentsAsync(scope.Root, ct))?.Documents ?? [];
        var inForce = scope is null ? register.Count(r => r.InForceNumber is not null) : await InForceForAsync(register, scope, departments, rates, ct);
        var applicable = rates.Sum(d => d.Applicable);
        var acknowledged = rates.Sum(d => d.Acknowledged);
        var rate = applicable == 0 ? (double?)null : (double)acknowledged / applicable;
        // The organs' publication is the whole municipality's duty, not a department's: a manager's summary leaves it out.
        var unpublished = scope is null ? (await organs.OverviewAsync(ct)).Unpublished : null;
        var reasons = ComplianceRules.Policies(s, rate, overdue, older, unpublished);
        return new PolicyArea(inForce, overdue, older, applicable, acknowledged, ComplianceRules.StatusOf(reasons), reasons, unpublished);
    }

    /// <summary>
    /// A manager's "documents in force": those whose audience includes the department (<see cref="PolicyAudience"/>):
    /// meant for everyone, naming the department, a 課 under it or the 部 above it (a 部 code includes its 課), or meant
    /// for a role that someone in post there holds (they are among the document's readers in the department's rates).
    /// </summary>
    private async Task<int> InForceForAsync(IReadOnlyList<RegisterRow> register, DepartmentScope scope, IReadOnlyDictionary<int, DepartmentInfo> departments,
        IReadOnlyList<DepartmentRate> rates, CancellationToken ct)
    {
        var inForce = register.Where(r => r.InForceNumber is not null).Select(r => r.DocumentId).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        var audiences = await db.PolicyDocuments.AsNoTracking().Where(d => inForce.Contains(d.Id)).Select(d => new { d.Id, d.Audience }).ToListAsync(ct);
        var codes = scope.Ids.Where(departments.ContainsKey).Select(id => departments[id].Code).ToHashSet(StringComparer.Ordinal);
        if (departments[scope.Root].ParentId is { } parent && departments.TryGetValue(parent, out var above)) codes.Add(above.Code);
        var withReaders = rates.Where(r => r.Applicable > 0).Select(r => r.DocumentId).ToHashSet();
        return audiences.Count(d => PolicyAudience.Parse(d.Audience) is var audience
            && (audience.IsEveryone || audience.Departments.Any(codes.Contains) || withReaders.Contains(d.Id)));
    }

    private async Task<ControlArea> ControlsAsync(ComplianceSettings s, FiscalYear year, DepartmentScope? scope, CancellationToken ct)
    {
        var today = Today;
        var matrix = await controls.MatrixAsync(ct);
        var due = await controls.DueAsync(today, ct);
        var exceptions = await controls.ExceptionsAsync(today, ct);
        var checks = await selfChecks.ListAsync(ct);
        HashSet<string>? owned = null;
        if (scope is not null)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            owned = (await db.ControlStates.AsNoTracking().Where(c => c.SystemId == null && c.OwnerDepartmentId != null)
                    .Select(c => new { c.ControlId, c.OwnerDepartmentId }).ToListAsync(ct))
                .Where(c => scope.Contains(c.OwnerDepartmentId!.Value)).Select(c => c.ControlId).ToHashSet(StringComparer.Ordinal);
        }
        var rows = owned is null ? matrix.Rows : matrix.Rows.Where(r => owned.Contains(r.Control.Id)).ToList();
        var bySegment = owned is null ? matrix.Figures
            : matrix.Figures.Select(f => ControlCompliance.Figure(f.Segment, rows.SelectMany(r => r.Cells))).ToList();
        // The controls' one status (ControlCompliance.StatusOf), as the list this figure links to shows them.
        var unmet = rows.Count(r => r.Cells.Any(c => c.Applies) && r.Status is ControlStatus.NotMet or ControlStatus.Partial);
        var overdue = due.Overdue.Count(i => scope is null || (i.OwnerDepartmentId is { } o && scope.Contains(o)));
        var mineExceptions = owned is null ? exceptions : exceptions.Where(e => owned.Contains(e.ControlId)).ToList();
        var expiring = mineExceptions.Count(e => e.State == ExceptionState.Expiring);
        var expired = mineExceptions.Count(e => e.State == ExceptionState.Expired);
        var check = checks.FirstOrDefault(c => c.FiscalYear == year.StartYear)
                    ?? (year == FiscalYear.Of(today) ? checks.FirstOrDefault(c => !c.IsOpen) : null);
        var findings = 0;
        if (check is not null)
        {
            if (scope is null) findings = check.RollUp.OpenFindings;
            else
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var owners = await db.SelfCheckFindings.AsNoTracking().Where(f => f.SelfCheckId == check.Id && f.WithdrawnAt == null && f.CorrectedAt == null && f.OwnerDepartmentId != null)
                    .Select(f => f.OwnerDepartmentId!.Value).ToListAsync(ct);
                findings = owners.Count(scope.Contains);
            }
        }
        var reasons = ComplianceRules.Controls(s, bySegment, overdue, expiring, expired, findings);
        return new ControlArea(matrix.Model, bySegment, unmet, overdue, expiring, expired, check?.Id, check?.FiscalYear, findings,
            ComplianceRules.StatusOf(reasons), reasons);
    }

    private async Task<IncidentArea?> IncidentsAsync(ComplianceSettings s, FiscalYear year, CancellationToken ct)
    {
        var d = await incidents.DashboardAsync(year, ct);
        var now = time.GetUtcNow();
        var missed = d.PpcPending.Count(r => r.DueAt < now);
        var soon = d.PpcPending.Count(r => r.DueAt >= now && r.DueAt <= now.AddHours(s.PpcDueSoonHours));
        var highest = taxonomy.Severities.Count == 0 ? null : taxonomy.Severities.MaxBy(x => x.Rank)!.Code;
        var atHighest = d.OpenBySeverity.Where(x => x.Severity == highest).Sum(x => x.Count);
        var reasons = ComplianceRules.Incidents(missed, soon, s.PpcDueSoonHours, highest, atHighest);
        return new IncidentArea(d.OpenTotal, d.OpenBySeverity.Select(x => new SeverityCount(x.Severity, x.Count)).ToList(),
            d.OpenByStatus.Select(x => new StateCount(x.Status, x.Count)).ToList(), d.UntriagedCount, soon, missed, d.Months, d.MonthsByCategory,
            d.MedianHoursToTriage, d.MedianHoursToClose, ComplianceRules.StatusOf(reasons), reasons);
    }

    /// <summary>
    /// The overdue list behind a department's rate (or the whole organisation's), as the 年度 is shown today: a finished
    /// 年度 lists everyone who never completed its courses (<see cref="TrainingDay"/>).
    /// </summary>
    public async Task<IReadOnlyList<OverdueRow>> OverdueAsync(FiscalYear year, int? departmentId, CancellationToken ct = default)
    {
        var rows = await training.OverdueAsync(year, null, ct);
        if (departmentId is not { } id) return rows;
        var scope = await ScopeAsync(id, ct);
        return scope is null ? [] : rows.Where(r => scope.Contains(r.DepartmentId)).ToList();
    }
}

/// <summary>A department and every department under it.</summary>
public sealed class DepartmentScope
{
    private readonly HashSet<int> _ids;

    private DepartmentScope(int root, HashSet<int> ids) => (Root, _ids) = (root, ids);

    public int Root { get; }

    public IReadOnlyCollection<int> Ids => _ids;

    public bool Contains(int departmentId) => _ids.Contains(departmentId);

    public static DepartmentScope Of(int root, IEnumerable<(int Id, int? ParentId)> departments)
    {
        var children = departments.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value, d => d.Id);
        var ids = new HashSet<int> { root };
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
            foreach (var child in children[queue.Dequeue()])
                if (ids.Add(child)) queue.Enqueue(child);
        return new DepartmentScope(root, ids);
    }
}
