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
    public static FiscalYear YearOrCurrent(int? year, TimeProvider time) =>
        year is { } y && Offers(y, time) ? new FiscalYear(y) : FiscalYear.Current(time);

    /// <summary>The categories that had tickets in the year, most first (then by code, so that the order is the same every time).</summary>
    public static IReadOnlyList<string> Categories(IReadOnlyList<MonthCategoryStat> byCategory) =>
        byCategory.GroupBy(x => x.Category).OrderByDescending(g => g.Sum(x => x.Count)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).ToList();

    /// <summary>Whether the statistics page (and its export) offers the 年度.</summary>
    public static bool Offers(int startYear, TimeProvider time)
    {
        var current = FiscalYear.Current(time).StartYear;
        return startYear <= current && startYear > current - YearsOffered;
    }

    public static ExportTable Months(IncidentDashboard d, IncidentTaxonomy taxonomy, IStringLocalizer<IncidentText> t, IStringLocalizer<SharedText> l) =>
        Months(d.Months, d.MonthsByCategory, taxonomy, t, l);

    /// <summary>
    /// A month per row in the order of the 年度 (April first), then the totals; a category with no ticket in a month is
    /// left empty. The statistics page, the CISO dashboard's incident area and the export all show this table.
    /// </summary>
    public static ExportTable Months(IReadOnlyList<MonthStat> months, IReadOnlyList<MonthCategoryStat> byCategory, IncidentTaxonomy taxonomy,
        IStringLocalizer<IncidentText> t, IStringLocalizer<SharedText> l)
    {
        var categories = Categories(byCategory);
        string[] headers = [t["Dashboard.Month"], t["Dashboard.Received"], t["Dashboard.Closed"],
            .. categories.Select(c => taxonomy.Category(c)?.Label(AppCultures.IsEnglish) ?? c)];
        int Count(string category, MonthStat? m) =>
            byCategory.Where(x => x.Category == category && (m is null || (x.Year == m.Year && x.Month == m.Month))).Sum(x => x.Count);
        var rows = months.Select(m => (ExportCell[])[ExportCell.Month(m.Year, m.Month, t["Dashboard.MonthName", m.Year, m.Month]), Number(m.Received), Number(m.Closed),
                .. categories.Select(c => Count(c, m) is var n and > 0 ? Number(n) : "")])
            .Append([(ExportCell)l["Common.All"].Value, Number(months.Sum(m => m.Received)), Number(months.Sum(m => m.Closed)),
                .. categories.Select(c => Number(Count(c, null)))])
            .ToList();
        return new ExportTable(headers, rows);
    }

    private static ExportCell Number(int n) => ExportCell.Count(n);
}
