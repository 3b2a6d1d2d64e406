using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core;

/// <summary>
/// Optimistic concurrency in one place: a write states the version the user saw, and a save that finds the row
/// changed since is refused with <see cref="ErrorCodes.Conflict"/> instead of overwriting a colleague's work.
/// </summary>
public static class Concurrency
{
    /// <summary>The update will only apply while the row still has the version the user saw.</summary>
    public static void ExpectVersion<T>(this DbContext db, T entity, int expectedVersion) where T : class, IVersioned
    {
        db.Entry(entity).Property(e => e.Version).OriginalValue = expectedVersion;
        if (entity.Version != expectedVersion) throw new DomainException(ErrorCodes.Conflict);
    }

    public static async Task SaveOrConflictAsync(this DbContext db, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.Conflict);
        }
    }
}
