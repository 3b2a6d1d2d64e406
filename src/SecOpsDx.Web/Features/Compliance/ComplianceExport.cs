using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Training.Queries;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Compliance;

/// <summary>
/// The lists behind the dashboard as files, with the rows and columns the pages show: the training rate per
/// department and the overdue list. CSV or .xlsx through <see cref="TableExport"/>. A manager gets their own department's rows only.
/// </summary>
public static class ComplianceExport
{
    public static void MapComplianceExport(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/compliance/export/departments.{TableExport.Format}", async (string format, int? year, HttpContext context, ComplianceQueries queries,
                TrainingQueries training, IAuthorizationService authorization, IStringLocalizer<ComplianceText> c, CancellationToken ct) =>
            {
                var viewer = await ComplianceViewer.OfAsync(context.User, training, authorization);
                if (viewer.HasNothingToSee) return Results.Forbid();
                var fy = YearOrCurrent(year, queries.Today);
                var summary = await queries.SummaryAsync(fy, viewer.SeesAll ? null : viewer.DepartmentId, ct);
                var rows = summary?.Training.ByDepartment ?? [];
                var table = new ExportTable(DepartmentHeaders(c), rows.Select(d => new ExportCell[]
                {
                    d.Name, ExportCell.Percent(ComplianceLabels.Percent(d.Rate.Rate)), Number(d.Rate.Completed), Number(d.Rate.Assigned), Number(d.Rate.Overdue),
                }).ToList());
                return await TableExport.FileAsync(context, table, format, $"training-rates-{fy.StartYear}", ct);
            })
            .RequireAuthorization(Policies.ComplianceReader);

        app.MapGet($"/compliance/export/overdue.{TableExport.Format}", async (string format, int? year, int? department, HttpContext context, ComplianceQueries queries,
                TrainingQueries training, IAuthorizationService authorization, IStringLocalizer<ComplianceText> c, CancellationToken ct) =>
            {
                var viewer = await ComplianceViewer.OfAsync(context.User, training, authorization);
                if (viewer.HasNothingToSee) return Results.Forbid();
                var fy = YearOrCurrent(year, queries.Today);
                var departmentId = await viewer.DepartmentFor(department, queries);
                var rows = await queries.OverdueAsync(fy, departmentId, ct);
                var style = DisplayDates.StyleOf(context.User);
                var table = new ExportTable(OverdueHeaders(c), rows.Select(r => OverdueCells(r, style)).ToList());
                var suffix = departmentId is { } d ? $"-{d.ToString(CultureInfo.InvariantCulture)}" : "";
                return await TableExport.FileAsync(context, table, format, $"training-overdue-{fy.StartYear}{suffix}", ct);
            })
            .RequireAuthorization(Policies.ComplianceReader);
    }

    /// <summary>The annual report for the 情報セキュリティ委員会 as a Word file (the CISO office only: it covers the whole organisation).</summary>
    public static void MapAnnualReportDocx(this IEndpointRouteBuilder app) =>
        app.MapGet("/compliance/report.docx", async (int? year, HttpContext context, ComplianceQueries queries, TrainingQueries training,
                IAuthorizationService authorization, IStringLocalizer<ComplianceText> c, Core.Separation.ControlCatalogue catalogue,
                Core.Incidents.IncidentTaxonomy taxonomy, Microsoft.Extensions.Options.IOptions<SecOpsDxOptions> options, CancellationToken ct) =>
            {
                var viewer = await ComplianceViewer.OfAsync(context.User, training, authorization);
                if (!viewer.SeesAll) return Results.Forbid();
                var fy = YearOrCurrent(year, queries.Today);
                var summary = (await queries.SummaryAsync(fy, null, ct))!;
                var style = DisplayDates.StyleOf(context.User);
                var bytes = ComplianceReport.Docx(ComplianceReport.Head(summary, queries.Today, style, options.Value, c),
                    ComplianceReport.Sections(summary, c, catalogue, taxonomy), c);
                context.Response.Headers.CacheControl = "no-store";
                return Results.File(bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"security-report-{fy.StartYear}.docx");
            })
            .RequireAuthorization(Policies.ComplianceReader);

    public static IReadOnlyList<string> DepartmentHeaders(IStringLocalizer<ComplianceText> c) =>
        [c["Col.Department"], c["Col.Rate"], c["Col.Completed"], c["Col.Assigned"], c["Col.Overdue"]];

    public static IReadOnlyList<string> OverdueHeaders(IStringLocalizer<ComplianceText> c) =>
        [c["Col.EmployeeNumber"], c["Col.Name"], c["Col.Department"], c["Col.Course"], c["Col.Due"]];

    public static ExportCell[] OverdueCells(OverdueRow r, DateDisplayStyle style) =>
        [r.EmployeeNumber, r.FullName, r.DepartmentName, r.CourseTitle, ExportCell.Date(r.DueOn, style)];

    /// <summary>The 年度 asked for when it is one that can have figures (not in the future), else the current one.</summary>
    public static FiscalYear YearOrCurrent(int? year, DateOnly today)
    {
        var current = FiscalYear.Of(today);
        return year is { } y && y >= FiscalYear.MinStartYear && y <= current.StartYear ? new FiscalYear(y) : current;
    }

    public static Task<string?> DepartmentNameAsync(ComplianceQueries queries, int departmentId) => queries.DepartmentNameAsync(departmentId);

    private static ExportCell Number(int n) => ExportCell.Count(n);
}
