using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Accounts for a whole department at once, each with a one-time link to set the first password.</summary>
public sealed partial class BulkAccountTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    /// <summary>Accounts for the section of the first member of staff still without one.</summary>
    private async Task<BulkResult> CreateForADepartmentAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
        var bulk = scope.ServiceProvider.GetRequiredService<BulkAccounts>();
        var first = (await bulk.CandidatesAsync([])).First(c => c.Email is not null && !c.EmailTaken);
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var department = await db.Staff.Where(s => s.Id == first.StaffId).Select(s => s.DepartmentId).SingleAsync();
        return await bulk.CreateAsync([department], 14);
    }

    private async Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string token, string password, string confirm)
    {
        var page = await client.GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(token)}");
        var antiforgery = WebUtility.HtmlDecode(Antiforgery().Match(page).Groups[1].Value);
        return await client.PostAsync($"/Account/SetPassword?token={Uri.EscapeDataString(token)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["_handler"] = "set-password",
            ["Input.Token"] = token, ["Input.Password"] = password, ["Input.Confirm"] = confirm,
        }));
    }

    [Fact]
    public async Task A_person_sets_a_password_with_their_link_once_and_signs_in_with_it()
    {
        var result = await CreateForADepartmentAsync();
        Assert.NotEmpty(result.Created);
        var link = result.Created[0];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            var staff = await db.Staff.SingleAsync(s => s.EmployeeNumber == link.EmployeeNumber);
            Assert.NotNull(staff.UserId);
            // Only the token's hash is kept.
            Assert.False(await db.PasswordSetupLinks.AnyAsync(l => l.TokenHash == link.Token));
        }
        var browser = factory.CreateBrowserLikeClient();

        var weak = await PostPasswordAsync(browser, link.Token, "short", "short");
        Assert.Contains("data-testid=\"set-password-errors\"", await weak.Content.ReadAsStringAsync());
        var set = await PostPasswordAsync(browser, link.Token, "Firstpass-2026", "Firstpass-2026");
        var html = await set.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"set-password-done\"", html);
        Assert.Contains(link.Email, html);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), link.Email, "Firstpass-2026")).StatusCode);

        // The link works once: a second use (someone who found the sheet) is refused and changes nothing.
        var reused = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Token)}");
        Assert.Contains("すでに使われています", reused);
        var again = await PostPasswordAsync(factory.CreateBrowserLikeClient(), link.Token, "Otherpass-2026", "Otherpass-2026");
        Assert.Contains("data-testid=\"set-password-problem\"", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), link.Email, "Firstpass-2026")).StatusCode);
    }

    [Fact]
    public async Task A_refused_password_leaves_the_link_and_the_trail_untouched_and_the_use_reads_as_one_use()
    {
        var link = (await CreateForADepartmentAsync()).Created[0];
        long before;
        string userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            before = await db.AuditEntries.MaxAsync(e => e.Sequence);
            userId = (await db.Staff.SingleAsync(s => s.EmployeeNumber == link.EmployeeNumber)).UserId!;
        }
        var browser = factory.CreateBrowserLikeClient();

        // Long enough for the page, refused by the password rules (no digit, no capital, no symbol).
        var refused = await PostPasswordAsync(browser, link.Token, "onlylowercaseletters", "onlylowercaseletters");
        Assert.Contains("data-testid=\"set-password-errors\"", await refused.Content.ReadAsStringAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Sequence > before && e.EntityType == nameof(PasswordSetupLink)));
        }

        Assert.Contains("data-testid=\"set-password-done\"", await (await PostPasswordAsync(browser, link.Token, "Firstpass-2026", "Firstpass-2026")).Content.ReadAsStringAsync());

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            var linkIds = await db.PasswordSetupLinks.Where(l => l.UserId == userId).Select(l => l.Id).ToListAsync();
            var entries = await db.AuditEntries.Where(e => e.Sequence > before && e.EntityType == nameof(PasswordSetupLink)).ToListAsync();
            // One entry per key to the link (the address and the short code), each setting the time of use; none clearing it.
            Assert.Equal(linkIds.Count, entries.Count);
            Assert.All(entries, e => Assert.DoesNotContain("\"new\":null", e.Changes.Replace(" ", "", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task An_expired_or_unknown_link_is_refused_with_a_reason()
    {
        var result = await CreateForADepartmentAsync();
        var link = result.Created[0];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            var userId = await db.Staff.Where(s => s.EmployeeNumber == link.EmployeeNumber).Select(s => s.UserId).SingleAsync();
            // The link and its short code share one expiry.
            foreach (var stored in await db.PasswordSetupLinks.Where(l => l.UserId == userId).ToListAsync())
                stored.ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        var expired = await PostPasswordAsync(factory.CreateBrowserLikeClient(), link.Token, "Firstpass-2026", "Firstpass-2026");
        Assert.Contains("有効期限が切れています", await expired.Content.ReadAsStringAsync());
        var unknown = await factory.CreateBrowserLikeClient().GetStringAsync("/Account/SetPassword?token=not-a-token");
        Assert.Contains("このリンクは使えません", unknown);
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), link.Email, "Firstpass-2026")).StatusCode);
    }

    [Fact]
    public async Task Locking_an_account_cancels_its_link_which_then_reads_as_expired_even_after_unlocking()
    {
        var result = await CreateForADepartmentAsync();
        var link = result.Created[0];
        string userId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            userId = (await db.Staff.Where(s => s.EmployeeNumber == link.EmployeeNumber).Select(s => s.UserId).SingleAsync())!;
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().LockAsync(userId);
        }

        var whileLocked = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Token)}");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "admin@example.jp");
            await scope.ServiceProvider.GetRequiredService<AccountAdministration>().UnlockAsync(userId);
        }
        var afterUnlock = await PostPasswordAsync(factory.CreateBrowserLikeClient(), link.Token, "Firstpass-2026", "Firstpass-2026");

        var codeWhileLocked = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Code)}");
        Assert.Contains("有効期限が切れています", codeWhileLocked);
        Assert.Contains("有効期限が切れています", whileLocked);
        Assert.Contains("有効期限が切れています", await afterUnlock.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), link.Email, "Firstpass-2026")).StatusCode);
    }

    [Fact]
    public async Task A_link_of_an_account_locked_any_other_way_is_refused_as_expired_while_the_lock_stands()
    {
        var result = await CreateForADepartmentAsync();
        var link = result.Created[0];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "system:test");
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(link.Email))!;
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
        }

        var posted = await PostPasswordAsync(factory.CreateBrowserLikeClient(), link.Token, "Firstpass-2026", "Firstpass-2026");

        Assert.Contains("有効期限が切れています", await posted.Content.ReadAsStringAsync());
        await using var check = factory.Services.CreateAsyncScope();
        var again = check.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
        Assert.False(await again.HasPasswordAsync((await again.FindByEmailAsync(link.Email))!));
    }

    [Fact]
    public async Task The_short_code_opens_the_same_link_with_the_same_expiry_and_either_one_spends_both()
    {
        var result = await CreateForADepartmentAsync();
        var link = result.Created[0];
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", link.Code);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            var userId = await db.Staff.Where(s => s.EmployeeNumber == link.EmployeeNumber).Select(s => s.UserId).SingleAsync();
            var rows = await db.PasswordSetupLinks.Where(l => l.UserId == userId).ToListAsync();
            Assert.Equal(2, rows.Count);
            Assert.Single(rows.Select(r => r.ExpiresAt).Distinct());
        }
        // Typed from paper: lower case, without hyphens.
        var typed = link.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var form = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={typed}");
        Assert.Contains("data-testid=\"set-password-new\"", form);

        var set = await PostPasswordAsync(factory.CreateBrowserLikeClient(), typed, "Codepass-2026", "Codepass-2026");

        Assert.Contains(link.Email, await set.Content.ReadAsStringAsync());
        var linkAfter = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Token)}");
        var codeAfter = await factory.CreateBrowserLikeClient().GetStringAsync($"/Account/SetPassword?token={Uri.EscapeDataString(link.Code)}");
        Assert.Contains("すでに使われています", linkAfter);
        Assert.Contains("すでに使われています", codeAfter);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), link.Email, "Codepass-2026")).StatusCode);
    }

    [Fact]
    public async Task The_address_printed_on_the_slip_asks_for_the_code()
    {
        var html = await factory.CreateBrowserLikeClient().GetStringAsync("/Account/SetPassword");

        Assert.Contains("data-testid=\"set-password-code\"", html);
        Assert.DoesNotContain("data-testid=\"set-password-problem\"", html);
    }

    [Fact]
    public async Task Staff_who_already_have_an_account_or_no_e_mail_are_not_given_one()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var bulk = scope.ServiceProvider.GetRequiredService<BulkAccounts>();
        var candidates = await bulk.CandidatesAsync([]);

        // The demo account holders have accounts already.
        Assert.DoesNotContain(candidates, c => c.EmployeeNumber is "D0001" or "D0005");
        Assert.All(candidates, c => Assert.False(string.IsNullOrEmpty(c.EmployeeNumber)));
    }

    [Fact]
    public async Task Only_an_administrator_opens_the_bulk_page()
    {
        var staff = await SignIn.AsAsync(factory, "staff@example.jp");
        var response = await staff.GetAsync("/accounts/bulk");
        Assert.DoesNotContain("bulk-create", await response.Content.ReadAsStringAsync());
        var admin = await SignIn.AsAsync(factory, "admin@example.jp");
        Assert.Contains("bulk-create", await admin.GetStringAsync("/accounts/bulk"));
    }
}
