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

        // A department none of whose people the other journeys use (they work with 100001–100003 and 100011–100013).
        var departments = admin.Locator("[data-testid=bulk-department]");
        var chosen = false;
        for (var i = 0; i < await departments.CountAsync() && !chosen; i++)
        {
            await departments.Nth(i).CheckAsync();
            await Assertions.Expect(admin.Locator("[data-testid=bulk-preview]")).ToContainTextAsync("作成できる職員");
            var numbers = await admin.Locator("[data-testid=bulk-candidate]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.number)");
            if (numbers.Length > 1 && !numbers.Any(n => n is "100001" or "100002" or "100003" or "100011" or "100012" or "100013"))
                chosen = true;
            else
                await departments.Nth(i).UncheckAsync();
        }
        Assert.True(chosen, "no department without the other journeys' staff");
        await admin.ClickAsync("[data-testid=bulk-create]");

        var rows = admin.Locator("[data-testid=bulk-row]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(admin);
        // One slip per person: a QR code of the link, a short code, and how long they last.
        await Assertions.Expect(rows.First.Locator("[data-testid=bulk-qr]")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        await Assertions.Expect(admin.Locator("[data-testid=bulk-links-last]")).ToContainTextAsync("日間有効");
        var email = await rows.First.Locator("[data-testid=bulk-email]").InnerTextAsync();
        var link = await rows.First.Locator("[data-testid=bulk-link]").InnerTextAsync();
        var code = await rows.Nth(1).Locator("[data-testid=bulk-code]").InnerTextAsync();
        var codeEmail = await rows.Nth(1).Locator("[data-testid=bulk-email]").InnerTextAsync();

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

        // The second person types the short code at the address printed on the slip.
        var typist = await fixture.NewPageAsync();
        await typist.GotoAsync(link.Trim()[..link.Trim().IndexOf('?', StringComparison.Ordinal)]);
        await Axe.AssertNoSeriousAsync(typist);
        await typist.FillAsync("[data-testid=set-password-code]", code.Trim().ToLowerInvariant());
        await typist.ClickAsync("[data-testid=set-password-code-submit]");
        await typist.FillAsync("[data-testid=set-password-new]", "Codepass-2026x");
        await typist.FillAsync("[data-testid=set-password-confirm]", "Codepass-2026x");
        await typist.ClickAsync("[data-testid=set-password-submit]");
        await Assertions.Expect(typist.Locator("[data-testid=set-password-done]")).ToContainTextAsync(codeEmail.Trim());
        await typist.Context.CloseAsync();

        var signedIn = await fixture.SignInAsync(email.Trim(), "Sheetpass-2026");
        await Assertions.Expect(signedIn.Locator("[data-testid=my-roles]")).ToContainTextAsync("職員");
        await signedIn.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
