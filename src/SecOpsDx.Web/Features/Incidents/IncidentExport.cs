using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>
/// The incident list as a file: the rows and columns the page shows for the same filter and order, in the user's
/// language and date style; CSV in UTF-8 with a byte-order mark so that Excel opens it as Japanese, or .xlsx.
/// </summary>
public static class IncidentExport
{
    public static void MapIncidentExport(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/incidents/export.{TableExport.Format}", async (string format, HttpContext context, IncidentQueries queries, IncidentTaxonomy taxonomy,
                IStringLocalizer<IncidentText> t, TimeProvider time, CancellationToken ct) =>
            {
                var rows = await queries.ExportAsync(FilterFrom(context), ct);
                var table = Table(rows, taxonomy, t, DisplayDates.StyleOf(context.User));
                return await TableExport.FileAsync(context, table, format, $"incidents-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.IncidentReader);

        // The statistics page's months of a 年度, by category.
        app.MapGet($"/incidents/dashboard/export.{TableExport.Format}", async (string format, int? year, HttpContext context, IncidentQueries queries,
                IncidentTaxonomy taxonomy, IStringLocalizer<IncidentText> t, IStringLocalizer<SharedText> l, TimeProvider time, CancellationToken ct) =>
            {
                var fy = IncidentTables.YearOrCurrent(year, time);
                var table = IncidentTables.Months(await queries.DashboardAsync(fy, ct), taxonomy, t, l);
                return await TableExport.FileAsync(context, table, format, $"incident-statistics-{fy.StartYear}", ct);
            })
            .RequireAuthorization(Policies.IncidentReader);
    }

    /// <summary>The list's query string, read the way the list page writes it.</summary>
    private static IncidentFilter FilterFrom(HttpContext context)
    {
        var q = context.Request.Query;
        string? Text(string key) => q[key].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        bool Flag(string key) => bool.TryParse(q[key].FirstOrDefault(), out var b) && b;
        var sort = Enum.TryParse<IncidentSort>(Text("sort"), ignoreCase: true, out var s) ? s : IncidentSort.Received;
        var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return new IncidentFilter(
            Text("q"), Enum.TryParse<IncidentScope>(Text("scope"), ignoreCase: true, out var scope) ? scope : IncidentScope.Open,
            Text("severity"), Text("category"),
            AssigneeUserId: Flag("mine") ? userId ?? "" : null, OverdueOnly: Flag("overdue"), Sort: sort,
            Descending: bool.TryParse(Text("desc"), out var desc) ? desc : IncidentFilter.DescendingByDefault(sort));
    }

    public static ExportTable Table(IReadOnlyList<IncidentRow> rows, IncidentTaxonomy taxonomy, IStringLocalizer<IncidentText> t, Core.Calendar.DateDisplayStyle style)
    {
        var en = AppCultures.IsEnglish;
        string[] headers = [t["Col.Number"], t["Col.Title"], t["Col.Status"], t["Col.Severity"], t["Col.Category"], t["Col.Received"], t["Col.Assignee"], t["Col.NextDue"]];
        var cells = rows.Select(r => new ExportCell[]
        {
            r.Number, r.Title, t.Status(r.Status, r.Closure, r.Phase), taxonomy.Severity(r.Severity)?.Label(en) ?? t["Severity.Unset"],
            taxonomy.Category(r.Category)?.Label(en) ?? "", ExportCell.Date(r.ReceivedAt, style, withTime: true), r.AssigneeName ?? "",
            r.NextDueAt is { } due ? ExportCell.Date(due, style, withTime: false) : "",
        }).ToList();
        return new ExportTable(headers, cells);
    }
}
