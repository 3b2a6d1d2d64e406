using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;

namespace SecOpsDx.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database on an embedded SQLite file whose path is resolved when first needed.</summary>
    public static IServiceCollection AddSecOpsDxDatabase(this IServiceCollection services, Func<IServiceProvider, string> sqlitePath)
    {
        // Scoped factory: contexts it creates get the scope's ICurrentActor for the audit trail.
        services.AddDbContextFactory<SecOpsDxDbContext>(
            (sp, o) => o.UseSqlite(SqliteConnectionString(sqlitePath(sp))), ServiceLifetime.Scoped);
        services.AddScoped<ActorOverride>();
        return services;
    }

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Applies pending migrations and switches SQLite to write-ahead logging (readers never block the writer).</summary>
    public static async Task MigrateAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
