using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Separation;

/// <summary>What the acting person may do with the separation controls.</summary>
public sealed record ControlActor(AuditActor Actor, bool Manages, bool IsCiso, int? DepartmentId, int? ParentDepartmentId, bool IsCsirt = false)
{
    /// <summary>The CISO office, the person named as owner, or a manager of the owning department (or of its 部).</summary>
    public bool Owns(ControlState? state) =>
        Manages || (state is not null && (
            (state.OwnerUserId is not null && state.OwnerUserId == Actor.UserId)
            || (state.OwnerDepartmentId is { } d && (d == DepartmentId || d == ParentDepartmentId))));

    /// <summary>The CISO office, or a manager of the department (or of its 部), by the same rule as <see cref="Owns"/>.</summary>
    public bool CoversDepartment(int? departmentId) =>
        Manages || (departmentId is { } d && (d == DepartmentId || d == ParentDepartmentId));
}

/// <summary>
/// The plumbing the control use cases share: who is acting and what they may do, the control looked up in the
/// catalogue (an unknown id is refused), and the state row found or started.
/// </summary>
public sealed class ControlWrites(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time, ControlCatalogue catalogue)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public DateOnly Today => Calendar.JapanTime.Today(time);
    public ControlCatalogue Catalogue => catalogue;

    public Task<SecOpsDxDbContext> OpenAsync(CancellationToken ct) => factory.CreateDbContextAsync(ct);

    public async Task<ControlActor> ActorAsync(SecOpsDxDbContext db, CancellationToken ct)
    {
        var who = await actor.GetActorAsync();
        return await ResolveAsync(db, who, ct);
    }

    public static async Task<ControlActor> ResolveAsync(SecOpsDxDbContext db, AuditActor who, CancellationToken ct)
    {
        if (who.UserId is null) return new ControlActor(who, Manages: who == AuditActor.System || who.Name.StartsWith("system", StringComparison.Ordinal), false, null, null);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == who.UserId
                           select r.Name).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Where(s => s.UserId == who.UserId)
            .Select(s => new { s.DepartmentId, s.Department!.ParentId }).FirstOrDefaultAsync(ct);
        var isManager = roles.Contains(Roles.Manager);
        return new ControlActor(who, roles.Contains(Roles.Admin) || roles.Contains(Roles.Ciso), roles.Contains(Roles.Ciso),
            isManager ? staff?.DepartmentId : null, isManager ? staff?.ParentId : null, roles.Contains(Roles.Csirt));
    }

    public static void RequireManager(ControlActor who)
    {
        if (!who.Manages) throw new DomainException(ErrorCodes.ControlForbidden);
    }

    /// <summary>
    /// The control in the catalogue. One that has left it is refused by name (its record is kept, read-only); an id
    /// never seen is refused as unknown.
    /// </summary>
    public async Task<ControlDefinition> ControlAsync(string? controlId, CancellationToken ct)
    {
        if (catalogue.Control(controlId) is { } control) return control;
        var id = controlId?.Trim().ToUpperInvariant() ?? "";
        if (id.Length is > 0 and <= ControlLimits.ControlId)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await IsRetiredAsync(db, id, ct)) throw new DomainException(ErrorCodes.ControlRetired, id);
        }
        throw ValidationFailedException.For("controlId", ErrorCodes.ControlNotFound, controlId?.Trim() ?? "");
    }

    /// <summary>An id not in the catalogue that was once: registered as retired, or with a record kept under it.</summary>
    public static async Task<bool> IsRetiredAsync(SecOpsDxDbContext db, string id, CancellationToken ct) =>
        await db.CatalogueControls.AnyAsync(c => c.ControlId == id && c.RetiredAt != null, ct)
        || await db.ControlStates.AnyAsync(s => s.ControlId == id, ct);

    public static async Task CheckSystemAsync(SecOpsDxDbContext db, ControlDefinition control, int? systemId, CancellationToken ct)
    {
        if (systemId is null) return;
        var system = await db.SegmentSystems.AsNoTracking().SingleOrDefaultAsync(s => s.Id == systemId, ct)
            ?? throw ValidationFailedException.For("systemId", ErrorCodes.SystemNotFound);
        if (!control.Segments.Contains(system.Segment)) throw ValidationFailedException.For("systemId", ErrorCodes.SystemOutsideControl, system.Name);
    }

    /// <summary>The state row of the control (or of the control on one system); ownership is decided on the control's own row.</summary>
    public static async Task<(ControlState? State, ControlState? ControlLevel)> StatesAsync(SecOpsDxDbContext db, string controlId, int? systemId, CancellationToken ct)
    {
        var rows = await db.ControlStates.Where(s => s.ControlId == controlId && (s.SystemId == null || s.SystemId == systemId)).ToListAsync(ct);
        var controlLevel = rows.FirstOrDefault(r => r.SystemId is null);
        return (systemId is null ? controlLevel : rows.FirstOrDefault(r => r.SystemId == systemId), controlLevel);
    }

    public static void RequireOwner(ControlActor who, ControlState? controlLevel)
    {
        if (!who.Owns(controlLevel)) throw new DomainException(ErrorCodes.NotControlOwner);
    }
}
