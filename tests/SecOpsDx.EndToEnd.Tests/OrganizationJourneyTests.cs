using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class OrganizationJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_administrator_edits_a_staff_member_and_finds_the_change_in_the_verified_audit_trail()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=staff]");
        await admin.FillAsync("[data-testid=staff-search]", "100002");
        await admin.PressAsync("[data-testid=staff-search]", "Enter");
        await Assertions.Expect(admin.Locator("[data-testid=staff-row]")).ToHaveCountAsync(1);
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Locator("[data-testid=staff-row] a").ClickAsync();

        await admin.FillAsync("[data-testid=staff-hired]", "令和13年13月1日");
        await admin.ClickAsync("[data-testid=staff-save]");
        await Assertions.Expect(admin.Locator("[data-testid=form-error]")).ToContainTextAsync("採用日");
        await Axe.AssertNoSeriousAsync(admin);

        await admin.FillAsync("[data-testid=staff-hired]", "R2.4.1");
        await admin.FillAsync("#f-title", "係長");
        await admin.SelectOptionAsync("[data-testid=staff-category]", new SelectOptionValue { Label = "会計年度任用職員" });
        await admin.ClickAsync("[data-testid=staff-save]");
        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToBeVisibleAsync();

        await admin.ClickAsync("[data-nav=audit]");
        await admin.FillAsync("[data-testid=audit-actor]", "admin@example.jp");
        await admin.PressAsync("[data-testid=audit-actor]", "Enter");
        var latest = admin.Locator("[data-testid=audit-row]").First;
        // The change reads in the user's words: the kind of record, the field's name, the date as they prefer it.
        await Assertions.Expect(latest).ToContainTextAsync("職員");
        await Assertions.Expect(latest).Not.ToContainTextAsync("StaffMember");
        await Assertions.Expect(latest).ToContainTextAsync("係長");
        await Assertions.Expect(latest).ToContainTextAsync("令和2年4月1日");
        await Assertions.Expect(latest).ToContainTextAsync("会計年度任用職員");

        await admin.ClickAsync("[data-testid=audit-verify]");
        await Assertions.Expect(admin.Locator("[data-testid=audit-verify-result]")).ToContainTextAsync("改ざんは検出されませんでした");
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_adds_a_section_under_a_department()
    {
        var admin = await fixture.SignInAsync("admin@example.jp");
        await admin.ClickAsync("[data-nav=departments]");
        await admin.ClickAsync("[data-testid=department-new]");
        await admin.FillAsync("[data-testid=department-code]", "1050");
        await admin.FillAsync("[data-testid=department-name]", "危機管理課");
        await admin.SelectOptionAsync("[data-testid=department-parent]", new SelectOptionValue { Label = "1000 総務部" });
        await admin.ClickAsync("[data-testid=department-save]");

        await Assertions.Expect(admin.Locator("[data-testid=form-success]")).ToContainTextAsync("危機管理課");
        await Assertions.Expect(admin.Locator("[data-testid=department-row]", new() { HasText = "1050" })).ToContainTextAsync("危機管理課");
        await Axe.AssertNoSeriousAsync(admin);

        await admin.ClickAsync("[data-testid=department-new]");
        await admin.FillAsync("[data-testid=department-code]", "1050");
        await admin.FillAsync("[data-testid=department-name]", "重複");
        await admin.ClickAsync("[data-testid=department-save]");
        await Assertions.Expect(admin.Locator("[data-testid=form-error]")).ToContainTextAsync("1050");
        await Axe.AssertNoSeriousAsync(admin);
        await admin.Context.CloseAsync();
    }
}
