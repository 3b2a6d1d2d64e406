using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed partial class AccountJourneyTests(BrowserFixture fixture)
{
    [GeneratedRegex(@"新しいパスワード: (\S+)")]
    private static partial Regex IssuedPassword();

    [Fact]
    public async Task An_administrator_gives_a_staff_member_an_account_who_then_signs_in_and_is_later_locked_out()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=users]");
        await admin.FillAsync("[data-testid=staff-search]", "100001");
        await admin.PressAsync("[data-testid=staff-search]", "Enter");
        var candidate = admin.Locator("[data-testid=candidate-row]");
        await Assertions.Expect(candidate).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(admin);
        await admin.ClickAsync("[data-testid=new-role-Csirt]");
        await Assertions.Expect(admin.Locator("[data-testid=new-role-Csirt]")).ToBeCheckedAsync();
        await candidate.Locator("[data-testid=create-account]").ClickAsync();

        var notice = admin.Locator("[data-testid=form-success]");
        await Assertions.Expect(notice).ToContainTextAsync("staff00001@city.example.jp");
        var password = IssuedPassword().Match(await notice.InnerTextAsync()).Groups[1].Value;
        var row = admin.Locator("[data-testid=user-row][data-email='staff00001@city.example.jp']");
        await Assertions.Expect(row).ToContainTextAsync("CSIRT要員");
        await Axe.AssertNoSeriousAsync(admin);

        var person = await fixture.SignInAsync("staff00001@city.example.jp", password);
        await Assertions.Expect(person.Locator("[data-testid=my-roles]")).ToContainTextAsync("CSIRT要員");
        await Axe.AssertNoSeriousAsync(person);
        await person.Context.CloseAsync();

        await row.Locator("[data-testid=lock]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("停止中");
        var refused = await fixture.NewPageAsync();
        await refused.GotoAsync("/Account/Login");
        await refused.FillAsync("#Input\\.Email", "staff00001@city.example.jp");
        await refused.FillAsync("#Input\\.Password", password);
        await refused.ClickAsync("[data-testid=login-submit]");
        await BrowserFixture.WaitForAddressAsync(refused, url => new Uri(url).AbsolutePath == "/Account/Lockout");
        await Axe.AssertNoSeriousAsync(refused);
        await refused.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
