using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Hosting;

/// <summary>The demo municipality with one account per role.</summary>
public static class DemoSeeding
{
    public const string PasswordVariable = "SECOPSDX_DEMO_PASSWORD";

    public sealed record Result(DemoOrganization.Result Organization, IReadOnlyList<(string Email, string Role)> AccountsCreated, string? Password, bool PasswordGenerated, int IncidentsAdded = 0);

    public static async Task<Result> SeedAsync(IServiceProvider sp, int staffCount, bool includeAccounts, CancellationToken ct = default)
    {
        var db = sp.GetRequiredService<SecOpsDxDbContext>();
        var time = sp.GetRequiredService<TimeProvider>();
        var org = await DemoOrganization.SeedAsync(db, staffCount, JapanTime.Today(time), ct);
        if (!includeAccounts)
        {
            await DemoTraining.SeedAsync(db, JapanTime.Today(time), ct: ct);
            return new Result(org, [], null, false, await SeedIncidentsAsync(sp, db, time, ct));
        }

        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Passwords.Generate();

        var created = new List<(string, string)>();
        foreach (var h in DemoOrganization.AccountHolders)
        {
            var (user, isNew) = await AccountProvisioning.EnsureUserAsync(users, h.Email, password!, h.Name, h.Role);
            if (isNew) created.Add((h.Email, h.Role));
            var staff = await db.Staff.SingleAsync(s => s.EmployeeNumber == h.EmployeeNumber, ct);
            if (staff.UserId != user.Id)
            {
                staff.UserId = user.Id;
                await db.SaveChangesAsync(ct);
            }
        }
        // After the accounts, whose roles decide who takes the managers' course.
        await DemoTraining.SeedAsync(db, JapanTime.Today(time), ct: ct);
        return new Result(org, created, created.Count > 0 ? password : null, generated && created.Count > 0, await SeedIncidentsAsync(sp, db, time, ct));
    }

    /// <summary>Incident tickets in every state, so the first start shows a CSIRT at work (after the accounts, who appear in them).</summary>
    private static async Task<int> SeedIncidentsAsync(IServiceProvider sp, SecOpsDxDbContext db, TimeProvider time, CancellationToken ct)
    {
        var added = await DemoIncidentStories.SeedAsync(db, sp.GetRequiredService<IncidentTaxonomy>(), sp.GetRequiredService<RegulatoryDuty>(), time.GetUtcNow(), ct);
        await DemoControls.SeedAsync(db, sp.GetRequiredService<SecOpsDx.Core.Separation.ControlCatalogue>(), time.GetUtcNow(), ct);
        await SeedPoliciesAsync(sp, db, time, ct);
        return added;
    }

    /// <summary>The policy register, with a revision the demo Admin drafted waiting for the CISO.</summary>
    private static async Task SeedPoliciesAsync(IServiceProvider sp, SecOpsDxDbContext db, TimeProvider time, CancellationToken ct)
    {
        var admin = DemoOrganization.AccountHolders.First(h => h.Role == Roles.Admin);
        var adminUserId = await db.Users.Where(u => u.Email == admin.Email).Select(u => u.Id).FirstOrDefaultAsync(ct);
        await DemoPolicies.SeedAsync(sp.GetRequiredService<SecOpsDx.Core.Policies.Sync.SyncPolicies>(), db,
            SecOpsDx.Web.Features.PolicyRegister.PolicyFolder.Of(sp), adminUserId, admin.Name, time.GetUtcNow(), ct,
            sp.GetRequiredService<SecOpsDx.Core.Policies.MunicipalOrgans>());
    }

    public static void PrintAccounts(Result result, TextWriter output)
    {
        output.WriteLine($"デモ自治体を作成しました / demo municipality seeded: {result.Organization.DepartmentsAdded} departments, {result.Organization.StaffAdded} staff, {result.IncidentsAdded} incidents added.");
        if (result.AccountsCreated.Count == 0) return;
        output.WriteLine("================ デモアカウント / demo accounts ================");
        foreach (var (email, role) in result.AccountsCreated) output.WriteLine($"  {role,-8} {email}");
        output.WriteLine(result.PasswordGenerated
            ? $"  パスワード / password: {result.Password}   (shown once; set {PasswordVariable} to choose your own)"
            : $"  パスワード / password: the value of {PasswordVariable}");
        output.WriteLine("===============================================================");
    }
}
