using System.Text;
using Microsoft.Playwright;
using SecOpsDx.EndToEnd.Tests.Support;

namespace SecOpsDx.EndToEnd.Tests;

[Collection(SecondAppCollection.Name)]
public sealed class TrainingJourneyTests(BrowserFixture fixture)
{
    // The demo's courses (Core/Demo/DemoTraining.cs).
    private const string AllStaffCourse = "情報セキュリティ研修(全職員)";
    private const string PrivacyCourse = "個人情報保護研修";

    private static string TodayInJapan => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd");

    private static async Task<string> DepartmentRateAsync(IPage manager, string course)
    {
        await manager.GotoAsync("/training/department");
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        var chosen = await manager.SelectOptionAsync("[data-testid=dept-course]", new SelectOptionValue { Label = course });
        // The figures of the course just chosen, not those of the course shown before the choice was applied.
        var summary = manager.Locator($"[data-testid=dept-summary][data-course='{chosen[0]}']");
        await summary.WaitForAsync();
        return await summary.Locator("[data-testid=dept-rate]").InnerTextAsync();
    }

    [Fact]
    public async Task Staff_confirm_a_course_with_a_quiz_and_the_department_rate_rises_on_the_managers_page()
    {
        var manager = await fixture.SignInAsync("manager@example.jp");
        var before = await DepartmentRateAsync(manager, AllStaffCourse);
        await Axe.AssertNoSeriousAsync(manager);
        await Assertions.Expect(manager.Locator("[data-testid=dept-own]")).ToContainTextAsync("市民課");

        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.ClickAsync("[data-nav=my-tasks]");
        // My tasks renders without a live circuit: the interactive router hands it to a full page load, so wait for
        // the page itself rather than the address.
        await staff.Locator("[data-testid=training-tasks]").WaitForAsync();
        await staff.WaitForLoadStateAsync(LoadState.Load);
        Assert.EndsWith("/my/tasks", staff.Url, StringComparison.Ordinal);
        await Axe.AssertNoSeriousAsync(staff);
        var task = staff.Locator("[data-testid=training-task]", new() { HasText = AllStaffCourse });
        await Assertions.Expect(task.Locator("[data-testid=training-task-status]")).ToHaveTextAsync("未受講");
        await task.Locator("[data-testid=training-task-open]").ClickAsync();
        await staff.Locator("[data-testid=confirm-form]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(staff);

        // One wrong answer of three: 66 points against a pass mark of 80 — not completed, the form comes back.
        await staff.FillAsync("[data-testid=confirm-date]", TodayInJapan);
        await staff.CheckAsync("#q1-c0");
        await staff.CheckAsync("#q2-c1");
        await staff.CheckAsync("#q3-c2");
        await staff.ClickAsync("[data-testid=confirm-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=confirm-score]")).ToContainTextAsync("66点");
        await Assertions.Expect(staff.Locator("[data-testid=confirm-form]")).ToBeVisibleAsync();
        // The wrong question is named and marked; the answers given stay chosen.
        await Assertions.Expect(staff.Locator("[data-testid=confirm-wrong]")).ToContainTextAsync("問1");
        await Assertions.Expect(staff.Locator("[data-testid=quiz-question][data-wrong=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(staff.Locator("#q2-c1")).ToBeCheckedAsync();
        await Axe.AssertNoSeriousAsync(staff);

        await staff.FillAsync("[data-testid=confirm-date]", TodayInJapan);
        await staff.CheckAsync("#q1-c1");
        await staff.CheckAsync("#q2-c1");
        await staff.CheckAsync("#q3-c2");
        await staff.ClickAsync("[data-testid=confirm-submit]");
        await Assertions.Expect(staff.Locator("[data-testid=confirm-score]")).ToContainTextAsync("100点");
        await Assertions.Expect(staff.Locator("[data-testid=confirm-done]")).ToBeVisibleAsync();
        await Assertions.Expect(staff.Locator("[data-testid=confirm-attempts] li")).ToHaveCountAsync(2);
        await Axe.AssertNoSeriousAsync(staff);

        await staff.ClickAsync("text=自分のタスクに戻る");
        await Assertions.Expect(staff.Locator("[data-testid=training-task]", new() { HasText = AllStaffCourse })
            .Locator("[data-testid=training-task-status]")).ToHaveTextAsync("受講済");
        await staff.ClickAsync("[data-testid=training-history-link]");
        await Assertions.Expect(staff.Locator("[data-testid=history-row]").First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(staff);

        var after = await DepartmentRateAsync(manager, AllStaffCourse);
        Assert.True(Percent(after) > Percent(before), $"the rate went from {before} to {after}");
        var row = manager.Locator("[data-testid=dept-row][data-staff=D0005]");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync("受講済");
        await Axe.AssertNoSeriousAsync(manager);
        await staff.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_records_a_paper_sheet_for_someone_without_a_PC()
    {
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.ClickAsync("[data-nav=department-training]");
        await BrowserFixture.WaitForAddressAsync(manager, url => url.EndsWith("/training/department", StringComparison.Ordinal));
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        await manager.SelectOptionAsync("[data-testid=dept-course]", new SelectOptionValue { Label = PrivacyCourse });
        var row = manager.Locator("[data-testid=dept-row][data-staff=D0005]");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync("期限超過");
        await Axe.AssertNoSeriousAsync(manager);

        await manager.ClickAsync("[data-testid=paper-panel] summary");
        await manager.SelectOptionAsync("[data-testid=paper-staff]", new SelectOptionValue { Label = "D0005 窓口 さくら" });
        await manager.FillAsync("[data-testid=paper-date]", TodayInJapan);
        await manager.ClickAsync("[data-testid=paper-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=form-error]")).ToContainTextAsync("理由");

        await manager.FillAsync("[data-testid=paper-reason]", "窓口業務のためPCがなく、紙の受講票で受講");
        await manager.ClickAsync("[data-testid=paper-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=form-success]")).ToContainTextAsync("窓口 さくら");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync("受講済");
        await Assertions.Expect(row).ToContainTextAsync("紙の受講票");
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task The_CISO_retires_a_course_made_by_mistake_and_it_leaves_the_rates_and_the_staffs_tasks()
    {
        const string title = "誤って作成した研修(取り下げ確認)";
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.GotoAsync("/training/courses/new");
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        await ciso.FillAsync("[data-testid=course-title]", title);
        await ciso.ClickAsync("[data-testid=course-save]");
        await BrowserFixture.WaitForAddressAsync(ciso, url => System.Text.RegularExpressions.Regex.IsMatch(url, "/training/courses/[0-9]+$"));
        await Assertions.Expect(ciso.Locator("[data-testid=course-form][data-retired=false]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(ciso);

        // Without a reason it is refused and nothing changes; with one the page turns read-only and says when and why.
        await ciso.ClickAsync("[data-testid=retire-panel] summary");
        await ciso.ClickAsync("[data-testid=retire-submit]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-error]")).ToContainTextAsync("理由");
        await Assertions.Expect(ciso.Locator("[data-testid=course-form][data-retired=false]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.FillAsync("[data-testid=retire-reason]", "同じ研修を二重に作成したため");
        await ciso.ClickAsync("[data-testid=retire-submit]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync(title);
        await Assertions.Expect(ciso.Locator("[data-testid=course-form][data-retired=true]")).ToBeVisibleAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=course-retired-reason]")).ToHaveTextAsync("同じ研修を二重に作成したため");
        await Assertions.Expect(ciso.Locator("[data-testid=course-retired-on]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=course-title]")).ToBeDisabledAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=course-save]")).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(ciso);

        await ciso.GotoAsync("/training");
        await Assertions.Expect(ciso.Locator("[data-testid=overview-retired-course]", new() { HasText = title })).ToBeVisibleAsync();
        await Assertions.Expect(ciso.Locator("[data-testid=overview-course]", new() { HasText = title })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(ciso);

        var staff = await fixture.SignInAsync("staff@example.jp");
        await staff.GotoAsync("/my/tasks");
        await staff.Locator("[data-testid=training-tasks]").WaitForAsync();
        await Assertions.Expect(staff.Locator("[data-testid=training-task]", new() { HasText = title })).ToHaveCountAsync(0);
        await Axe.AssertNoSeriousAsync(staff);
        await staff.Context.CloseAsync();
        await ciso.Context.CloseAsync();
    }

    [Fact]
    public async Task A_manager_withdraws_a_paper_sheet_entered_by_mistake_and_the_person_is_back_where_they_were()
    {
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.GotoAsync("/training/department");
        await BrowserFixture.WaitUntilInteractiveAsync(manager);
        // The all-staff course is about half done, so the department has people still to take it.
        var chosen = await manager.SelectOptionAsync("[data-testid=dept-course]", new SelectOptionValue { Label = AllStaffCourse });
        await manager.Locator($"[data-testid=dept-summary][data-course='{chosen[0]}']").WaitForAsync();

        // Someone still to take it other than the person the confirmation journey uses.
        await manager.ClickAsync("[data-testid=paper-panel] summary");
        var labels = await manager.Locator("[data-testid=paper-staff] option").AllInnerTextsAsync();
        var label = labels.Skip(1).First(l => !l.StartsWith("D0005", StringComparison.Ordinal));
        var number = label.Split(' ')[0];
        var row = manager.Locator($"[data-testid=dept-row][data-staff='{number}']");
        var before = await row.Locator("[data-testid=dept-row-status]").InnerTextAsync();
        await manager.SelectOptionAsync("[data-testid=paper-staff]", new SelectOptionValue { Label = label });
        await manager.FillAsync("[data-testid=paper-date]", TodayInJapan);
        await manager.FillAsync("[data-testid=paper-reason]", "紙の受講票(取り違え)");
        await manager.ClickAsync("[data-testid=paper-submit]");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync("受講済");
        await Axe.AssertNoSeriousAsync(manager);

        await row.Locator("[data-testid=undo-open]").ClickAsync();
        var panel = manager.Locator($"[data-testid=undo-panel][data-staff='{number}']");
        await panel.WaitForAsync();
        await manager.ClickAsync("[data-testid=undo-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=form-error]")).ToContainTextAsync("理由");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync("受講済");
        await Axe.AssertNoSeriousAsync(manager);

        await manager.FillAsync("[data-testid=undo-reason]", "別の職員の受講票を取り違えたため");
        await manager.ClickAsync("[data-testid=undo-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=form-success]")).ToContainTextAsync("取り消しました");
        await Assertions.Expect(row.Locator("[data-testid=dept-row-status]")).ToHaveTextAsync(before);
        await Assertions.Expect(panel).ToHaveCountAsync(0);
        var withdrawn = manager.Locator($"[data-testid=dept-withdrawn-row][data-staff='{number}']");
        await Assertions.Expect(withdrawn).ToContainTextAsync("別の職員の受講票を取り違えたため");
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task The_CISO_imports_a_drill_CSV_assigns_a_follow_up_and_a_manager_records_a_report_that_reached_him_by_hand()
    {
        var csv = new StringBuilder("id,status,ip,latitude,longitude,send_date,reported,email,first_name,last_name,position\n")
            .Append("a1,Clicked Link,10.0.0.1,0,0,2026-11-02T09:00:00+09:00,false,staff@example.jp,さくら,窓口,'=主事\n")
            .Append("a2,Email Opened,10.0.0.2,0,0,2026-11-02T09:00:00+09:00,true,manager@example.jp,一郎,市民,課長\n")
            .Append("a3,Email Sent,,0,0,2026-11-02T09:00:00+09:00,false,former@example.jp,元,職員,\n")
            .ToString();
        var ciso = await fixture.SignInAsync("ciso@example.jp");
        await ciso.ClickAsync("[data-nav=training]");
        await BrowserFixture.WaitForAddressAsync(ciso, url => url.EndsWith("/training", StringComparison.Ordinal));
        await Assertions.Expect(ciso.Locator("[data-testid=overview-course]").First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(ciso);

        // A new course with a quiz the editor cannot read is refused with the question's number, then saved.
        await ciso.ClickAsync("[data-testid=course-new]");
        await BrowserFixture.WaitForAddressAsync(ciso, url => url.Contains("/training/courses/new", StringComparison.Ordinal));
        await BrowserFixture.WaitUntilInteractiveAsync(ciso);
        await ciso.FillAsync("[data-testid=course-title]", "標的型メール訓練 事前研修");
        await ciso.FillAsync("[data-testid=course-pass]", "100");
        await ciso.FillAsync("[data-testid=course-quiz]", "怪しいメールを受け取ったら？\n- 開く\n- 無視する");
        await ciso.ClickAsync("[data-testid=course-save]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-error]")).ToContainTextAsync("問1");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.FillAsync("[data-testid=course-quiz]", "怪しいメールを受け取ったら？\n- 開く\n* 情報政策課へ報告する");
        await ciso.ClickAsync("[data-testid=course-save]");
        await BrowserFixture.WaitForAddressAsync(ciso, url => System.Text.RegularExpressions.Regex.IsMatch(url, "/training/courses/[0-9]+$"));
        await Assertions.Expect(ciso.Locator("[data-testid=course-title]")).ToHaveValueAsync("標的型メール訓練 事前研修");
        await Axe.AssertNoSeriousAsync(ciso);

        await ciso.ClickAsync("[data-nav=drills]");
        await BrowserFixture.WaitForAddressAsync(ciso, url => url.EndsWith("/training/drills", StringComparison.Ordinal));
        await ciso.Locator("[data-testid=drill-upload][data-ready=true]").WaitForAsync();
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Locator("[data-testid=drill-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "令和8年度 第2回 - Results.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Assertions.Expect(ciso.Locator("[data-testid=drill-matched]")).ToHaveTextAsync("2");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-unknown]")).ToContainTextAsync("former@example.jp");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-name]")).ToHaveValueAsync("令和8年度 第2回");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.ClickAsync("[data-testid=drill-import]");

        await BrowserFixture.WaitForAddressAsync(ciso, url => url.Contains("/training/drills/", StringComparison.Ordinal));
        await Assertions.Expect(ciso.Locator("h1")).ToHaveTextAsync("令和8年度 第2回");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-unknown-list]")).ToContainTextAsync("former@example.jp");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-overall]")).ToContainTextAsync("1 (33.3%)");
        // The demo city runs the α model: mail arrives as text, so the page says why it gives no open figures.
        await Assertions.Expect(ciso.Locator("[data-testid=drill-text-mail]")).ToContainTextAsync("開封率は表示しません");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-overall] thead")).Not.ToContainTextAsync("開封");
        await Axe.AssertNoSeriousAsync(ciso);
        var drillPage = ciso.Url;

        await ciso.ClickAsync("[data-testid=followup-panel] summary");
        await ciso.ClickAsync("[data-testid=followup-submit]");
        await Assertions.Expect(ciso.Locator("[data-testid=form-success]")).ToContainTextAsync("1 人");
        await Axe.AssertNoSeriousAsync(ciso);

        // 窓口 さくら forwarded the drill mail to her manager instead of pressing the report button: he records it by hand.
        var manager = await fixture.SignInAsync("manager@example.jp");
        await manager.ClickAsync("[data-nav=drill-reports]");
        await BrowserFixture.WaitForAddressAsync(manager, url => url.Contains("/training/drill-reports", StringComparison.Ordinal));
        var option = manager.Locator("[data-testid=hand-drill] option", new() { HasTextString = "令和8年度 第2回" });
        await manager.SelectOptionAsync("[data-testid=hand-drill]", (await option.GetAttributeAsync("value"))!);
        await manager.ClickAsync("[data-testid=hand-show]");
        await BrowserFixture.WaitForAddressAsync(manager, url => url.Contains("drill=", StringComparison.Ordinal));
        await Assertions.Expect(manager.Locator("[data-testid=hand-own]")).ToContainTextAsync("市民課");
        var row = manager.Locator("[data-testid=hand-row][data-staff=D0005]");
        await Assertions.Expect(row.Locator("[data-testid=hand-how]")).ToHaveTextAsync("未報告");
        await Assertions.Expect(manager.Locator("[data-testid=hand-row][data-staff=D0004] [data-testid=hand-how]")).ToHaveTextAsync("報告ボタン");
        await Axe.AssertNoSeriousAsync(manager);

        await manager.SelectOptionAsync("[data-testid=hand-staff]", new SelectOptionValue { Label = "D0005 窓口 さくら" });
        await manager.FillAsync("[data-testid=hand-note]", "不審なメールとして課長へ転送");
        await manager.ClickAsync("[data-testid=hand-submit]");
        await Assertions.Expect(manager.Locator("[data-testid=form-success]")).ToContainTextAsync("窓口 さくら");
        await Assertions.Expect(row.Locator("[data-testid=hand-how]")).ToContainTextAsync("手入力");
        await Assertions.Expect(row.Locator("[data-testid=hand-how]")).ToContainTextAsync("課長へ転送");
        await Assertions.Expect(manager.Locator("[data-testid=hand-nobody]")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousAsync(manager);
        await manager.Context.CloseAsync();

        // The CISO's drill page counts the report once: two of three now.
        await ciso.GotoAsync(drillPage);
        await Assertions.Expect(ciso.Locator("[data-testid=drill-overall]")).ToContainTextAsync("2 (66.7%)");
        await Assertions.Expect(ciso.Locator("[data-testid=drill-overall]")).ToContainTextAsync("うち手入力 1 人");
        await Axe.AssertNoSeriousAsync(ciso);
        await ciso.Context.CloseAsync();
    }

    private static double Percent(string text) =>
        text.Trim() == "—" ? 0 : double.Parse(text.Trim().TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
}
