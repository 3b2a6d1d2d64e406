using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>The training use cases on one test database, with a clock the test moves and a small roster.</summary>
public sealed class TrainingDesk : IDbContextFactory<SecOpsDxDbContext>
{
    private readonly TestDatabase _db;

    public TrainingDesk(TestDatabase db, DateOnly today)
    {
        _db = db;
        Time = new FakeTimeProvider(new DateTimeOffset(today.ToDateTime(new TimeOnly(10, 0)), JapanTime.Offset));
        var writes = new TrainingWrites(this, new FixedActor(new AuditActor("u-manager", "管理 者")), Time);
        Save = new SaveCourse(writes);
        Copy = new CopyCourses(writes);
        Confirm = new ConfirmTraining(writes);
        Paper = new RecordPaperCompletion(writes);
        Exempt = new ExemptStaff(writes);
        // With the kept figures of ended 年度, as the app has them, so every test reading them after a change checks they follow it.
        Queries = new TrainingQueries(this, Time, new EndedYearFigures());
        Organization = new OrganizationCommands(this);
        Import = new CompletionImporter(writes);
        Drills = new DrillImporter(writes);
        DrillQueries = new DrillQueries(this, Separation.ControlDesk.Catalogue, new FixedActor(new AuditActor(null, "情報政策課")));
        FollowUp = new AssignDrillFollowUp(writes);
        Retire = new RetireCourse(writes);
        WithdrawPaper = new WithdrawPaperRecord(writes);
    }

    public FakeTimeProvider Time { get; }
    public SaveCourse Save { get; }
    public CopyCourses Copy { get; }
    public ConfirmTraining Confirm { get; }
    public RecordPaperCompletion Paper { get; }
    public ExemptStaff Exempt { get; }
    public TrainingQueries Queries { get; }
    public OrganizationCommands Organization { get; }
    public CompletionImporter Import { get; }
    public DrillImporter Drills { get; }
    public DrillQueries DrillQueries { get; }
    public AssignDrillFollowUp FollowUp { get; }
    public RetireCourse Retire { get; }
    public WithdrawPaperRecord WithdrawPaper { get; }

    /// <summary>Recording drill reports by hand as the given account (its roles and department decide what it may do).</summary>
    public RecordDrillReport DrillReportAs(string? userId, string name = "記録 者") =>
        new(new TrainingWrites(this, new FixedActor(new AuditActor(userId, name)), Time));

    /// <summary>The drill reads as the given account sees them.</summary>
    public DrillQueries DrillQueriesAs(string? userId) =>
        new(this, Separation.ControlDesk.Catalogue, new FixedActor(new AuditActor(userId, "閲覧 者")));

    /// <summary>A sign-in account with one role, linked to a staff member when one is given.</summary>
    public async Task AccountAsync(string userId, string role, int? staffId = null)
    {
        await using var db = CreateDbContext();
        db.Users.Add(new ApplicationUser { Id = userId, UserName = userId, Email = userId + "@example.jp" });
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role);
        if (roleRow is null) db.Roles.Add(roleRow = new Microsoft.AspNetCore.Identity.IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        if (staffId is { } id) (await db.Staff.SingleAsync(x => x.Id == id)).UserId = userId;
        await db.SaveChangesAsync();
    }

    /// <summary>The municipality's 三層 model, as the CISO office sets it on the controls' settings.</summary>
    public async Task SetModelAsync(string model)
    {
        await using var db = CreateDbContext();
        var setting = await db.SeparationSettings.SingleOrDefaultAsync();
        if (setting is null) db.SeparationSettings.Add(new SecOpsDx.Core.Separation.SeparationSetting { Model = model, ChangedBy = "test", ChangedAt = Time.GetUtcNow() });
        else setting.Model = model;
        await db.SaveChangesAsync();
    }

    public async Task<int> VersionOfAsync(int courseId) => (await Queries.CourseAsync(courseId))!.Version;

    public DateOnly Today => JapanTime.Today(Time);

    public void MoveTo(DateOnly day) => Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), JapanTime.Offset));

    public SecOpsDxDbContext CreateDbContext() => new(_db.Options, new FixedActor("test"), Time);

    public async Task<int> DepartmentAsync(string code, string name, int? parentId = null)
    {
        await using var db = CreateDbContext();
        var d = new Department { Code = code, Name = name, ParentId = parentId };
        db.Departments.Add(d);
        await db.SaveChangesAsync();
        return d.Id;
    }

    public async Task<int> StaffAsync(string number, int departmentId, DateOnly? hired = null, EmploymentCategory category = EmploymentCategory.Regular, string? email = null)
    {
        await using var db = CreateDbContext();
        var s = new StaffMember
        {
            EmployeeNumber = number, FullName = "職員 " + number, DepartmentId = departmentId, HiredOn = hired ?? new DateOnly(2010, 4, 1),
            Category = category, Email = email ?? $"{number}@city.example.jp",
        };
        db.Staff.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    }

    public async Task UpdateStaffAsync(int id, Action<StaffMember> change)
    {
        await using var db = CreateDbContext();
        var s = await db.Staff.SingleAsync(x => x.Id == id);
        change(s);
        await db.SaveChangesAsync();
    }

    public static CourseInput Course(int year, string title = "情報セキュリティ研修", int? passMark = null, string? quiz = null,
        IReadOnlyList<int>? departments = null, EmploymentCategory categories = 0, DateOnly? hiredOnOrAfter = null, int? daysAfterHire = null,
        DateOnly? opensOn = null, DateOnly? dueOn = null, TrainingKind kind = TrainingKind.AllStaff) =>
        new(year, title, kind, "https://learning.example.jp/course", opensOn, dueOn, daysAfterHire, departments ?? [], [], categories,
            hiredOnOrAfter, passMark, quiz);

    public const string TwoQuestions = """
        不審なメールの添付ファイルを開いてしまったら？
        - そのまま様子を見る
        * すぐにLANケーブルを抜いて情報政策課へ連絡する

        パスワードを付箋に書いて貼ってよい？
        - よい
        * よくない
        """;
}
