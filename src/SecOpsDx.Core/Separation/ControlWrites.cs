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

    public ControlDefinition Control(string? controlId) =>
        catalogue.Control(controlId) ?? throw ValidationFailedException.For("controlId", ErrorCodes.ControlNotFound, controlId?.Trim() ?? "");

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
