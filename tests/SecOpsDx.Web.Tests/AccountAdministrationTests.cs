using SecOpsDx.Core;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

public sealed class AccountAdministrationTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private async Task<T> AsAdminAsync<T>(Func<AccountAdministration, IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync("admin@example.jp");
        scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(admin!.Id, admin.Email!);
        return await work(scope.ServiceProvider.GetRequiredService<AccountAdministration>(), scope.ServiceProvider);
    }

    private async Task<int> NewStaffAsync(string number, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<OrganizationCommands>();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
        var dept = await db.Departments.FirstAsync(d => d.Code == "2010");
        return await commands.SaveStaffAsync(null, 0, new StaffInput(number, "新規 職員", null, dept.Id, "主事", email, null, null));
    }

    [Fact]
    public async Task An_account_created_for_a_staff_member_can_sign_in_with_the_issued_password()
    {
        var staffId = await NewStaffAsync("N0001", "new.person@example.jp");

        var issued = await AsAdminAsync((a, _) => a.CreateForStaffAsync(staffId, [Roles.Csirt]));

        var client = factory.CreateBrowserLikeClient();
        var response = await SignIn.PostLoginAsync(client, "new.person@example.jp", issued.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = (await AsAdminAsync((a, _) => a.ListAsync("new.person"))).Single();
        Assert.Equal([Roles.Csirt, Roles.Staff], row.Roles);
        Assert.Equal("N0001", row.EmployeeNumber);
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_admin_role()
    {
        var adminId = (await AsAdminAsync((a, _) => a.ListAsync("admin@example.jp"))).Single().Id;

        var e = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync<bool>(async (a, _) =>
        {
            await a.SetRolesAsync(adminId, [Roles.Staff]);
            return true;
        }));

        Assert.Equal(ErrorCodes.OwnAdminRole, e.Code);
    }

    [Fact]
    public async Task A_locked_account_cannot_sign_in_and_its_lock_is_audited_under_the_admin()
    {
        var staffId = await NewStaffAsync("N0002", "to.lock@example.jp");
        var issued = await AsAdminAsync((a, _) => a.CreateForStaffAsync(staffId, []));
        var id = (await AsAdminAsync((a, _) => a.ListAsync("to.lock"))).Single().Id;

        await AsAdminAsync(async (a, _) => { await a.LockAsync(id); return true; });

        var response = await SignIn.PostLoginAsync(factory.CreateBrowserLikeClient(), "to.lock@example.jp", issued.Password);
        Assert.Contains("/Account/Lockout", response.Headers.Location!.ToString());
        var entry = await AsAdminAsync((_, sp) => sp.GetRequiredService<SecOpsDxDbContext>().AuditEntries
            .Where(x => x.EntityType == nameof(ApplicationUser) && x.EntityKey == id && x.Changes.Contains("LockoutEnd"))
            .OrderByDescending(x => x.Sequence).FirstAsync());
        Assert.Equal("admin@example.jp", entry.ActorName);
    }

    [Fact]
    public async Task A_staff_member_without_an_email_gets_no_account()
    {
        var staffId = await NewStaffAsync("N0003", "");

        var e = await Assert.ThrowsAsync<DomainException>(() => AsAdminAsync((a, _) => a.CreateForStaffAsync(staffId, [])));

        Assert.Equal(ErrorCodes.StaffHasNoEmail, e.Code);
    }
}
