using System.Globalization;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Policies;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.PolicyRegister;

/// <summary>
/// The words of the register, the acknowledgment rates and the missing list, column by column: the pages show these
/// cells and the exports write them, so a file says what the page said.
/// </summary>
public static class PolicyTables
{
    public static IReadOnlyList<string> RegisterHeaders(IStringLocalizer<PolicyText> t) =>
    [
        t["Col.Title"], t["Col.Kind"], t["Col.RuleNumber"], t["Col.Owner"], t["Col.InForce"], t["Col.EffectiveOn"], t["Col.EnactedOn"],
        t["Col.AmendedOn"], t["Col.LastReview"], t["Col.NextReview"], t["Col.Guideline"], t["Col.Review"], t["Col.Open"],
    ];

    /// <summary>The register's cells of a document; the title carries the 公表 mark the page shows beside it.</summary>
    public static ExportCell[] RegisterCells(RegisterRow r, IStringLocalizer<PolicyText> t, GuidelineEditions editions, DateDisplayStyle style) =>
    [
        r.IsPublic ? $"{r.Title} {t["Register.Public"]}" : r.Title,
        t.Kind(r.Kind),
        r.RuleNumber ?? "",
        r.OwnerName ?? r.OwnerCode,
        r.InForceNumber is { } n ? t["Task.Version", n] : t["Register.NoneInForce"],
        Date(r.InForceSince, style), Date(r.EnactedOn, style), Date(r.AmendedOn, style), Date(r.LastReviewedOn, style), Date(r.NextReviewDue, style),
        PolicyLabels.Edition(editions, r.GuidelineEdition),
        r.ReviewNeeded ? t.Need(r.Need) : "",
        r.OpenRevisionId is not null ? $"{t["Task.Version", r.OpenRevisionNumber!]} {t.State(r.OpenRevisionState!.Value)}" : "",
    ];

    public static ExportTable Register(IReadOnlyList<RegisterRow> rows, IStringLocalizer<PolicyText> t, GuidelineEditions editions, DateDisplayStyle style) =>
        new(RegisterHeaders(t), rows.Select(r => RegisterCells(r, t, editions, style)).ToList());

    public static IReadOnlyList<string> RateHeaders(IStringLocalizer<PolicyText> t) =>
        [t["Col.Title"], t["Col.Version"], t["Rates.Applicable"], t["Rates.Acknowledged"], t["Rates.Rate"], t["Rates.Missing"]];

    /// <summary>A document's rate in a department; the missing count is empty when nobody is missing, as on the page.</summary>
    public static ExportCell[] RateCells(DepartmentRate r, IStringLocalizer<PolicyText> t) =>
    [
        r.Title, t["Task.Version", r.Number].Value, Number(r.Applicable), Number(r.Acknowledged), ExportCell.Percent(Core.Common.Percent.Format(r.Percent)),
        r.Missing > 0 ? t["Rates.MissingCount", r.Missing] : "",
    ];

    public static ExportTable Rates(DepartmentAcknowledgments rates, IStringLocalizer<PolicyText> t) =>
        new(RateHeaders(t), rates.Documents.Select(r => RateCells(r, t)).ToList());

    public static IReadOnlyList<string> MissingHeaders(IStringLocalizer<PolicyText> t) =>
        [t["Col.EmployeeNumber"], t["Col.Name"], t["Col.Department"], t["Col.JobTitle"]];

    public static ExportCell[] MissingCells(MissingStaff m) => [m.EmployeeNumber, m.FullName, m.DepartmentName, m.Title ?? ""];

    public static ExportTable Missing(IReadOnlyList<MissingStaff> missing, IStringLocalizer<PolicyText> t) =>
        new(MissingHeaders(t), missing.Select(MissingCells).ToList());

    private static ExportCell Date(DateOnly? date, DateDisplayStyle style) => date is { } d ? ExportCell.Date(d, style) : "";

    private static ExportCell Number(int n) => ExportCell.Count(n);
}
