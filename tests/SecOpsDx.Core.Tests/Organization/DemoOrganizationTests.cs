using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Organization;

public sealed class DemoOrganizationTests
{
    private static async Task<List<string>> SeedAndListAsync(TestDatabase database, int staff, DateOnly today)
    {
        await using (var db = database.CreateContext())
            await DemoOrganization.SeedAsync(db, staff, today);
        await using var read = database.CreateContext();
        return await read.Staff.OrderBy(s => s.EmployeeNumber)
            .Select(s => $"{s.EmployeeNumber}|{s.FullName}|{s.Kana}|{s.Department!.Code}|{s.Title}|{s.HiredOn}")
            .ToListAsync();
    }

    [Fact]
    public async Task The_same_arguments_and_date_give_the_same_city()
    {
        await using var a = await TestDatabase.CreateAsync();
        await using var b = await TestDatabase.CreateAsync();
        var today = new DateOnly(2026, 11, 25);

        var first = await SeedAndListAsync(a, 50, today);
        var second = await SeedAndListAsync(b, 50, today);

        Assert.Equal(55, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing_and_writes_no_audit_entries()
    {
        await using var database = await TestDatabase.CreateAsync();
        var today = new DateOnly(2026, 11, 25);
        var first = await SeedAndListAsync(database, 30, today);
        await using var count = database.CreateContext();
        var auditBefore = await count.AuditEntries.CountAsync();

        var second = await SeedAndListAsync(database, 30, today);

        Assert.Equal(first, second);
        Assert.Equal(auditBefore, await count.AuditEntries.CountAsync());
    }
}
