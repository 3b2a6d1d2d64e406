using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

/// <summary>An administrator makes accounts for a department and hands out the sheet; staff set their own passwords.</summary>
[Collection(AppCollection.Name)]
public sealed class BulkAccountJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Accounts_for_a_department_are_made_in_one_step_and_a_person_sets_their_password_from_the_sheet()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=bulk-accounts]");
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("アカウントの一括作成");
        await Axe.AssertNoSeriousAsync(admin);

        // 建設部 (4000) and its sections: the single-account journey gives an account to a member of 市民部, and the
        // two journeys must not take each other's candidates whatever order they run in.
        await admin.Locator("[data-testid=bulk-department][data-code='4000']").CheckAsync();
        await Assertions.Expect(admin.Locator("[data-testid=bulk-preview]")).ToContainTextAsync("作成できる職員");
        await admin.ClickAsync("[data-testid=bulk-create]");

        var rows = admin.Locator("[data-testid=bulk-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(admin);
        var email = await rows.First.Locator("td").Nth(3).InnerTextAsync();
        var link = await rows.First.Locator("[data-testid=bulk-link]").InnerTextAsync();

        var person = await fixture.NewPageAsync();
        await person.GotoAsync(link.Trim());
        await Axe.AssertNoSeriousAsync(person);
        await person.FillAsync("[data-testid=set-password-new]", "Sheetpass-2026");
        await person.FillAsync("[data-testid=set-password-confirm]", "Sheetpass-2026");
        await person.ClickAsync("[data-testid=set-password-submit]");
        await Assertions.Expect(person.Locator("[data-testid=set-password-done]")).ToContainTextAsync(email.Trim());
        await Axe.AssertNoSeriousAsync(person);

        // The same link does not work twice.
        await person.GotoAsync(link.Trim());
        await Assertions.Expect(person.Locator("[data-testid=set-password-problem]")).ToContainTextAsync("すでに使われています");
        await person.Context.CloseAsync();

        var signedIn = await fixture.SignInAsync(email.Trim(), "Sheetpass-2026");
        await Assertions.Expect(signedIn.Locator("[data-testid=my-roles]")).ToContainTextAsync("職員");
        await signedIn.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
