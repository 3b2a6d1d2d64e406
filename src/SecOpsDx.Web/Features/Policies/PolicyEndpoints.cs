using System.Security.Claims;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Features.Incidents;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.PolicyRegister;

public static class PolicyEndpoints
{
    /// <summary>The policy register's files: the missing-acknowledgment list as CSV and the 新旧対照表 as Word.</summary>
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/policies/acknowledgments/{documentId:int}/missing.csv", async (int documentId, int? dept, HttpContext context,
                PolicyQueries queries, IStringLocalizer<PolicyText> t, TimeProvider time, CancellationToken ct) =>
            {
                var departmentId = await ManagerScope.DepartmentAsync(context.User, dept, queries, ct);
                if (departmentId is null) return Results.Forbid();
                var missing = await queries.MissingAcknowledgmentsAsync(departmentId.Value, documentId, ct);
                var table = new IncidentExport.ExportTable(
                    [t["Col.EmployeeNumber"], t["Col.Name"], t["Col.Department"], t["Col.JobTitle"]],
                    missing.Select(m => new[] { m.EmployeeNumber, m.FullName, m.DepartmentName, m.Title ?? "" }).ToList());
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(IncidentExport.Csv(table), "text/csv; charset=utf-8",
                    $"policy-missing-{documentId}-{Core.Calendar.JapanTime.Today(time):yyyyMMdd}.csv");
            })
            .RequireAuthorization(Policies.PolicyManager);

        app.MapGet("/policies/compare/{a:int}/{b:int}.docx", async (int a, int b, bool? omit, PolicyQueries queries, PolicySettings settings,
                IStringLocalizer<PolicyText> t, CancellationToken ct) =>
            {
                var view = await queries.CompareAsync(a, b, omit ?? false, ct);
                if (view is null) return Results.NotFound();
                var bytes = ComparisonDocx.Write(view, settings.NewOnLeft, t);
                return Results.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    $"{view.Slug}-{view.OldNumber}-{view.NewNumber}.docx");
            })
            .RequireAuthorization(Policies.PolicyAdmin);
        return app;
    }
}

/// <summary>Which department a manager's pages cover: their own; the CISO and Admin may name any.</summary>
public static class ManagerScope
{
    public static async Task<int?> DepartmentAsync(ClaimsPrincipal user, int? requested, PolicyQueries queries, CancellationToken ct)
    {
        var own = await queries.StaffOfUserAsync(user.FindFirst(ClaimTypes.NameIdentifier)?.Value, ct);
        if (requested is { } r && (user.IsInRole(Roles.Ciso) || user.IsInRole(Roles.Admin))) return r;
        return own?.DepartmentId;
    }
}
