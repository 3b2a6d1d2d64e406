using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Mail;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Training;
using SecOpsDx.Web.Jobs;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// A 課 of its own in the demo city: 窓口 Aoi (staff), Kei (left the city on 2027-01-31) and their 課長 Mori, who reads
/// English; one course for the 課 due Wednesday 2027-02-10 (Thursday 2/11 is a holiday).
/// </summary>
public sealed class ReminderRuleFixture : IAsyncLifetime
{
    public const string Aoi = "aoi.reminders@example.jp";
    public const string Kei = "kei.reminders@example.jp";
    public const string Mori = "mori.reminders@example.jp";
    // A title that starts like the app's address but points elsewhere, as a careless or hostile entry could.
    public const string Course = "リマインダー課 個人情報の取扱い研修 https://secopsdx.city.example.jp@evil.example/login";

    public TestSmtpServer Smtp { get; } = new();
    public AppFactory App { get; private set; } = default!;

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
        var department = new Department { Code = "R900", Name = "リマインダー課" };
        db.Departments.Add(department);
        await db.SaveChangesAsync();

        async Task PersonAsync(string email, string number, string name, string? role = null, DateOnly? retired = null, bool english = false)
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
        }
        await PersonAsync(Aoi, "R90001", "窓口 あおい");
        await PersonAsync(Kei, "R90002", "退職 けい", retired: new DateOnly(2027, 1, 31));
        await PersonAsync(Mori, "R90003", "森 課長", Roles.Manager, english: true);
        db.TrainingCourses.Add(new TrainingCourse
        {
            FiscalYear = 2026, Title = Course, Kind = TrainingKind.Other,
            OpensOn = new DateOnly(2026, 4, 1), DueOn = new DateOnly(2027, 2, 10),
            AudienceDepartmentIds = department.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>The daily and weekly rules: who hears what, on which office day, once.</summary>
public sealed class ReminderRuleTests(ReminderRuleFixture fixture) : IClassFixture<ReminderRuleFixture>
{
    private static DateTimeOffset At(int month, int day, int hour = 9) =>
        new(new DateTime(month >= 4 ? 2026 : 2027, month, day, hour, 0, 0), TimeSpan.FromHours(9));

    private async Task<ReminderRun> RunAtAsync(DateTimeOffset at)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test");
        return await scope.ServiceProvider.GetRequiredService<ReminderMailer>().RunAsync(default, at);
    }

    private async Task<List<OutboxMessage>> MailAsync(string to, string kind, DateTimeOffset at)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var key = $"|{DateOnly.FromDateTime(at.DateTime):yyyy-MM-dd}";
        return await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.AsNoTracking()
            .Where(m => m.To == to && m.Kind == kind && m.Key.EndsWith(key)).ToListAsync();
    }

    [Fact]
    public async Task Seven_open_days_before_the_due_date_the_person_gets_one_digest_with_the_course_and_the_policies_to_acknowledge()
    {
        var monday = At(2, 1);

        await RunAtAsync(monday);
        var again = await RunAtAsync(monday.AddHours(3));

        var digest = Assert.Single(await MailAsync(ReminderRuleFixture.Aoi, "digest", monday));
        Assert.Contains("受講期限が近い研修", digest.TextBody);
        Assert.Contains($"{ReminderRuleFixture.Course}(期限 令和9年2月10日)", digest.TextBody);
        Assert.Contains("確認が済んでいない情報セキュリティポリシー", digest.TextBody);
        Assert.Contains("<p>", digest.HtmlBody);
        Assert.Contains("<a href=\"https://secopsdx.city.example.jp/my/tasks\">", digest.HtmlBody);
        // Only the addresses the app built are links; the title's look-alike address stays text.
        Assert.Contains("https://secopsdx.city.example.jp@evil.example/login", digest.HtmlBody);
        Assert.DoesNotContain("href=\"https://secopsdx.city.example.jp@", digest.HtmlBody);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(digest.HtmlBody!, "<a href="));
        Assert.Contains("https://secopsdx.city.example.jp/my/tasks", digest.TextBody);
        Assert.Equal(0, again.Queued);
        // Kei left the city on 1/31: people who left hear nothing.
        Assert.Empty(await MailAsync(ReminderRuleFixture.Kei, "digest", monday));
    }

    [Fact]
    public async Task Nothing_but_urgent_mail_is_composed_on_a_national_holiday()
    {
        var holiday = At(2, 11);

        await RunAtAsync(holiday);

        Assert.Empty(await MailAsync(ReminderRuleFixture.Aoi, "digest", holiday));
        Assert.Empty(await MailAsync(ReminderRuleFixture.Mori, "weekly-department", holiday));
    }

    [Fact]
    public async Task The_manager_hears_once_on_the_first_open_day_someone_is_more_than_14_days_late_in_their_language()
    {
        // Due 2/10: more than 14 days late from Thursday 2/25.
        await RunAtAsync(At(2, 24));
        await RunAtAsync(At(2, 25));
        await RunAtAsync(At(2, 26));

        Assert.Empty(await MailAsync(ReminderRuleFixture.Mori, "escalation", At(2, 24)));
        Assert.Empty(await MailAsync(ReminderRuleFixture.Mori, "escalation", At(2, 26)));
        var escalation = Assert.Single(await MailAsync(ReminderRuleFixture.Mori, "escalation", At(2, 25)));
        Assert.Contains("more than 14 days", escalation.Subject);
        Assert.Contains("R90001", escalation.TextBody);
        Assert.Contains(ReminderRuleFixture.Course, escalation.TextBody);
        Assert.DoesNotContain("令和", escalation.TextBody);
        Assert.DoesNotContain("R90002", escalation.TextBody); // left the city
    }

    [Fact]
    public async Task The_CISO_office_hears_on_the_first_open_day_past_30_days_when_that_day_is_a_Saturday()
    {
        // More than 30 days late from Saturday 3/13, so the CISO office hears on Monday 3/15.
        await RunAtAsync(At(3, 13));
        await RunAtAsync(At(3, 15));

        Assert.DoesNotContain(await MailAsync("ciso@example.jp", "escalation", At(3, 13)), m => m.TextBody.Contains("R90001"));
        var toCiso = Assert.Single(await MailAsync("ciso@example.jp", "escalation", At(3, 15)), m => m.TextBody.Contains("R90001"));
        Assert.Contains("CISO宛", toCiso.Subject);
        Assert.Contains("リマインダー課", toCiso.TextBody);
    }

    [Fact]
    public async Task On_the_weeks_first_open_day_the_manager_gets_the_department_and_the_CISO_the_summary_and_both_arrive_intact()
    {
        var monday = At(2, 15);

        await RunAtAsync(monday);
        await RunAtAsync(At(2, 16));

        var weekly = Assert.Single(await MailAsync(ReminderRuleFixture.Mori, "weekly-department", monday));
        Assert.Contains("リマインダー課", weekly.Subject);
        Assert.Contains("R90001", weekly.TextBody);
        Assert.Empty(await MailAsync(ReminderRuleFixture.Mori, "weekly-department", At(2, 16)));
        var summary = Assert.Single(await MailAsync("ciso@example.jp", "weekly-office", monday));
        Assert.Contains("情報セキュリティ週次サマリー", summary.Subject);
        Assert.Contains("研修の受講率", summary.TextBody);
        Assert.Contains("対応中のインシデント", summary.TextBody);
        // Staff get no weekly mail.
        Assert.Empty(await MailAsync(ReminderRuleFixture.Aoi, "weekly-department", monday));

        await using (var scope = fixture.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MailDelivery>().DeliverAsync(everything: true);
        Assert.Contains(fixture.Smtp.Received, m => m.Subject == summary.Subject && m.To.Mailboxes.Any(b => b.Address == "ciso@example.jp"));
        Assert.Contains(fixture.Smtp.Received, m => m.Subject == weekly.Subject && (m.TextBody ?? "").Contains("R90001", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_person_sees_the_reminders_they_were_sent_and_nobody_elses()
    {
        await RunAtAsync(At(2, 1));
        await RunAtAsync(At(2, 25));
        var client = fixture.App.CreateBrowserLikeClient();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(client, ReminderRuleFixture.Aoi, "Reminder-Pass-2026x")).StatusCode);

        var page = await client.GetStringAsync("/my/reminders");

        Assert.Contains("受け取ったお知らせ", page);
        Assert.Contains("作業のお知らせ", page);
        Assert.Contains("data-kind=\"digest\"", page);
        Assert.Contains("送信待ち", page);
        // Mori's escalation names Aoi, but it is Mori's mail, not Aoi's.
        Assert.DoesNotContain("data-kind=\"escalation\"", page);
        Assert.Contains("令和8年", page); // the queue date, shown in 和暦
        var anonymous = await fixture.App.CreateBrowserLikeClient().GetAsync("/my/reminders");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Someone_who_never_had_a_digest_hears_of_overdue_work_on_the_first_open_day_then_the_cadence_takes_over()
    {
        // Yui joins the 課 (an account made today) long after the course fell due.
        const string yui = "yui.reminders@example.jp";
        var staffId = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await AccountProvisioning.CreateAsync(users, yui, "Reminder-Pass-2026x", "新人 ゆい");
            var department = await db.Departments.SingleAsync(d => d.Code == "R900");
            var staff = new StaffMember { EmployeeNumber = "R90004", FullName = "新人 ゆい", DepartmentId = department.Id, Email = yui, UserId = user.Id };
            db.Staff.Add(staff);
            await db.SaveChangesAsync();
            return staff.Id;
        });
        // Two open days on which no item of Yui's calls for a reminder by the cadence (every 5 open days).
        var acks = await InScopeAsync(async sp => await sp.GetRequiredService<SecOpsDx.Core.Policies.PolicyQueries>().PendingAcknowledgmentsAsync(staffId));
        var silent = Enumerable.Range(0, 40).Select(i => new DateOnly(2027, 2, 16).AddDays(i)).Where(day =>
        {
            var cadence = new SecOpsDx.Core.Reminders.ReminderCadence(SecOpsDx.Core.Calendar.OfficeCalendar.Default, day);
            return cadence.IsOpenToday && !cadence.IsRepeatDay(new DateOnly(2027, 2, 11), 5) && !acks.Any(a => cadence.IsRepeatDay(a.EffectiveOn, 5));
        }).Take(2).ToList();
        Assert.Equal(2, silent.Count);
        DateTimeOffset AtNine(DateOnly d) => new(d.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9));

        await RunAtAsync(AtNine(silent[0]));
        await RunAtAsync(AtNine(silent[1]));

        var first = Assert.Single(await MailAsync(yui, "digest", AtNine(silent[0])));
        Assert.Contains(ReminderRuleFixture.Course, first.TextBody);
        Assert.Empty(await MailAsync(yui, "digest", AtNine(silent[1])));
    }

    [Fact]
    public async Task An_incident_task_past_due_reaches_its_owner_in_the_digest_with_the_ticket_number()
    {
        var number = await InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            var csirt = await db.Users.SingleAsync(u => u.Email == "csirt@example.jp");
            var incident = await db.Incidents.OrderBy(i => i.Id).FirstAsync(i => i.Status != SecOpsDx.Core.Incidents.IncidentStatus.Closed);
            db.IncidentTasks.Add(new SecOpsDx.Core.Incidents.IncidentTask
            {
                IncidentId = incident.Id, Title = "リマインダー試験: 端末のログを保全", OwnerUserId = csirt.Id, OwnerName = "CSIRT",
                DueOn = new DateOnly(2027, 3, 1), CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
            return incident.Number;
        });

        // Due Monday 3/1: the first open day after it, Tuesday 3/2, the owner hears of it.
        await RunAtAsync(At(3, 2));

        var digest = Assert.Single(await MailAsync("csirt@example.jp", "digest", At(3, 2)));
        Assert.Contains("期限を過ぎたインシデント対応タスク", digest.TextBody);
        Assert.Contains($"{number} リマインダー試験: 端末のログを保全(期限 令和9年3月1日)", digest.TextBody);
        Assert.Contains("期限を過ぎている作業", digest.Subject);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "test");
        return await work(scope.ServiceProvider);
    }
}
