using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Who reaches the three-layer control pages and files: the CISO office all of them, a manager only the controls they own, staff none.</summary>
public sealed class ControlAccessTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("staff@example.jp", "/controls")]
    [InlineData("staff@example.jp", "/controls/due")]
    [InlineData("staff@example.jp", "/controls/MN-04")]
    [InlineData("staff@example.jp", "/controls/matrix")]
    [InlineData("staff@example.jp", "/controls/self-check")]
    [InlineData("staff@example.jp", "/controls/retired")]
    [InlineData("staff@example.jp", "/controls/" + DemoControls.RetiredControl)]
    [InlineData("csirt@example.jp", "/controls/retired")]
    [InlineData("csirt@example.jp", "/controls")]
    [InlineData("manager@example.jp", "/controls/matrix")]
    [InlineData("manager@example.jp", "/controls/settings")]
    [InlineData("manager@example.jp", "/controls/exceptions")]
    public async Task A_role_without_permission_is_denied_the_control_page(string email, string path)
    {
        var client = await SignIn.AsAsync(factory, email);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("ciso@example.jp", "/controls/matrix", "data-testid=\"segment-figure\"")]
    [InlineData("admin@example.jp", "/controls/settings", "data-testid=\"system-row\"")]
    [InlineData("ciso@example.jp", "/controls/exceptions", "data-testid=\"exception-row\"")]
    [InlineData("ciso@example.jp", "/controls/LG-01", "data-testid=\"verify-form\"")]
    [InlineData("manager@example.jp", "/controls/MN-04", "data-testid=\"verify-form\"")]
    [InlineData("manager@example.jp", "/controls/due", "data-testid=\"overdue-row\" data-control=\"MN-04\"")]
    [InlineData("manager@example.jp", "/controls/self-check", "data-testid=\"self-check-row\"")]
    [InlineData("ciso@example.jp", "/controls/self-check/1", "data-testid=\"self-check-summary\"")]
    public async Task The_CISO_office_and_the_owning_manager_get_the_page(string email, string path, string content)
    {
        var client = await SignIn.AsAsync(factory, email);

        var html = await client.GetStringAsync(path);

        Assert.Contains(content, html);
    }

    [Fact]
    public async Task The_CISO_lists_the_retired_controls_and_opens_one_read_only_with_its_history()
    {
        var ciso = await SignIn.AsAsync(factory, "ciso@example.jp");

        var list = await ciso.GetAsync("/controls/retired");
        var html = await list.Content.ReadAsStringAsync();
        var detail = await ciso.GetStringAsync("/controls/" + DemoControls.RetiredControl);
        var matrix = await ciso.GetStringAsync("/controls/matrix");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"data-testid=\"retired-row\" data-control=\"{DemoControls.RetiredControl}\"", html);
        Assert.Contains("メール添付ファイルのパスワード付きZIP送信", html);
        Assert.Contains("外部メールサーバー", html);
        Assert.Contains("data-testid=\"control-retired\"", detail);
        Assert.Contains("data-testid=\"verification-row\"", detail);
        Assert.DoesNotContain("data-testid=\"verify-form\"", detail);
        Assert.DoesNotContain("data-testid=\"status-form\"", detail);
        Assert.Contains("href=\"controls/retired\"", matrix);
    }

    [Fact]
    public async Task A_control_merged_into_another_names_its_successor_on_the_retired_list_and_its_own_page()
    {
        // LG-04 (screen transfer) as a register that held it before the upgrade keeps it: retired, with its status.
        await using (var scope = factory.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SecOpsDxDbContext>>().CreateDbContextAsync())
        {
            if (!await db.CatalogueControls.AnyAsync(c => c.ControlId == "LG-04"))
            {
                db.CatalogueControls.Add(new CatalogueControl
                {
                    ControlId = "LG-04", NameJa = "画面転送方式", NameEn = "Screen transfer", Segments = "lgwan",
                    ListedAt = DateTimeOffset.UtcNow.AddYears(-1), RetiredAt = DateTimeOffset.UtcNow,
                });
                db.ControlStates.Add(new ControlState { ControlId = "LG-04", Status = ControlStatus.Met, UpdatedAt = DateTimeOffset.UtcNow, UpdatedBy = "test" });
                await db.SaveChangesAsync();
            }
        }
        var ciso = await SignIn.AsAsync(factory, "ciso@example.jp");

        var list = await ciso.GetStringAsync("/controls/retired");
        var page = await ciso.GetStringAsync("/controls/LG-04");

        Assert.Contains("data-testid=\"retired-row\" data-control=\"LG-04\"", list);
        Assert.Contains("後継の対策: <a href=\"controls/LG-06\">LG-06</a>", list);
        Assert.Contains("data-testid=\"control-retired\"", page);
        Assert.Contains("<a href=\"controls/LG-06\">LG-06</a>", page);
    }

    [Fact]
    public async Task A_manager_who_did_not_own_the_retired_control_reads_the_list_without_it()
    {
        var manager = await SignIn.AsAsync(factory, "manager@example.jp");

        var html = await manager.GetStringAsync("/controls/retired");
        var detail = await manager.GetStringAsync("/controls/" + DemoControls.RetiredControl);

        Assert.Contains("data-testid=\"no-retired-controls\"", html);
        Assert.DoesNotContain("retired-system", html);
        Assert.Contains("data-testid=\"control-not-available\"", detail);
    }

    [Fact]
    public async Task A_system_taken_out_of_use_is_listed_for_the_CISO_office_under_the_retired_controls()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SecOpsDxDbContext>>().CreateDbContextAsync();
            var department = await db.Departments.Select(d => d.Id).FirstAsync();
            db.SegmentSystems.Add(new SegmentSystem { Name = "旧 住民情報照会端末", Segment = "mynumber", OwnerDepartmentId = department, IsActive = false });
            await db.SaveChangesAsync();
        }

        var html = await (await SignIn.AsAsync(factory, "admin@example.jp")).GetStringAsync("/controls/retired");

        Assert.Contains("data-testid=\"retired-system-row\"><td>旧 住民情報照会端末</td>", html);
    }

    [Fact]
    public async Task A_manager_sees_only_the_controls_of_their_department()
    {
        var client = await SignIn.AsAsync(factory, "manager@example.jp");

        var list = await client.GetStringAsync("/controls");
        var other = await client.GetStringAsync("/controls/LG-01");
        var due = await client.GetStringAsync("/controls/due");

        Assert.Contains("data-control=\"MN-04\"", list);
        Assert.DoesNotContain("data-control=\"LG-01\"", list);
        Assert.Contains("data-testid=\"control-not-available\"", other);
        Assert.DoesNotContain("verify-form", other);
        Assert.DoesNotContain("data-control=\"IN-02\"", due);
    }

    [Fact]
    public async Task Evidence_downloads_for_the_CISO_office_but_not_for_a_manager_who_does_not_own_the_control_nor_staff()
    {
        int id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var writes = new ControlWrites(sp.GetRequiredService<IDbContextFactory<SecOpsDxDbContext>>(), new FixedActor(new AuditActor(null, "system:test")),
                TimeProvider.System, sp.GetRequiredService<ControlCatalogue>());
            id = await new AddControlEvidence(writes, sp.GetRequiredService<EvidenceStore>())
                .ExecuteAsync("LG-03", null, new EvidenceUpload("sanitiser.log", "text/plain", new MemoryStream(Encoding.UTF8.GetBytes("clean")), null));
        }

        var ciso = await (await SignIn.AsAsync(factory, "ciso@example.jp")).GetAsync($"/controls/LG-03/evidence/{id}");
        var manager = await (await SignIn.AsAsync(factory, "manager@example.jp")).GetAsync($"/controls/LG-03/evidence/{id}");
        var staff = await (await SignIn.AsAsync(factory, "staff@example.jp")).GetAsync($"/controls/LG-03/evidence/{id}");

        Assert.Equal(HttpStatusCode.OK, ciso.StatusCode);
        Assert.Equal("application/octet-stream", ciso.Content.Headers.ContentType?.MediaType);
        Assert.Equal("clean", await ciso.Content.ReadAsStringAsync());
        Assert.True(ciso.Headers.CacheControl?.NoStore, "an evidence download is never kept by a browser or proxy");
        Assert.Equal(HttpStatusCode.NotFound, manager.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, staff.StatusCode);
        Assert.Contains("/Account/AccessDenied", staff.Headers.Location!.ToString());
    }
}
