namespace SecOpsDx.Core;

/// <summary>
/// An entity whose concurrent edits are detected. <see cref="Data.SecOpsDxDbContext"/> bumps
/// <see cref="Version"/> on every update and EF Core checks it, so a stale save fails instead of
/// silently overwriting someone else's change. Works the same on SQLite and PostgreSQL.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
