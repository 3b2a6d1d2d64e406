using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The app checkpoints its audit trail every second here (five minutes by default).</summary>
public sealed class FrequentCheckpointAppFactory() : AppFactory(new() { ["SecOpsDx:Audit:CheckpointInterval"] = "00:00:01" });

/// <summary>
/// While the app runs, the signed checkpoint follows the audit trail as entries arrive, so removing entries made
/// after the last start is detected too; and it never follows the trail backwards over a removal.
/// </summary>
public sealed class AuditCheckpointingTests(FrequentCheckpointAppFactory factory) : IClassFixture<FrequentCheckpointAppFactory>
{
    private AuditCheckpoint Checkpoint => factory.Services.GetRequiredService<AuditCheckpointing>().Checkpoint;

    private async Task<AuditHead> HeadAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await AuditHead.OfAsync(scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>());
    }

    private async Task AddDepartmentAsync(string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        db.Departments.Add(new Department { Code = code, Name = $"検査用 {code}" });
        await db.SaveChangesAsync();
    }

    private async Task<AuditCheckpoint.Saved> CheckpointReachingAsync(AuditHead head)
    {
        for (var i = 0; i < 100; i++)
        {
            if (Checkpoint.Read() is { } saved && saved.Head == head) return saved;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the checkpoint did not reach {head} within 10 s; it is at {Checkpoint.Read()?.Head}");
    }

    [Fact]
    public async Task The_checkpoint_follows_new_entries_and_stays_put_when_the_newest_are_removed()
    {
        _ = factory.CreateClient();
        await AddDepartmentAsync("C901");
        var afterFirst = await HeadAsync();
        await CheckpointReachingAsync(afterFirst);

        await AddDepartmentAsync("C902");
        var afterSecond = await HeadAsync();
        Assert.True(afterSecond.Sequence > afterFirst.Sequence);
        await CheckpointReachingAsync(afterSecond);

        // Someone with access to the database file removes the newest entries while the app runs.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "secopsdx.db")}"))
        {
            await connection.OpenAsync();
            var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM AuditEntries WHERE Sequence > {afterFirst.Sequence}";
            Assert.True(await delete.ExecuteNonQueryAsync() > 0);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Three ticks later the checkpoint still names the removed entry, which is what audit-verify reports.
        Assert.Equal(afterSecond, Checkpoint.Read()!.Head);
        await using var scope = factory.Services.CreateAsyncScope();
        var problem = await afterSecond.FindMismatchAsync(scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>());
        Assert.Contains("truncated", problem);
        Assert.Equal(AuditCheckpointing.Outcome.Refused,
            await factory.Services.GetRequiredService<AuditCheckpointing>().AdvanceAsync(scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>()));
    }
}
