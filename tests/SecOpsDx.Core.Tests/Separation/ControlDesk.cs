using Microsoft.AspNetCore.Identity;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>The control use cases on one test database, acting as a person with the given role (and department).</summary>
public sealed class ControlDesk
{
    public static readonly ControlCatalogue Catalogue =
        ControlCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "config", ControlCatalogue.FileName));

    public ControlDesk(TestDatabase db, TimeProvider time, AuditActor actor, string evidenceDirectory, ControlCatalogue? catalogue = null)
    {
        var current = new FixedActor(actor);
        var writes = new ControlWrites(db.Factory, current, time, catalogue ?? Catalogue);
        var store = new EvidenceStore(evidenceDirectory);
        Model = new ChangeSeparationModel(writes);
        Systems = new SaveSegmentSystem(writes);
        Owner = new SetControlOwner(writes);
        Status = new RecordControlStatus(writes);
        Verify = new RecordVerification(writes, store);
        Evidence = new AddControlEvidence(writes, store);
        RequestException = new RequestControlException(writes);
        ApproveException = new ApproveControlException(writes);
        Queries = new ControlQueries(db.Factory, catalogue ?? Catalogue, current, time);
        OpenSelfCheck = new OpenSelfCheck(writes);
        Answer = new AnswerSelfCheck(writes);
        CloseSelfCheck = new CloseSelfCheck(writes);
        CorrectFinding = new CorrectFinding(writes);
        SelfChecks = new SelfCheckQueries(db.Factory, catalogue ?? Catalogue, current);
    }

    public ChangeSeparationModel Model { get; }
    public SaveSegmentSystem Systems { get; }
    public SetControlOwner Owner { get; }
    public RecordControlStatus Status { get; }
    public RecordVerification Verify { get; }
    public AddControlEvidence Evidence { get; }
    public RequestControlException RequestException { get; }
    public ApproveControlException ApproveException { get; }
    public ControlQueries Queries { get; }
    public OpenSelfCheck OpenSelfCheck { get; }
    public AnswerSelfCheck Answer { get; }
    public CloseSelfCheck CloseSelfCheck { get; }
    public CorrectFinding CorrectFinding { get; }
    public SelfCheckQueries SelfChecks { get; }

    /// <summary>A signed-in person with one role, in a department when given; returns who they act as.</summary>
    public static async Task<AuditActor> PersonAsync(TestDatabase db, string email, string role, string? departmentCode = null)
    {
        await using var ctx = db.CreateContext();
        var roleRow = ctx.Roles.Local.FirstOrDefault(r => r.Name == role) ?? ctx.Roles.FirstOrDefault(r => r.Name == role);
        if (roleRow is null) ctx.Roles.Add(roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email };
        ctx.Users.Add(user);
        ctx.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
        if (departmentCode is not null)
        {
            var department = ctx.Departments.FirstOrDefault(d => d.Code == departmentCode);
            if (department is null) ctx.Departments.Add(department = new Department { Code = departmentCode, Name = "課" + departmentCode });
            ctx.Staff.Add(new StaffMember { EmployeeNumber = "E" + email.GetHashCode().ToString("X"), FullName = email, Department = department, UserId = user.Id });
        }
        await ctx.SaveChangesAsync();
        return new AuditActor(user.Id, email);
    }

    public static async Task<int> DepartmentIdAsync(TestDatabase db, string code)
    {
        await using var ctx = db.CreateContext();
        return ctx.Departments.Single(d => d.Code == code).Id;
    }
}
