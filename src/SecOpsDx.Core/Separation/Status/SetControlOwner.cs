using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>The CISO office names who owns a control: a department (its managers record for it) and, optionally, a person.</summary>
public sealed class SetControlOwner(ControlWrites writes)
{
    public async Task ExecuteAsync(string? controlId, int? departmentId, string? ownerName, CancellationToken ct = default)
    {
        var control = writes.Control(controlId);
        var errors = new FieldErrors();
        var name = errors.Text("ownerName", ownerName, ControlLimits.OwnerName, required: false);
        if (departmentId is null or 0 && name is null) errors.Add("ownerDepartmentId", ErrorCodes.Required);
        errors.ThrowIfAny();
        await using var db = await writes.OpenAsync(ct);
        ControlWrites.RequireManager(await writes.ActorAsync(db, ct));
        if (departmentId is > 0 && !await db.Departments.AnyAsync(d => d.Id == departmentId, ct))
            throw ValidationFailedException.For("ownerDepartmentId", ErrorCodes.DepartmentNotFound);
        var (state, _) = await ControlWrites.StatesAsync(db, control.Id, null, ct);
        if (state is null) db.ControlStates.Add(state = new ControlState { ControlId = control.Id });
        (state.OwnerDepartmentId, state.OwnerName, state.UpdatedAt) = (departmentId is > 0 ? departmentId : null, name, writes.Now);
        await db.SaveOrConflictAsync(ct);
    }
}
