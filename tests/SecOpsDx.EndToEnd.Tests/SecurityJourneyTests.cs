using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed partial class SecurityJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"新しいパスワード: (\S+)")]
    private static partial Regex IssuedPassword();

    [GeneratedRegex(@"sdx_[a-z2-7]{8}_[A-Za-z0-9_-]+")]
    private static partial Regex IssuedToken();

    [Fact]
    public async Task A_CSIRT_member_sets_up_an_authenticator_and_then_signs_in_with_a_code()
    {
        // An administrator gives a staff member a CSIRT account.
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=users]");
        await admin.FillAsync("[data-testid=staff-search]", "100003");
        await admin.PressAsync("[data-testid=staff-search]", "Enter");
        await admin.ClickAsync("[data-testid=new-role-Csirt]");
        await Assertions.Expect(admin.Locator("[data-testid=new-role-Csirt]")).ToBeCheckedAsync();
        await admin.Locator("[data-testid=candidate-row] [data-testid=create-account]").ClickAsync();
        var notice = admin.Locator("[data-testid=form-success]");
        await Assertions.Expect(notice).ToContainTextAsync("staff00003@city.example.jp");
        var password = IssuedPassword().Match(await notice.InnerTextAsync()).Groups[1].Value;
        await admin.Context.CloseAsync();

        // The member enrols an authenticator app.
        var member = await fixture.SignInAsync("staff00003@city.example.jp", password);
        await member.GotoAsync("/Account/Manage/EnableAuthenticator");
        var key = await member.Locator("[data-testid=authenticator-key]").InnerTextAsync();
        await Axe.AssertNoSeriousAsync(member);
        Assert.Contains("issuer=SecOpsDx", await member.Locator("[data-testid=authenticator-setup]").GetAttributeAsync("data-url"));
        await member.FillAsync("[data-testid=authenticator-code]", "000000");
        await member.ClickAsync("[data-testid=authenticator-verify]");
        await Assertions.Expect(member.Locator("[data-testid=authenticator-setup]")).ToBeVisibleAsync();
        await member.FillAsync("[data-testid=authenticator-code]", Totp.Code(key, DateTimeOffset.UtcNow));
        await member.ClickAsync("[data-testid=authenticator-verify]");
        await Assertions.Expect(member.Locator("[data-testid=recovery-codes]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(member);
        await member.Context.CloseAsync();

        // The next sign-in asks for the code.
        var again = await fixture.NewPageAsync();
        await again.GotoAsync("/Account/Login");
        await again.FillAsync("#Input\\.Email", "staff00003@city.example.jp");
        await again.FillAsync("#Input\\.Password", password);
        await again.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForAddressAsync(again, url => new Uri(url).AbsolutePath == "/Account/LoginWith2fa");
        await Axe.AssertNoSeriousAsync(again);
        await again.FillAsync("[data-testid='2fa-code']", Totp.Code(key, DateTimeOffset.UtcNow));
        await again.ClickAsync("[data-testid='2fa-submit']");
        await BrowserFixture.WaitForAddressAsync(again, url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(again.Locator("[data-testid=my-roles]")).ToContainTextAsync("CSIRT要員");
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_issues_an_API_token_a_system_reports_with_it_and_the_revoked_token_stops_working()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=api-tokens]");
        await admin.FillAsync("[data-testid=token-name]", "メールゲートウェイ");
        await admin.ClickAsync("[data-testid=token-create]");
        var token = IssuedToken().Match(await admin.Locator("[data-testid=form-success]").InnerTextAsync()).Value;
        Assert.NotEmpty(token);
        await Axe.AssertNoSeriousAsync(admin);

        var api = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseUrl.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        var body = new Dictionary<string, object> { ["title"] = "添付ファイルにマルウェアを検知", ["category"] = "malware", ["source"] = "system" };
        var created = await api.APIRequest.PostAsync("/api/v1/incidents", new APIRequestContextOptions { DataObject = body });
        Assert.Equal(201, created.Status);
        var number = (await created.JsonAsync())!.Value.GetProperty("number").GetString()!;

        var csirt = await fixture.SignInAsync("csirt@example.jp");
        await csirt.ClickAsync("[data-nav=incidents]");
        await Assertions.Expect(csirt.Locator($"[data-testid=incident-row][data-number='{number}']")).ToContainTextAsync("マルウェア");
        await Axe.AssertNoSeriousAsync(csirt);
        await csirt.Context.CloseAsync();

        var row = admin.Locator("[data-testid=token-row]", new() { HasText = "メールゲートウェイ" });
        await row.Locator("[data-testid=token-revoke]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=token-revoke]")).ToHaveCountAsync(0);
        var refused = await api.APIRequest.PostAsync("/api/v1/incidents", new APIRequestContextOptions { DataObject = body });
        Assert.Equal(401, refused.Status);
        await api.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
