using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

/// <summary>Who acts in a test; tests switch between the drafter and the approver.</summary>
public sealed class SwitchableActor : ICurrentActor
{
    public AuditActor Actor { get; set; } = new("user-drafter", "起案 太郎");
    public ValueTask<AuditActor> GetActorAsync() => ValueTask.FromResult(Actor);
}

/// <summary>The policy register's use cases and reads over one test database, on a clock the test moves.</summary>
public sealed class PolicyDesk
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 0, 0, TimeSpan.FromHours(9));

    public static GuidelineEditions Editions { get; } =
        GuidelineEditions.Load(Path.Combine(AppContext.BaseDirectory, "config", GuidelineEditions.FileName));

    public static MunicipalOrgans Organs { get; } =
        MunicipalOrgans.Load(Path.Combine(AppContext.BaseDirectory, "config", MunicipalOrgans.FileName));

    public static string PolicyFolder => Path.Combine(AppContext.BaseDirectory, "policies");

    public PolicyDesk(TestDatabase db, PolicySettings? settings = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Database = db;
        Settings = settings ?? new PolicySettings();
        var factory = new ActorFactory(db, Actor);
        Writes = new PolicyWrites(factory, Actor, Time);
        Sync = new SyncPolicies(factory, Actor, Time, Editions, Settings);
        Queries = new PolicyQueries(factory, Time, Editions);
        Start_ = new StartRevision(Writes);
        Save = new SaveDraft(Writes);
        Submit = new SubmitRevision(Writes);
        Approve = new ApproveRevision(Writes, Settings, Editions);
        Review = new RecordReview(Writes, Editions);
        Acknowledge = new AcknowledgePolicy(Writes, Time);
        Abolish = new AbolishDocument(Writes);
        RecordPublication = new RecordOrganPublication(Writes, Organs);
        OrganQueries = new OrganPublicationQueries(factory, Time, Organs);
    }

    public TestDatabase Database { get; }
    public PolicySettings Settings { get; }
    public FakeTimeProvider Time { get; }
    public SwitchableActor Actor { get; } = new();
    public PolicyWrites Writes { get; }
    public SyncPolicies Sync { get; }
    public PolicyQueries Queries { get; }
    public StartRevision Start_ { get; }
    public SaveDraft Save { get; }
    public SubmitRevision Submit { get; }
    public ApproveRevision Approve { get; }
    public RecordReview Review { get; }
    public AcknowledgePolicy Acknowledge { get; }
    public AbolishDocument Abolish { get; }
    public RecordOrganPublication RecordPublication { get; }
    public OrganPublicationQueries OrganQueries { get; }

    public static readonly AuditActor Approver = new("user-approver", "承認 花子");

    private sealed class ActorFactory(TestDatabase db, ICurrentActor actor) : IDbContextFactory<Data.SecOpsDxDbContext>
    {
        public Data.SecOpsDxDbContext CreateDbContext() => new(db.Options, actor);
    }

    /// <summary>
    /// 人事課 (1020) and 情報政策課 (1030) under 総務部 (1000), and 市民課 (2010) under 市民部 (2000); with them the
    /// CISO office's accounts the tests act as by default (the drafter and <see cref="Approver"/>, both CISO).
    /// </summary>
    public async Task<Dictionary<string, int>> DepartmentsAsync()
    {
        await AccountAsync("user-drafter", Roles.Ciso);
        await AccountAsync(Approver.UserId!, Roles.Ciso);
        await using var db = Database.CreateContext();
        var top1 = new Department { Code = "1000", Name = "総務部" };
        var top2 = new Department { Code = "2000", Name = "市民部" };
        db.Departments.AddRange(top1, top2,
            new Department { Code = "1020", Name = "人事課", Parent = top1 },
            new Department { Code = "1030", Name = "情報政策課", Parent = top1 },
            new Department { Code = "2010", Name = "市民課", Parent = top2 });
        await db.SaveChangesAsync();
        return await db.Departments.ToDictionaryAsync(d => d.Code, d => d.Id);
    }

    /// <summary>A sign-in account with one role and no staff record.</summary>
    public async Task AccountAsync(string userId, string role)
    {
        await using var db = Database.CreateContext();
        db.Users.Add(new ApplicationUser { Id = userId, UserName = userId, Email = userId + "@example.jp" });
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role);
        if (roleRow is null) db.Roles.Add(roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
    }

    public async Task<int> StaffAsync(string number, string departmentCode, DateOnly? hired = null, DateOnly? retired = null, string? role = null)
    {
        await using var db = Database.CreateContext();
        var dept = await db.Departments.SingleAsync(d => d.Code == departmentCode);
        string? userId = null;
        if (role is not null)
        {
            userId = "user-" + number;
            db.Users.Add(new ApplicationUser { Id = userId, UserName = number, Email = number + "@example.jp" });
            var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role);
            if (roleRow is null) db.Roles.Add(roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleRow.Id });
        }
        var staff = new StaffMember
        {
            EmployeeNumber = number, FullName = "職員 " + number, DepartmentId = dept.Id, HiredOn = hired ?? new DateOnly(2010, 4, 1),
            RetiredOn = retired, UserId = userId,
        };
        db.Staff.Add(staff);
        await db.SaveChangesAsync();
        return staff.Id;
    }

    /// <summary>Writes a policy file into a fresh folder (or the given one) and returns the folder.</summary>
    public static string WriteFile(string? folder, string name, string text)
    {
        folder ??= Path.Combine(Path.GetTempPath(), "secopsdx-policies-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), text);
        return folder;
    }

    public static string File_(string id, int version, string effective, string body, string kind = "基本方針", string audience = "all",
        bool publicDoc = false, string change = "material", bool approved = true, string title = "情報セキュリティ基本方針", string guideline = "r7-03",
        string owner = "1030") => $"""
        ---
        id: {id}
        title: {title}
        kind: {kind}
        rule_number: 訓令第1号
        version: {version}
        effective: {effective}
        owner: "{owner}"
        review_months: 12
        guideline: {guideline}
        audience: {audience}
        public: {(publicDoc ? "true" : "false")}
        change: {change}
        approved: {(approved ? "true" : "false")}
        ---
        {body}
        """;

    public async Task<int> RevisionIdAsync(string slug, int number)
    {
        await using var db = Database.CreateContext();
        return await db.PolicyRevisions.Where(r => r.Document!.Slug == slug && r.Number == number).Select(r => r.Id).SingleAsync();
    }

    public async Task<int> AuditCountAsync()
    {
        await using var db = Database.CreateContext();
        return await db.AuditEntries.CountAsync();
    }
}
