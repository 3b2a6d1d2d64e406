using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Tests.Support;

/// <summary>A real SQLite file in its own temp folder, migrated; deleted on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _connectionString;

    private TestDatabase(string folder)
    {
        _folder = folder;
        Path = System.IO.Path.Combine(folder, "secopsdx.db");
        _connectionString = $"Data Source={Path}";
        Options = new DbContextOptionsBuilder<SecOpsDxDbContext>().UseSqlite(_connectionString).Options;
        Factory = new TestDbContextFactory(Options);
    }

    public string Path { get; }
    public DbContextOptions<SecOpsDxDbContext> Options { get; }
    public TestDbContextFactory Factory { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "secopsdx-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public SecOpsDxDbContext CreateContext() => Factory.CreateDbContext();

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        using (var connection = new SqliteConnection(_connectionString)) SqliteConnection.ClearPool(connection);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
        return ValueTask.CompletedTask;
    }
}
