using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Auditing;

public sealed class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SecOpsDxDbContext Context(string actor = "alice@example.jp", DateTimeOffset? at = null) =>
        new(_db.Options, new FixedActor(new AuditActor("user-1", actor)), new FakeTimeProvider(at ?? new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.Zero)));

    private async Task<int> AddDepartmentAsync(string code, string name)
    {
        await using var db = Context();
        var d = new Department { Code = code, Name = name };
        db.Departments.Add(d);
        await db.SaveChangesAsync();
        return d.Id;
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await using var db = Context();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = Context();
        return await AuditChainVerifier.VerifyAsync(db);
    }

    [Fact]
    public async Task Insert_update_and_delete_each_write_a_chained_entry_with_who_when_and_what()
    {
        var id = await AddDepartmentAsync("9000", "危機管理課");
        await using (var db = Context("bob@example.jp", new DateTimeOffset(2026, 4, 2, 1, 0, 0, TimeSpan.Zero)))
        {
            var d = await db.Departments.SingleAsync(x => x.Id == id);
            d.Name = "危機管理室";
            await db.SaveChangesAsync();
        }
        await using (var db = Context())
        {
            db.Departments.Remove(await db.Departments.SingleAsync(x => x.Id == id));
            await db.SaveChangesAsync();
        }

        var entries = await EntriesAsync();

        Assert.Equal([AuditActions.Insert, AuditActions.Update, AuditActions.Delete], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(nameof(Department), e.EntityType));
        Assert.All(entries, e => Assert.Equal(id.ToString(), e.EntityKey));
        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal("bob@example.jp", entries[1].ActorName);
        Assert.Equal(new DateTime(2026, 4, 2, 1, 0, 0), entries[1].At);
        Assert.Contains("\"old\":\"危機管理課\"", entries[1].Changes);
        Assert.Contains("\"new\":\"危機管理室\"", entries[1].Changes);
        Assert.DoesNotContain("Code", entries[1].Changes);
        Assert.True((await VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task An_audit_row_edited_in_the_database_file_is_detected()
    {
        await AddDepartmentAsync("9001", "A課");
        await AddDepartmentAsync("9002", "B課");
        await AddDepartmentAsync("9003", "C課");
        await using (var db = Context())
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Changes = replace(Changes, 'B課', 'X課') WHERE Sequence = 2");

        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(1, result.EntriesChecked);
    }

    [Fact]
    public async Task A_rewritten_entry_with_a_recomputed_hash_breaks_the_link_of_the_next_one()
    {
        await AddDepartmentAsync("9001", "A課");
        await AddDepartmentAsync("9002", "B課");
        await AddDepartmentAsync("9003", "C課");
        await using (var db = Context())
        {
            var forged = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
            forged.ActorName = "someone-else";
            var hash = forged.ComputeHash();
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET ActorName = 'someone-else', Hash = {hash} WHERE Sequence = 2");
        }

        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task A_deleted_audit_row_is_detected()
    {
        await AddDepartmentAsync("9001", "A課");
        await AddDepartmentAsync("9002", "B課");
        await AddDepartmentAsync("9003", "C課");
        await using (var db = Context())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = 2");

        var result = await VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Problem);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_removed_through_the_application()
    {
        await AddDepartmentAsync("9001", "A課");
        await using var db = Context();
        var entry = await db.AuditEntries.FirstAsync();
        entry.ActorName = "rewritten";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.Entry(entry).State = EntityState.Deleted;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_save_that_fails_leaves_neither_data_nor_audit_entries()
    {
        await AddDepartmentAsync("9001", "A課");

        await Assert.ThrowsAsync<DbUpdateException>(() => AddDepartmentAsync("9001", "duplicate code"));

        Assert.Single(await EntriesAsync());
        await using var db = Context();
        Assert.Equal(1, await db.Departments.CountAsync());
    }

    [Fact]
    public async Task Credentials_are_recorded_as_changed_but_never_written_into_the_trail()
    {
        await using (var db = Context())
        {
            db.Users.Add(new ApplicationUser { UserName = "u@example.jp", Email = "u@example.jp", PasswordHash = "SECRET-HASH-VALUE", SecurityStamp = "STAMP-VALUE" });
            await db.SaveChangesAsync();
        }

        var entry = Assert.Single(await EntriesAsync());

        Assert.Equal(nameof(ApplicationUser), entry.EntityType);
        Assert.Contains("PasswordHash", entry.Changes);
        Assert.DoesNotContain("SECRET-HASH-VALUE", entry.Changes);
        Assert.DoesNotContain("STAMP-VALUE", entry.Changes);
    }

    [Fact]
    public async Task Concurrent_saves_from_many_contexts_keep_one_unbroken_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => AddDepartmentAsync($"8{i:D3}", $"課{i}")));

        var result = await VerifyAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(20, result.EntriesChecked);
    }
}
