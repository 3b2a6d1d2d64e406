using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Mail;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Jobs;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// Two 課 of their own in the demo city. 点検課 (課長 Hana) owns five findings of a closed self-check: one due
/// 2027-02-26, one overdue since 2027-02-05, one withdrawn, one due in April and one past its date (2027-02-03) but
/// recorded as corrected. Four controls, last verified on
/// 2025-01-01 so overdue in February 2027, name a person as owner: MN-01 names Yuki (an Admin of 監視課 who reads
/// English), MN-02 names Hana, LG-05 names Ken (課長 of 監視課) and IN-01 names Rin (a 監視課 manager who left on
/// 2026-10-31); IN-02 names Nao, a 監視課 member who was a manager when named and no longer holds the role. Sora is a
/// staff member of 監視課.
/// </summary>
public sealed class ControlReminderFixture : IAsyncLifetime
{
    public const string Hana = "hana.controls@example.jp";
    public const string Ken = "ken.controls@example.jp";
    public const string Sora = "sora.controls@example.jp";
    public const string Yuki = "yuki.controls@example.jp";
    public const string Rin = "rin.controls@example.jp";
    public const string Nao = "nao.controls@example.jp";

    public const string DueSoonAction = "点検課試験: メール無害化の設定を見直す";
    public const string OverdueAction = "点検課試験: 画面転送の端末を更新する";
    public const string WithdrawnAction = "点検課試験: 取り下げた指摘";
    public const string LaterAction = "点検課試験: 四月が期限の指摘";
    public const string CorrectedAction = "点検課試験: 是正を終えた指摘";

    public TestSmtpServer Smtp { get; } = new();
    public AppFactory App { get; private set; } = default!;
    public int SelfCheckId { get; private set; }

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        var settings = Smtp.AppSettings();
        settings["SecOpsDx:BaseUrl"] = "https://secopsdx.city.example.jp/";
        App = new SettingsAppFactory(settings);
        _ = App.Server;
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test");
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var checks = new Department { Code = "R910", Name = "点検課" };
        var watch = new Department { Code = "R920", Name = "監視課" };
        db.Departments.AddRange(checks, watch);
        await db.SaveChangesAsync();

        async Task<string> PersonAsync(string email, string number, string name, Department department, string? role = null, DateOnly? retired = null, bool english = false)
        {
            var user = await AccountProvisioning.CreateAsync(users, email, "Reminder-Pass-2026x", name);
            if (english)
            {
                user.PreferredCulture = "en-US";
                user.DateStyle = "Western";
                await users.UpdateAsync(user);
            }
            if (role is not null) await users.AddToRoleAsync(user, role);
            db.Staff.Add(new StaffMember { EmployeeNumber = number, FullName = name, DepartmentId = department.Id, Email = email, UserId = user.Id, RetiredOn = retired });
            await db.SaveChangesAsync();
            return user.Id;
        }
        var hana = await PersonAsync(Hana, "R91001", "点検 はな", checks, Roles.Manager);
        var ken = await PersonAsync(Ken, "R92001", "監視 けん", watch, Roles.Manager);
        await PersonAsync(Sora, "R92002", "監視 そら", watch);
        var yuki = await PersonAsync(Yuki, "R92003", "監視 ゆき", watch, Roles.Admin, english: true);
        var rin = await PersonAsync(Rin, "R92004", "退職 りん", watch, Roles.Manager, retired: new DateOnly(2026, 10, 31));
        var nao = await PersonAsync(Nao, "R92005", "監視 なお", watch, Roles.Manager);

        var check = new SelfCheck
        {
            FiscalYear = 2019, Model = "alpha", OpenedAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), OpenedBy = "test",
            ClosedAt = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), ClosedBy = "test", Summary = "点検課の試験用",
        };
        db.SelfChecks.Add(check);
        await db.SaveChangesAsync();
        SelfCheckId = check.Id;
        SelfCheckFinding Finding(string control, string action, DateOnly due, DateTimeOffset? withdrawn = null) => new()
        {
            SelfCheckId = check.Id, ControlId = control, CorrectiveAction = action, OwnerDepartmentId = checks.Id, DueOn = due,
            RaisedAt = check.OpenedAt.AddDays(10), WithdrawnAt = withdrawn,
        };
        db.SelfCheckFindings.AddRange(
            Finding("LG-06", DueSoonAction, new DateOnly(2027, 2, 26)),
            Finding("LG-03", OverdueAction, new DateOnly(2027, 2, 5)),
            Finding("IN-03", WithdrawnAction, new DateOnly(2027, 2, 1), withdrawn: check.OpenedAt.AddDays(20)),
            Finding("CM-04", LaterAction, new DateOnly(2027, 4, 30)));
        var corrected = Finding("CM-01", CorrectedAction, new DateOnly(2027, 2, 3));
        (corrected.CorrectedOn, corrected.CorrectionNote, corrected.CorrectedBy, corrected.CorrectedAt) =
            (new DateOnly(2027, 1, 20), "設定を見直した", Hana, new DateTimeOffset(2027, 1, 20, 1, 0, 0, TimeSpan.Zero));
        db.SelfCheckFindings.Add(corrected);

        foreach (var (control, department, owner) in new[] { ("MN-01", checks, yuki), ("MN-02", checks, hana), ("LG-05", checks, ken), ("IN-01", watch, rin), ("IN-02", watch, nao) })
        {
            var state = await db.ControlStates.SingleOrDefaultAsync(s => s.ControlId == control && s.SystemId == null);
            if (state is null) db.ControlStates.Add(state = new ControlState { ControlId = control, Status = ControlStatus.Met });
            (state.OwnerDepartmentId, state.OwnerUserId, state.LastVerifiedOn, state.Status) = (department.Id, owner, new DateOnly(2025, 1, 1), ControlStatus.Met);
        }
        await db.SaveChangesAsync();
        // Nao was named while a manager, then moved to work without the role.
        await users.RemoveFromRoleAsync((await users.FindByIdAsync(nao))!, Roles.Manager);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The weekly mails about self-check findings and about the controls a person is named owner of.</summary>
public sealed class ControlReminderTests(ControlReminderFixture fixture) : IClassFixture<ControlReminderFixture>
{
    private static DateTimeOffset At(int month, int day, int hour = 9) =>
        new(new DateTime(month >= 4 ? 2026 : 2027, month, day, hour, 0, 0), TimeSpan.FromHours(9));

    private async Task<ReminderRun> RunAtAsync(DateTimeOffset at)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test");
        return await scope.ServiceProvider.GetRequiredService<ReminderMailer>().RunAsync(default, at);
    }

    private async Task<List<OutboxMessage>> MailAsync(string to, DateTimeOffset at, string? kind = null)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var key = $"|{DateOnly.FromDateTime(at.DateTime):yyyy-MM-dd}";
        return await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking()
            .Where(m => m.To == to && (kind == null || m.Kind == kind) && m.Key.EndsWith(key)).ToListAsync();
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task Open_findings_due_this_month_or_overdue_reach_the_owning_managers_and_the_overdue_ones_the_CISO_office_once()
    {
        var monday = At(2, 15);

        await RunAtAsync(monday);
        var again = await RunAtAsync(monday.AddHours(2));

        var weekly = Assert.Single(await MailAsync(ControlReminderFixture.Hana, monday, "weekly-department"));
        Assert.Contains("自己点検の指摘事項で、是正の期限を過ぎた、または今月が期限のもの(2 件)", weekly.TextBody);
        Assert.Contains("・LG-06 無害化通信 / 点検課(是正期限 令和9年2月26日)", weekly.TextBody);
        Assert.Contains(ControlReminderFixture.DueSoonAction, weekly.TextBody);
        Assert.Contains("・LG-03 ファイル無害化 / 点検課(是正期限 令和9年2月5日、期限超過)", weekly.TextBody);
        Assert.Contains(ControlReminderFixture.OverdueAction, weekly.TextBody);
        Assert.Contains($"自己点検: https://secopsdx.city.example.jp/controls/self-check/{fixture.SelfCheckId}", weekly.TextBody);
        Assert.Contains($"<a href=\"https://secopsdx.city.example.jp/controls/self-check/{fixture.SelfCheckId}\">", weekly.HtmlBody);
        Assert.DoesNotContain(ControlReminderFixture.WithdrawnAction, weekly.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.LaterAction, weekly.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.CorrectedAction, weekly.TextBody);

        // Another department's manager hears nothing of 点検課's findings.
        Assert.DoesNotContain(await MailAsync(ControlReminderFixture.Ken, monday), m => m.TextBody.Contains("点検課試験", StringComparison.Ordinal));

        var office = Assert.Single(await MailAsync("ciso@example.jp", monday, "weekly-office"));
        Assert.Contains("是正の期限を過ぎた自己点検の指摘事項", office.TextBody);
        Assert.Contains(ControlReminderFixture.OverdueAction, office.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.DueSoonAction, office.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.WithdrawnAction, office.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.LaterAction, office.TextBody);
        Assert.DoesNotContain(ControlReminderFixture.CorrectedAction, office.TextBody);

        Assert.Equal(0, again.Queued);
    }

    [Fact]
    public async Task A_named_owner_in_no_department_weekly_gets_their_controls_verifications_in_a_weekly_of_their_own_in_their_language()
    {
        var monday = At(2, 22);

        await RunAtAsync(monday);
        var again = await RunAtAsync(monday.AddHours(4));

        var own = Assert.Single(await MailAsync(ControlReminderFixture.Yuki, monday, "weekly-owner"));
        Assert.Equal("[SecOpsDx] Verifications of the controls you own (1)", own.Subject);
        Assert.Contains("- MN-01 Segment isolation (due 1 Apr 2025)", own.TextBody);
        Assert.Contains("Verification calendar: https://secopsdx.city.example.jp/controls/due", own.TextBody);
        Assert.DoesNotContain("MN-02", own.TextBody);
        Assert.DoesNotContain("令和", own.TextBody);
        Assert.Equal(0, again.Queued);
    }

    [Fact]
    public async Task A_named_owner_who_manages_a_department_hears_of_each_control_once_in_the_department_weekly()
    {
        var monday = At(2, 22);

        await RunAtAsync(monday);

        // Hana manages 点検課, which owns MN-02: it is listed once, with the department's controls.
        var hana = Assert.Single(await MailAsync(ControlReminderFixture.Hana, monday, "weekly-department"));
        Assert.Equal(1, Occurrences(hana.TextBody, "MN-02 "));
        Assert.DoesNotContain("このほか、あなたが担当者に指定されている対策", hana.TextBody);
        Assert.Empty(await MailAsync(ControlReminderFixture.Hana, monday, "weekly-owner"));
        // Ken manages 監視課; LG-05 of 点検課 names him, so it is added to his department weekly, not sent apart.
        var ken = Assert.Single(await MailAsync(ControlReminderFixture.Ken, monday, "weekly-department"));
        Assert.Contains("このほか、あなたが担当者に指定されている対策で、点検の期限を過ぎた、または今月が期限のもの(1 件)", ken.TextBody);
        Assert.Equal(1, Occurrences(ken.TextBody, "LG-05 "));
        Assert.Empty(await MailAsync(ControlReminderFixture.Ken, monday, "weekly-owner"));
    }

    [Fact]
    public async Task A_staff_member_of_another_department_and_a_named_owner_who_left_hear_nothing_of_the_controls()
    {
        var monday = At(2, 22);

        await RunAtAsync(monday);

        var sora = await MailAsync(ControlReminderFixture.Sora, monday);
        Assert.DoesNotContain(sora, m => m.Kind.StartsWith("weekly", StringComparison.Ordinal));
        Assert.DoesNotContain(sora, m => m.TextBody.Contains("MN-01", StringComparison.Ordinal) || m.TextBody.Contains("IN-01", StringComparison.Ordinal));
        // Rin is named owner of IN-01 but left the city on 2026-10-31.
        Assert.Empty(await MailAsync(ControlReminderFixture.Rin, monday));
        // Her department's manager still hears of IN-01.
        var ken = Assert.Single(await MailAsync(ControlReminderFixture.Ken, monday, "weekly-department"));
        Assert.Contains("IN-01 ", ken.TextBody);
    }

    [Fact]
    public async Task A_named_owner_who_no_longer_holds_a_role_that_owns_controls_hears_nothing_of_the_control_and_their_department_manager_does()
    {
        var monday = At(2, 22);

        await RunAtAsync(monday);

        // Nao is still named owner of IN-02, but without the Manager role she can no longer open or record the controls.
        // (She still gets her own digest of training and policies.)
        var nao = await MailAsync(ControlReminderFixture.Nao, monday);
        Assert.DoesNotContain(nao, m => m.Kind.StartsWith("weekly", StringComparison.Ordinal));
        Assert.DoesNotContain(nao, m => m.TextBody.Contains("IN-02", StringComparison.Ordinal));
        var ken = Assert.Single(await MailAsync(ControlReminderFixture.Ken, monday, "weekly-department"));
        Assert.Contains("IN-02 ", ken.TextBody);
    }
}
