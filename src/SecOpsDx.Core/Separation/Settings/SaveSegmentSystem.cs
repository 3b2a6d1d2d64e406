using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

public sealed record SegmentSystemInput(string? Name, string? Segment, int? OwnerDepartmentId, int? Terminals, string? Vendor, bool IsActive = true);

/// <summary>Registers a system or network of a segment, or changes one (a system no longer used is retired, never deleted).</summary>
public sealed class SaveSegmentSystem(ControlWrites writes)
{
    public async Task<int> ExecuteAsync(int? id, int expectedVersion, SegmentSystemInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var name = errors.Text("systemName", input.Name, ControlLimits.SystemName, required: true);
        var vendor = errors.Text("vendor", input.Vendor, ControlLimits.Vendor, required: false);
        var segment = input.Segment?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(segment)) errors.Add("systemSegment", ErrorCodes.Required);
        else if (writes.Catalogue.Segment(segment) is null) errors.Add("systemSegment", ErrorCodes.UnknownCode, segment);
        if (input.OwnerDepartmentId is null or 0) errors.Add("ownerDepartmentId", ErrorCodes.Required);
        if (input.Terminals is { } t && (t < 0 || t > ControlLimits.MaxTerminals)) errors.Add("terminals", ErrorCodes.WholeNumberRange, 0, ControlLimits.MaxTerminals);
        errors.ThrowIfAny();

        await using var db = await writes.OpenAsync(ct);
        ControlWrites.RequireManager(await writes.ActorAsync(db, ct));
        if (!await db.Departments.AnyAsync(d => d.Id == input.OwnerDepartmentId, ct))
            throw ValidationFailedException.For("ownerDepartmentId", ErrorCodes.DepartmentNotFound);
        SegmentSystem system;
        if (id is null)
        {
            system = new SegmentSystem { Name = name!, Segment = segment! };
            db.SegmentSystems.Add(system);
        }
        else
        {
            system = await db.SegmentSystems.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new DomainException(ErrorCodes.SystemNotFound);
            db.ExpectVersion(system, expectedVersion);
            (system.Name, system.Segment) = (name!, segment!);
        }
        (system.OwnerDepartmentId, system.Terminals, system.Vendor, system.IsActive) = (input.OwnerDepartmentId!.Value, input.Terminals ?? 0, vendor, input.IsActive);
        await db.SaveOrConflictAsync(ct);
        return system.Id;
    }
}
