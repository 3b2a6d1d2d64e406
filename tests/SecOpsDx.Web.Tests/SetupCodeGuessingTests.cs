using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Guessing set-password codes: an address that tries too many unknown ones is refused for a while (3 here).</summary>
public sealed class SetupCodeGuessingTests(ThrottledAppFactory factory) : IClassFixture<ThrottledAppFactory>
{
    private async Task<IssuedSetupLink> OneLinkAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
        var bulk = scope.ServiceProvider.GetRequiredService<BulkAccounts>();
        var first = (await bulk.CandidatesAsync([])).First(c => c.Email is not null && !c.EmailTaken);
        var department = await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Staff
            .Where(s => s.Id == first.StaffId).Select(s => s.DepartmentId).SingleAsync();
        return (await bulk.CreateAsync([department], 14)).Created[0];
    }

    [Fact]
    public async Task After_three_unknown_codes_an_address_is_refused_even_a_right_code_while_others_are_served()
    {
        var link = await OneLinkAsync();
        var guesser = factory.ClientAt("198.19.0.1", browserLike: true);

        for (var i = 0; i < 3; i++)
            Assert.Contains("このリンクは使えません", await guesser.GetStringAsync($"/Account/SetPassword?token=AAAA-AAAA-AA{i:D2}"));
        var refused = await guesser.GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Code)}");
        var other = await factory.ClientAt("198.19.0.2", browserLike: true).GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Code)}");

        Assert.Contains("しばらく受け付けません", refused);
        Assert.DoesNotContain("set-password-new", refused);
        Assert.Contains("data-testid=\"set-password-new\"", other);
    }
}
