using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// The training a newcomer finds on first start: past 年度 whose all-staff course reached about 92 % and 96 %, and
/// the current 年度 about half done, with a new-hire course and a course already past its due date so that some
/// people are overdue. The demo staff account has the current all-staff course, with its quiz, still open. The current
/// 年度 also has one retired course and one paper record withdrawn as entered by mistake. The latest phishing drill has one
/// report that reached 市民課's manager by forwarded mail and was recorded by hand.
/// Deterministic for the same roster and date; does nothing when courses exist already.
/// </summary>
public static class DemoTraining
{
    public const string AllStaffTitle = "情報セキュリティ研修(全職員)";
    public const string PrivacyTitle = "個人情報保護研修";
    public const string NewHireTitle = "新規採用職員 情報セキュリティ研修";
    public const string ManagersTitle = "情報セキュリティ管理者研修";
    /// <summary>A course of the current 年度 that the CISO office withdrew (取り下げ); its few records stay.</summary>
    public const string RetiredTitle = "情報セキュリティ研修(全職員・旧教材)";
    public const string RetiredReason = "新教材の全職員研修と重複して作成したため取り下げ";
    public const string WithdrawnPaperReason = "別の職員の受講票と取り違えて記録したため取消";
    /// <summary>How the drill report recorded by hand reached the manager.</summary>
    public const string HandReportNote = "不審なメールとして課長へ転送(報告ボタンは使わず)";

    public const string Quiz = """
        差出人に心当たりのないメールに添付ファイルがありました。どうしますか？
        - 内容を確かめるために開く
        * 開かずに情報政策課へ連絡する
        - 同僚に転送して意見を聞く

        USBメモリを庁外へ持ち出してよいのはどんなときですか？
        - 急ぎの仕事があるとき
        * 許可を得て、暗号化した媒体を使うとき
        - 個人のUSBメモリを使うとき

        パスワードの扱いとして正しいものは？
        - 付箋に書いてモニターに貼る
        - 複数のシステムで同じものを使う
        * 他人に教えず、使い回さない
        """;

    /// <param name="pastYears">How many finished 年度 to fill in before the current one: the demo has five 年度 of history in
    /// all, as a municipality that has used the product for a few years would (the reminders bench needs fewer).</param>
    public static async Task<int> SeedAsync(SecOpsDxDbContext db, DateOnly today, int pastYears = 4, CancellationToken ct = default)
    {
        if (await db.TrainingCourses.AnyAsync(ct)) return 0;
        var current = FiscalYear.Of(today);
        var staff = await db.Staff.AsNoTracking().OrderBy(s => s.EmployeeNumber)
            .Select(s => new { s.Id, s.EmployeeNumber, s.HiredOn, s.RetiredOn }).ToListAsync(ct);
        var managers = await db.Staff.AsNoTracking().Where(s => s.UserId != null)
            .Join(db.UserRoles, s => s.UserId, ur => ur.UserId, (s, ur) => new { s.Id, ur.RoleId })
            .Join(db.Roles.Where(r => r.Name == Roles.Manager), x => x.RoleId, r => r.Id, (x, r) => x.Id).ToListAsync(ct);
        var demoStaff = DemoOrganization.AccountHolders.Single(h => h.Role == Roles.Staff).EmployeeNumber;
        var random = new Random(20260401 + staff.Count);
        var questions = QuizText.Parse(Quiz).Questions;
        var courses = 0;

        TrainingCourse Course(FiscalYear year, string title, TrainingKind kind, DateOnly? due = null, bool quiz = false)
        {
            var c = new TrainingCourse
            {
                FiscalYear = year.StartYear, Title = title, Kind = kind, OpensOn = year.FirstDay.AddDays(14), DueOn = due ?? year.LastDay,
                MaterialUrl = "https://learning.example.jp/security/" + year.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PassMark = quiz ? 80 : null,
                Questions = quiz ? questions.Select(q => new TrainingQuestion { Order = q.Order, Text = q.Text, Choices = q.Choices, CorrectChoice = q.CorrectChoice }).ToList() : [],
            };
            db.TrainingCourses.Add(c);
            courses++;
            return c;
        }

        void Complete(TrainingCourse course, int staffId, DateOnly on, CompletionMethod method, bool quiz)
        {
            db.TrainingRecords.Add(new TrainingRecord
            {
                Course = course, StaffMemberId = staffId, CompletedOn = on, Method = method, Passed = true, Attempt = 1,
                Score = quiz ? 100 : null, Answers = quiz ? "1,1,2" : null, Reason = method == CompletionMethod.Paper ? "PCのない現場職員のため紙の受講票で受講" : null,
                RecordedAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(17, 0)), JapanTime.Offset), RecordedByName = method == CompletionMethod.Self ? "本人" : "デモデータ",
            });
        }

        DateOnly Between(DateOnly first, DateOnly last) => first.AddDays(random.Next(Math.Max(1, last.DayNumber - first.DayNumber + 1)));

        for (var back = pastYears; back >= 0; back--)
        {
            var year = new FiscalYear(current.StartYear - back);
            var isCurrent = back == 0;
            // Past years: about 92 % and then 96 % (older years a little lower); this year about half so far.
            var share = isCurrent ? 0.5 : 0.96 - 0.04 * (back - 1);
            var all = Course(year, AllStaffTitle, TrainingKind.AllStaff, quiz: true);
            var lastDay = isCurrent ? today : year.LastDay;
            foreach (var s in staff)
            {
                var inPost = (s.HiredOn is null || s.HiredOn <= lastDay) && (s.RetiredOn is null || s.RetiredOn >= lastDay);
                if (!inPost || (isCurrent && s.EmployeeNumber == demoStaff)) continue;
                if (random.NextDouble() < share)
                {
                    var from = Max(all.OpensOn, s.HiredOn ?? all.OpensOn);
                    if (from > lastDay) continue;
                    Complete(all, s.Id, Between(from, lastDay), random.Next(20) == 0 ? CompletionMethod.Paper : CompletionMethod.Self, quiz: true);
                }
            }
            var mgr = Course(year, ManagersTitle, TrainingKind.Managers, due: new DateOnly(year.StartYear, 9, 30));
            mgr.AudienceRoles = Roles.Manager;
            foreach (var id in managers)
                if (!isCurrent || random.NextDouble() < 0.8) Complete(mgr, id, new DateOnly(year.StartYear, 6, 20), CompletionMethod.Self, quiz: false);

            if (isCurrent)
            {
                // Due at the end of October: whoever has not taken it is overdue now.
                var privacy = Course(year, PrivacyTitle, TrainingKind.Other, due: new DateOnly(year.StartYear, 10, 31));
                var privacyDone = new HashSet<int>();
                foreach (var s in staff)
                    if (s.EmployeeNumber != demoStaff && random.NextDouble() < 0.85 && (s.HiredOn is null || s.HiredOn <= today) && privacyDone.Add(s.Id))
                        Complete(privacy, s.Id, Between(Max(privacy.OpensOn, s.HiredOn ?? privacy.OpensOn), Min(privacy.DueOn, today)), CompletionMethod.Self, quiz: false);
                var hires = Course(year, NewHireTitle, TrainingKind.NewHire);
                hires.AudienceHiredOnOrAfter = year.FirstDay;
                hires.DueDaysAfterHire = 60;
                foreach (var s in staff.Where(s => s.HiredOn >= year.FirstDay && s.HiredOn <= today))
                    if (random.NextDouble() < 0.7) Complete(hires, s.Id, Min(s.HiredOn!.Value.AddDays(random.Next(10, 50)), today), CompletionMethod.Self, quiz: false);
                AddRetiredAndWithdrawn(year, privacy, privacyDone);
            }
        }
        // Targeted-mail drills: one last 年度 and one this 年度, so the second is compared with the first.
        var withMail = await db.Staff.AsNoTracking().Where(s => s.Email != null).OrderBy(s => s.EmployeeNumber)
            .Select(s => new { s.Id, s.Email, s.FullName, s.DepartmentId, s.HiredOn, s.RetiredOn, s.EmployeeNumber }).ToListAsync(ct);
        foreach (var (name, heldOn, click) in new[]
        {
            ("標的型攻撃メール訓練 " + current.Previous.ToWarekiString() + " 第1回", current.Previous.FirstDay.AddDays(200), 0.22),
            ("標的型攻撃メール訓練 " + current.ToWarekiString() + " 第1回", today.AddDays(-40), 0.14),
        })
        {
            if (heldOn > today || heldOn < current.Previous.FirstDay) continue;
            var drill = new Drill { Name = name, HeldOn = heldOn, FiscalYear = FiscalYear.Of(heldOn).StartYear, ImportedAt = new DateTimeOffset(heldOn.AddDays(3).ToDateTime(new TimeOnly(10, 0)), JapanTime.Offset), ImportedByName = "デモデータ" };
            foreach (var s in withMail.Where(s => (s.HiredOn is null || s.HiredOn <= heldOn) && (s.RetiredOn is null || s.RetiredOn >= heldOn)))
            {
                var roll = random.NextDouble();
                var step = s.EmployeeNumber == demoStaff ? DrillStep.Clicked
                    : roll < click * 0.35 ? DrillStep.Submitted : roll < click ? DrillStep.Clicked : roll < 0.55 ? DrillStep.Opened : DrillStep.Sent;
                drill.Results.Add(new DrillResult { Email = s.Email!, StaffMemberId = s.Id, DepartmentId = s.DepartmentId, Step = step, Reported = step <= DrillStep.Opened && random.NextDouble() < 0.4, Name = s.FullName });
            }
            // Addresses the roster does not know (a typo, someone who left): kept and listed.
            drill.Results.Add(new DrillResult { Email = "kyu-shokuin@city.example.jp", Step = DrillStep.Opened, Name = "旧 職員" });
            drill.Results.Add(new DrillResult { Email = "shomu-ka@city.exmaple.jp", Step = DrillStep.Sent, Name = "庶務 係" });
            db.Drills.Add(drill);
        }
        await db.SaveChangesAsync(ct);
        await AddHandReportAsync(db, demoStaff, ct);
        return courses;

        // Without the random source, so the figures above stay as they were.
        void AddRetiredAndWithdrawn(FiscalYear year, TrainingCourse privacy, HashSet<int> privacyDone)
        {
            var on = Min(privacy.OpensOn.AddDays(30), today.AddDays(-1));
            if (on < privacy.OpensOn) return;
            var retired = Course(year, RetiredTitle, TrainingKind.AllStaff);
            foreach (var s in staff.Where(s => s.EmployeeNumber != demoStaff && s.HiredOn <= on && (s.RetiredOn is null || s.RetiredOn >= on)).Take(3))
                Complete(retired, s.Id, on, CompletionMethod.Self, quiz: false);
            retired.RetiredAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(18, 0)), JapanTime.Offset);
            retired.RetiredReason = RetiredReason;
            retired.RetiredByName = "デモデータ";

            // A paper sheet entered for the wrong person and withdrawn: they are still to take the course.
            var wrong = staff.FirstOrDefault(s => s.EmployeeNumber != demoStaff && !privacyDone.Contains(s.Id)
                && (s.HiredOn is null || s.HiredOn <= on) && (s.RetiredOn is null || s.RetiredOn >= today));
            if (wrong is null) return;
            Complete(privacy, wrong.Id, on, CompletionMethod.Paper, quiz: false);
            var record = db.ChangeTracker.Entries<TrainingRecord>().Select(e => e.Entity).Last(r => r.StaffMemberId == wrong.Id && r.Course == privacy);
            db.TrainingRecordWithdrawals.Add(new TrainingRecordWithdrawal
            {
                Record = record, Reason = WithdrawnPaperReason, WithdrawnAt = new DateTimeOffset(on.ToDateTime(new TimeOnly(18, 0)), JapanTime.Offset),
                WithdrawnByName = "デモデータ",
            });
        }
    }

    /// <summary>
    /// In the latest drill, one member of 市民課 who did not press the report button forwarded the mail to the section's
    /// manager instead, who recorded it by hand; the others of the section are left for the manager to record.
    /// </summary>
    private static async Task AddHandReportAsync(SecOpsDxDbContext db, string demoStaff, CancellationToken ct)
    {
        var drill = await db.Drills.AsNoTracking().OrderByDescending(d => d.HeldOn).ThenByDescending(d => d.Id)
            .Select(d => new { d.Id, d.HeldOn }).FirstOrDefaultAsync(ct);
        if (drill is null) return;
        var manager = DemoOrganization.AccountHolders.Single(h => h.Role == Roles.Manager);
        var section = await db.Departments.AsNoTracking().Where(d => d.Code == manager.DepartmentCode).Select(d => d.Id).SingleAsync(ct);
        var forwarded = await (from r in db.DrillResults.AsNoTracking()
                               join s in db.Staff.AsNoTracking() on r.StaffMemberId equals s.Id
                               where r.DrillId == drill.Id && r.DepartmentId == section && !r.Reported
                                     && s.EmployeeNumber != demoStaff && s.EmployeeNumber != manager.EmployeeNumber
                               orderby s.EmployeeNumber
                               select r.Id).FirstOrDefaultAsync(ct);
        if (forwarded == 0) return;
        db.DrillManualReports.Add(new DrillManualReport
        {
            DrillId = drill.Id, DrillResultId = forwarded, ReceivedOn = drill.HeldOn, Note = HandReportNote,
            RecordedAt = new DateTimeOffset(drill.HeldOn.AddDays(1).ToDateTime(new TimeOnly(9, 30)), JapanTime.Offset), RecordedByName = manager.Name,
        });
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
