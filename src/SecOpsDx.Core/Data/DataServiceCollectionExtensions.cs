using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;

namespace SecOpsDx.Core.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the database on an embedded SQLite file.</summary>
    public static IServiceCollection AddSecOpsDxDatabase(this IServiceCollection services, string sqlitePath)
    {
        var connectionString = SqliteConnectionString(sqlitePath);
        // Scoped factory: contexts it creates get the scope's ICurrentActor for the audit trail.
        services.AddDbContextFactory<SecOpsDxDbContext>(o => o.UseSqlite(connectionString), ServiceLifetime.Scoped);
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
