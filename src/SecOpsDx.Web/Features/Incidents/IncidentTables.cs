using System.Globalization;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>
/// The incident statistics page's table of the 年度 month by month (received, closed, and received per category), with
/// the year's totals as its last row: the page shows these cells and the export writes them.
/// </summary>
public static class IncidentTables
{
    /// <summary>How many 年度 back the statistics page offers (this one included).</summary>
    public const int YearsOffered = 5;

    /// <summary>The 年度 asked for when the page offers it, else the current one.</summary>
    public static FiscalYear YearOrCurrent(int? year, TimeProvider time)
    {
        var current = FiscalYear.Current(time);
        return year is { } y && y <= current.StartYear && y > current.StartYear - YearsOffered ? new FiscalYear(y) : current;
    }

    /// <summary>The categories that had tickets in the year, most first (then by code, so that the order is the same every time).</summary>
    public static IReadOnlyList<string> Categories(IncidentDashboard d) =>
        d.MonthsByCategory.GroupBy(x => x.Category).OrderByDescending(g => g.Sum(x => x.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    /// <summary>A month per row in the order of the 年度 (April first), then the totals; a category with no ticket in a month is left empty.</summary>
    public static ExportTable Months(IncidentDashboard d, IncidentTaxonomy taxonomy, IStringLocalizer<IncidentText> t, IStringLocalizer<SharedText> l)
    {
        var categories = Categories(d);
        string[] headers = [t["Dashboard.Month"], t["Dashboard.Received"], t["Dashboard.Closed"],
            .. categories.Select(c => taxonomy.Category(c)?.Label(AppCultures.IsEnglish) ?? c)];
        int Count(string category, MonthStat? m) =>
            d.MonthsByCategory.Where(x => x.Category == category && (m is null || (x.Year == m.Year && x.Month == m.Month))).Sum(x => x.Count);
        var rows = d.Months.Select(m => (string[])[t["Dashboard.MonthName", m.Year, m.Month], Number(m.Received), Number(m.Closed),
                .. categories.Select(c => Count(c, m) is var n and > 0 ? Number(n) : "")])
            .Append([l["Common.All"], Number(d.Months.Sum(m => m.Received)), Number(d.Months.Sum(m => m.Closed)),
                .. categories.Select(c => Number(Count(c, null)))])
            .ToList();
        return new ExportTable(headers, rows);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
