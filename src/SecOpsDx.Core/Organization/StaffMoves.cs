using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace SecOpsDx.Core.Organization;

/// <summary>Department history: the move rows and the department a person belonged to on a given day.</summary>
public static class StaffMoves
{
    /// <summary>
    /// Adds a move row for every tracked staff member whose department is being changed. Called by the DbContext
    /// before each save, so no write path can forget it.
    /// </summary>
    public static void Record(ChangeTracker tracker, DateOnly today)
    {
        var moves = new List<StaffDepartmentMove>();
        foreach (var entry in tracker.Entries<StaffMember>().Where(e => e.State == EntityState.Modified))
        {
            var property = entry.Property(s => s.DepartmentId);
            if (!property.IsModified || property.OriginalValue == property.CurrentValue || property.OriginalValue == 0) continue;
            moves.Add(new StaffDepartmentMove
            {
                StaffMemberId = entry.Entity.Id,
                FromDepartmentId = property.OriginalValue,
                ToDepartmentId = property.CurrentValue,
                EffectiveOn = today,
            });
        }
        if (moves.Count > 0) tracker.Context.Set<StaffDepartmentMove>().AddRange(moves);
    }

    /// <summary>
    /// The department on <paramref name="day"/>: the one left by the first move after that day, or the current one
    /// when the person has not moved since. <paramref name="moves"/> are this person's, in any order.
    /// </summary>
    public static int DepartmentOn(int currentDepartmentId, IEnumerable<StaffDepartmentMove> moves, DateOnly day)
    {
        StaffDepartmentMove? first = null;
        foreach (var m in moves)
            if (m.EffectiveOn > day && (first is null || m.EffectiveOn < first.EffectiveOn || (m.EffectiveOn == first.EffectiveOn && m.Id < first.Id)))
                first = m;
        return first?.FromDepartmentId ?? currentDepartmentId;
    }
}
