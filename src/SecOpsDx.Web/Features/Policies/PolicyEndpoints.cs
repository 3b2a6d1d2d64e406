using System.Security.Claims;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.PolicyRegister;

public static class PolicyEndpoints
{
    /// <summary>
    /// The policy pages' files: the register, a department's acknowledgment rates and its missing list as CSV or .xlsx
    /// (the rows and words of the pages, scoped as the pages scope them), and the 新旧対照表 as Word.
    /// </summary>
    public static IEndpointRouteBuilder MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/policies/register/export.{TableExport.Format}", async (string format, HttpContext context, PolicyQueries queries,
                GuidelineEditions editions, IStringLocalizer<PolicyText> t, TimeProvider time, CancellationToken ct) =>
            {
                var table = PolicyTables.Register(await queries.RegisterAsync(ct), t, editions, DisplayDates.StyleOf(context.User));
                return await TableExport.FileAsync(context, table, format, $"policy-register-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.PolicyAdmin);

        app.MapGet($"/policies/acknowledgments/export.{TableExport.Format}", async (string format, int? dept, HttpContext context,
                PolicyQueries queries, IStringLocalizer<PolicyText> t, TimeProvider time, CancellationToken ct) =>
            {
                var departmentId = await ManagerScope.DepartmentAsync(context.User, dept, queries, ct);
                if (departmentId is null) return Results.Forbid();
                var rates = await queries.DepartmentAcknowledgmentsAsync(departmentId.Value, ct);
                if (rates is null) return Results.NotFound();
                return await TableExport.FileAsync(context, PolicyTables.Rates(rates, t), format,
                    $"policy-acknowledgments-{departmentId}-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.PolicyManager);

        app.MapGet($"/policies/acknowledgments/{{documentId:int}}/missing.{TableExport.Format}", async (string format, int documentId, int? dept,
                HttpContext context, PolicyQueries queries, IStringLocalizer<PolicyText> t, TimeProvider time, CancellationToken ct) =>
            {
                var departmentId = await ManagerScope.DepartmentAsync(context.User, dept, queries, ct);
                if (departmentId is null) return Results.Forbid();
                var missing = await queries.MissingAcknowledgmentsAsync(departmentId.Value, documentId, ct);
                return await TableExport.FileAsync(context, PolicyTables.Missing(missing, t), format,
                    $"policy-missing-{documentId}-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.PolicyManager);

        app.MapGet("/policies/compare/{a:int}/{b:int}.docx", async (int a, int b, bool? omit, PolicyQueries queries, PolicySettings settings,
                IStringLocalizer<PolicyText> t, HttpContext context, CancellationToken ct) =>
            {
                var view = await queries.CompareAsync(a, b, omit ?? false, ct);
                if (view is null) return Results.NotFound();
                // As the page: those who may draft the document (the CISO office and its owner department's managers).
                if (!await queries.MayDraftAsync(context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value, view.DocumentId, ct))
                    return Results.Forbid();
                var bytes = ComparisonDocx.Write(view, settings.NewOnLeft, t);
                // It can hold a draft nobody has approved yet: never kept by a browser or a proxy.
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    $"{view.Slug}-{view.OldNumber}-{view.NewNumber}.docx");
            })
            .RequireAuthorization(Policies.PolicyManager);
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
