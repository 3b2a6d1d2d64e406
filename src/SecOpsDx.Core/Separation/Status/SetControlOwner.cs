using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>The CISO office names who owns a control: a department (its managers record for it) and, optionally, a person.</summary>
public sealed class SetControlOwner(ControlWrites writes)
{
    /// <param name="ownerUserId">
    /// A person who may then record for the control whatever their department: an account that can open the control
    /// pages (Manager, CISO or Admin). Their name is shown when no other name is given.
    /// </param>
    public async Task ExecuteAsync(string? controlId, int? departmentId, string? ownerName, string? ownerUserId = null, CancellationToken ct = default)
    {
        var control = await writes.ControlAsync(controlId, ct);
        var errors = new FieldErrors();
        var name = errors.Text("ownerName", ownerName, ControlLimits.OwnerName, required: false);
        var userId = string.IsNullOrWhiteSpace(ownerUserId) ? null : ownerUserId.Trim();
        if (departmentId is null or 0 && name is null && userId is null) errors.Add("ownerDepartmentId", ErrorCodes.Required);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        ControlWrites.RequireManager(await writes.ActorAsync(db, ct));
        if (departmentId is > 0 && !await db.Departments.AnyAsync(d => d.Id == departmentId, ct))
            throw ValidationFailedException.For("ownerDepartmentId", ErrorCodes.DepartmentNotFound);
        if (userId is not null)
        {
            var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
            var canRecord = person is not null && await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                                         where ur.UserId == userId && OwnerRoles.Contains(r.Name!) select r.Id).AnyAsync(ct);
            if (!canRecord) throw ValidationFailedException.For("ownerUserId", ErrorCodes.OwnerCannotRecord);
            name ??= person!.DisplayName ?? person.Email;
        }
        var (state, _) = await ControlWrites.StatesAsync(db, control.Id, null, ct);
        if (state is null) db.ControlStates.Add(state = new ControlState { ControlId = control.Id });
        (state.OwnerDepartmentId, state.OwnerUserId, state.OwnerName, state.UpdatedAt) = (departmentId is > 0 ? departmentId : null, userId, name, writes.Now);
        await db.SaveOrConflictAsync(ct);
    }

    /// <summary>The roles whose accounts can open the control pages and record for a control they own.</summary>
    public static readonly string[] OwnerRoles = [Organization.Roles.Manager, Organization.Roles.Ciso, Organization.Roles.Admin];
}
