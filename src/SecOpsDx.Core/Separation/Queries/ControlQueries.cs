using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Separation;

/// <summary>
/// Reads of the separation controls, shaped for the pages and for the reminders: the model in force, the catalogue
/// with each control's standing, what is due or overdue, the CISO's matrix and the exceptions.
/// </summary>
public sealed partial class ControlQueries(IDbContextFactory<SecOpsDxDbContext> factory, ControlCatalogue catalogue, ICurrentActor actor, TimeProvider time)
{
    public ControlCatalogue Catalogue => catalogue;
    public DateOnly Today => Calendar.JapanTime.Today(time);

    public async Task<ControlViewer> ViewerAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var who = await ControlWrites.ResolveAsync(db, await actor.GetActorAsync(), ct);
        return new ControlViewer(who.Manages, who.IsCiso, who.Actor.UserId, who.DepartmentId, who.ParentDepartmentId);
    }

    private static bool Owns(ControlViewer viewer, ControlState? state) =>
        viewer.Manages || (state is not null && (
            (state.OwnerUserId is not null && state.OwnerUserId == viewer.UserId)
            || (state.OwnerDepartmentId is { } d && (d == viewer.DepartmentId || d == viewer.ParentDepartmentId))));

    public async Task<string> ModelAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ModelAsync(db, ct);
    }

    private async Task<string> ModelAsync(SecOpsDxDbContext db, CancellationToken ct) =>
        await db.SeparationSettings.AsNoTracking().Select(s => s.Model).FirstOrDefaultAsync(ct) ?? catalogue.DefaultModel;

    public async Task<SeparationSettingView> SettingAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var setting = await db.SeparationSettings.AsNoTracking().FirstOrDefaultAsync(ct);
        var changes = (await db.SeparationModelChanges.AsNoTracking().ToListAsync(ct))
            .OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            .Select(c => new ModelChangeRow(c.FromModel, c.ToModel, c.ChangedAt, c.ChangedBy)).ToList();
        return new SeparationSettingView(setting?.Model ?? catalogue.DefaultModel, setting is null, changes);
    }

    /// <summary>Accounts that can be named as a control's owner (and then record for it), by name; locked ones left out.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> OwnerCandidatesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var rows = await (from u in db.Users.AsNoTracking()
                          where db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && SetControlOwner.OwnerRoles.Contains(r.Name!)))
                          select new { u.Id, u.DisplayName, u.Email, u.LockoutEnd }).ToListAsync(ct);
        return rows.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .Select(u => (u.Id, Name: u.DisplayName is { Length: > 0 } n ? $"{n} ({u.Email})" : u.Email ?? u.Id))
            .OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<SystemRow>> SystemsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await SystemsAsync(db, ct);
    }

    private static async Task<List<SystemRow>> SystemsAsync(SecOpsDxDbContext db, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return (await db.SegmentSystems.AsNoTracking().ToListAsync(ct))
            .OrderBy(s => s.Segment).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SystemRow(s.Id, s.Name, s.Segment, s.OwnerDepartmentId, departments.GetValueOrDefault(s.OwnerDepartmentId, ""), s.Terminals, s.Vendor, s.IsActive, s.Version))
            .ToList();
    }

    private sealed record Snapshot(string Model, List<ControlState> States, Dictionary<int, SegmentSystem> Systems, Dictionary<int, string> Departments);

    private static async Task<Snapshot> SnapshotAsync(SecOpsDxDbContext db, string model, CancellationToken ct) => new(
        model,
        await db.ControlStates.AsNoTracking().ToListAsync(ct),
        await db.SegmentSystems.AsNoTracking().ToDictionaryAsync(s => s.Id, ct),
        await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct));

    private static string? OwnerOf(ControlState? s, Dictionary<int, string> departments) =>
        s is null ? null
        : string.Join(" ", new[] { s.OwnerDepartmentId is { } d ? departments.GetValueOrDefault(d) : null, s.OwnerName }.Where(x => !string.IsNullOrEmpty(x))) is { Length: > 0 } o ? o : null;

    /// <summary>The catalogue with each control's standing under the model in force; a manager sees the controls they own.</summary>
    public async Task<IReadOnlyList<ControlRow>> CatalogueAsync(bool onlyMine = false, CancellationToken ct = default)
    {
        var viewer = await ViewerAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var snap = await SnapshotAsync(db, await ModelAsync(db, ct), ct);
        var today = Today;
        var byControl = snap.States.ToLookup(s => s.ControlId);
        var rows = new List<ControlRow>();
        foreach (var c in catalogue.Controls)
        {
            var state = snap.States.FirstOrDefault(s => s.ControlId == c.Id && s.SystemId is null);
            var mine = Owns(viewer, state);
            if ((onlyMine || !viewer.Manages) && !Owns(viewer with { Manages = false }, state)) continue;
            var next = state?.LastVerifiedOn is { } last ? c.Frequency.NextDue(last) : (DateOnly?)null;
            var applies = c.AppliesTo(snap.Model);
            var status = StandingOf(snap, c, byControl[c.Id].ToList());
            rows.Add(new ControlRow(c, applies, status, OwnerOf(state, snap.Departments), state?.LastVerifiedOn, next,
                applies && status != ControlStatus.NotApplicable && (next is null || next < today), mine));
        }
        return rows;
    }

    /// <summary>
    /// Verifications due this month and those overdue, over the controls that apply under the model in force and
    /// are not marked 対象外: one line per control, and one per system where systems are recorded one by one.
    /// Never verified counts as overdue. The reminders read this too.
    /// </summary>
    public async Task<DueList> DueAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snap = await SnapshotAsync(db, await ModelAsync(db, ct), ct);
        var items = DueItems(snap, today).ToList();
        var monthEnd = DueSoonUntil(today);
        return new DueList(
            items.Where(i => i.Overdue).OrderBy(i => i.DueOn ?? DateOnly.MinValue).ThenBy(i => i.ControlId, StringComparer.Ordinal).ToList(),
            items.Where(i => !i.Overdue && i.DueOn <= monthEnd).OrderBy(i => i.DueOn).ThenBy(i => i.ControlId, StringComparer.Ordinal).ToList());
    }

    /// <summary>The last day of "due this month": the end of the month <paramref name="today"/> is in.</summary>
    public static DateOnly DueSoonUntil(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>The due list narrowed to what the person looking owns (everything for the CISO office).</summary>
    public async Task<DueList> DueForViewerAsync(DateOnly today, CancellationToken ct = default)
    {
        var viewer = await ViewerAsync(ct);
        var all = await DueAsync(today, ct);
        if (viewer.Manages) return all;
        await using var db = await factory.CreateDbContextAsync(ct);
        var owned = (await db.ControlStates.AsNoTracking().Where(s => s.SystemId == null).ToListAsync(ct))
            .Where(s => Owns(viewer, s)).Select(s => s.ControlId).ToHashSet();
        return new DueList(all.Overdue.Where(i => owned.Contains(i.ControlId)).ToList(), all.DueThisMonth.Where(i => owned.Contains(i.ControlId)).ToList());
    }

    private IEnumerable<DueItem> DueItems(Snapshot snap, DateOnly today)
    {
        var byControl = snap.States.ToLookup(s => s.ControlId);
        foreach (var c in catalogue.Controls.Where(c => c.AppliesTo(snap.Model)))
        {
            var states = byControl[c.Id].ToList();
            var controlLevel = states.FirstOrDefault(s => s.SystemId is null);
            var perSystem = states.Where(s => s.SystemId is { } id && snap.Systems.TryGetValue(id, out var sys) && sys.IsActive && c.Segments.Contains(sys.Segment)).ToList();
            var owner = OwnerOf(controlLevel, snap.Departments);
            IEnumerable<ControlState?> lines = perSystem.Count > 0 ? perSystem : new ControlState?[] { controlLevel };
            foreach (var s in lines)
            {
                if (s?.Status == ControlStatus.NotApplicable) continue;
                var due = s?.LastVerifiedOn is { } last ? c.Frequency.NextDue(last) : (DateOnly?)null;
                var system = s?.SystemId is { } sid ? snap.Systems[sid] : null;
                yield return new DueItem(c.Id, c.Ja, c.En, system?.Id, system?.Name, s?.LastVerifiedOn, due, due is null || due < today,
                    controlLevel?.OwnerDepartmentId, owner);
            }
        }
    }

    /// <summary>Segments × controls under the model in force, with each segment's compliance (met ÷ applicable).</summary>
    public async Task<ControlMatrix> MatrixAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var snap = await SnapshotAsync(db, await ModelAsync(db, ct), ct);
        return Matrix(snap, Today);
    }

    private ControlMatrix Matrix(Snapshot snap, DateOnly today)
    {
        var byControl = snap.States.ToLookup(s => s.ControlId);
        var overdue = DueItems(snap, today).Where(i => i.Overdue).Select(i => (i.ControlId, i.SystemId is { } id ? snap.Systems[id].Segment : null)).ToList();
        var rows = new List<MatrixRow>();
        foreach (var c in catalogue.Controls)
        {
            var states = byControl[c.Id].ToList();
            var cells = CellsOf(snap, c, states, overdue);
            rows.Add(new MatrixRow(c, cells, ControlCompliance.StatusOf(ControlLevelStatus(states), cells)));
        }
        var figures = catalogue.Segments.Select(s => ControlCompliance.Figure(s.Code, rows.SelectMany(r => r.Cells))).ToList();
        var known = catalogue.Controls.Select(c => c.Id).ToHashSet();
        var retired = snap.States.Select(s => s.ControlId).Where(id => !known.Contains(id)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new ControlMatrix(snap.Model, figures, rows, retired);
    }

    private static ControlStatus ControlLevelStatus(List<ControlState> states) =>
        states.FirstOrDefault(s => s.SystemId is null)?.Status ?? ControlStatus.NotMet;

    /// <summary>The control's cell in each segment: its per-system records there decide, else its own record.</summary>
    private List<MatrixCell> CellsOf(Snapshot snap, ControlDefinition c, List<ControlState> states, IReadOnlyCollection<(string ControlId, string? Segment)> overdue)
    {
        var controlLevel = ControlLevelStatus(states);
        return catalogue.Segments.Select(seg =>
        {
            var applies = c.AppliesTo(snap.Model, seg.Code);
            var systemStatuses = states.Where(s => s.SystemId is { } id && snap.Systems.TryGetValue(id, out var sys) && sys.IsActive && sys.Segment == seg.Code).Select(s => s.Status);
            var late = applies && overdue.Any(o => o.ControlId == c.Id && (o.Segment is null || o.Segment == seg.Code));
            return new MatrixCell(seg.Code, applies, ControlCompliance.CellStatus(controlLevel, systemStatuses), late);
        }).ToList();
    }

    /// <summary>The control's one status (<see cref="ControlCompliance.StatusOf"/>): the same on the list, its page, the matrix and the dashboards.</summary>
    private ControlStatus StandingOf(Snapshot snap, ControlDefinition c, List<ControlState> states) =>
        ControlCompliance.StatusOf(ControlLevelStatus(states), CellsOf(snap, c, states, []));

    /// <summary>One control with its standing, per system, history, evidence and exceptions. Null when the id is unknown or the viewer may not see it.</summary>
    public async Task<ControlDetail?> ControlAsync(string? controlId, CancellationToken ct = default)
    {
        var control = catalogue.Control(controlId);
        var viewer = await ViewerAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        CatalogueControl? retired = null;
        if (control is null)
        {
            // A control that left the catalogue still opens, read-only, with what was recorded for it.
            (control, retired) = await RetiredDefinitionAsync(db, controlId, ct);
            if (control is null) return null;
        }
        var isRetired = retired is not null;
        var snap = await SnapshotAsync(db, await ModelAsync(db, ct), ct);
        var states = snap.States.Where(s => s.ControlId == control.Id).ToList();
        var controlLevel = states.FirstOrDefault(s => s.SystemId is null);
        if (!Owns(viewer, controlLevel)) return null;
        var today = Today;
        var applies = !isRetired && control.AppliesTo(snap.Model);
        StateView View(ControlState? s, int? systemId)
        {
            var next = !isRetired && s?.LastVerifiedOn is { } last ? control.Frequency.NextDue(last) : (DateOnly?)null;
            var name = systemId is { } id ? snap.Systems.GetValueOrDefault(id)?.Name : null;
            return new StateView(systemId, name, s?.Status ?? ControlStatus.NotMet, s?.NotApplicableReason, s?.EvidenceText, s?.LastVerifiedOn, next,
                applies && s?.Status != ControlStatus.NotApplicable && (next is null || next < today), s?.UpdatedBy, s?.UpdatedBy is null ? null : s.UpdatedAt, s?.Version ?? 0)
            {
                Methods = s?.Methods?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [],
            };
        }
        var systemNames = snap.Systems.ToDictionary(s => s.Key, s => s.Value.Name);
        var verifications = (await db.ControlVerifications.AsNoTracking().Where(v => v.ControlId == control.Id).ToListAsync(ct))
            .OrderByDescending(v => v.VerifiedOn).ThenByDescending(v => v.Id)
            .Select(v => new VerificationRow(v.Id, v.SystemId, v.SystemId is { } id ? systemNames.GetValueOrDefault(id) : null, v.VerifiedOn, v.Result, v.Notes, v.VerifiedBy, v.RecordedAt)).ToList();
        var evidence = (await db.ControlEvidence.AsNoTracking().Where(e => e.ControlId == control.Id).ToListAsync(ct))
            .OrderByDescending(e => e.Id)
            .Select(e => new ControlEvidenceRow(e.Id, e.ControlId, e.VerificationId, e.FileName, e.Size, e.Sha256, e.Note, e.AddedAt, e.AddedBy)).ToList();
        var exceptions = (await db.ControlExceptions.AsNoTracking().Where(e => e.ControlId == control.Id).ToListAsync(ct))
            .Select(e => ExceptionView(e, control, systemNames, today)).OrderByDescending(e => e.ExpiresOn).ToList();
        var segmentSystems = (await SystemsAsync(db, ct)).Where(s => s.IsActive && control.Segments.Contains(s.Segment)).ToList();
        return new ControlDetail(control, snap.Model, applies, control.Models, controlLevel?.OwnerDepartmentId, OwnerOf(controlLevel, snap.Departments),
            View(controlLevel, null),
            states.Where(s => s.SystemId is not null).Select(s => View(s, s.SystemId)).OrderBy(s => s.SystemName, StringComparer.Ordinal).ToList(),
            segmentSystems, verifications, evidence, exceptions, !isRetired, viewer.Manages, viewer.IsCiso, controlLevel?.OwnerUserId,
            isRetired, retired?.RetiredAt)
        {
            Standing = isRetired ? controlLevel?.Status ?? ControlStatus.NotMet : StandingOf(snap, control, states),
        };
    }

    private static ExceptionRow ExceptionView(ControlException e, ControlDefinition? control, Dictionary<int, string> systemNames, DateOnly today) =>
        new(e.Id, e.ControlId, control?.Ja ?? e.ControlId, control?.En ?? e.ControlId, e.SystemId, e.SystemId is { } id ? systemNames.GetValueOrDefault(id) : null,
            e.Reason, e.CompensatingMeasures, e.ExpiresOn, e.RequestedBy, e.RequestedAt, e.ApprovedBy, e.ApprovedAt, ControlCompliance.StateOf(e, today), e.Version)
        {
            ControlRetired = control is null,
        };

    /// <summary>Every exception with its state today; the expiring (within 30 days) and expired ones first.</summary>
    public async Task<IReadOnlyList<ExceptionRow>> ExceptionsAsync(DateOnly today, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var systemNames = await db.SegmentSystems.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return (await db.ControlExceptions.AsNoTracking().ToListAsync(ct))
            .Select(e => ExceptionView(e, catalogue.Control(e.ControlId), systemNames, today))
            .OrderBy(e => e.State switch { ExceptionState.Expired => 0, ExceptionState.Expiring => 1, ExceptionState.Pending => 2, _ => 3 })
            .ThenBy(e => e.ExpiresOn).ToList();
    }

    /// <summary>An evidence file of a control, for download, when the viewer may see the control.</summary>
    public async Task<ControlEvidenceRow?> EvidenceAsync(string controlId, int evidenceId, CancellationToken ct = default)
    {
        var viewer = await ViewerAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.ControlEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId && e.ControlId == controlId, ct);
        if (row is null) return null;
        var state = await db.ControlStates.AsNoTracking().FirstOrDefaultAsync(s => s.ControlId == controlId && s.SystemId == null, ct);
        return Owns(viewer, state) ? new ControlEvidenceRow(row.Id, row.ControlId, row.VerificationId, row.FileName, row.Size, row.Sha256, row.Note, row.AddedAt, row.AddedBy) : null;
    }
}
