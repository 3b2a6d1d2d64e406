using System.Globalization;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Features.Separation;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Compliance;

/// <summary>Screen words for statuses and their reasons, in the reader's language.</summary>
public static class ComplianceLabels
{
    public static string Status(this IStringLocalizer<ComplianceText> c, AreaStatus status) => c[$"Status.{status}"];

    public static string BadgeOf(AreaStatus status) => status switch
    {
        AreaStatus.Action => "text-bg-danger",
        AreaStatus.Attention => "text-bg-warning",
        _ => "text-bg-success",
    };

    /// <summary>"82.0%"; "—" when there is nothing to count (the one rule: <see cref="Core.Common.Percent"/>).</summary>
    public static string Percent(double? rate) => Core.Common.Percent.Format(rate);

    /// <summary>A sentence such as "研修の受講率 82.0% < 90%", from the reason's code and figures.</summary>
    public static string Reason(this IStringLocalizer<ComplianceText> c, StatusReason r, ControlCatalogue catalogue, IncidentTaxonomy taxonomy)
    {
        var value = Core.Common.Percent.Format((decimal)r.Value);
        var limit = r.Limit.ToString("0.#", CultureInfo.InvariantCulture) + "%";
        var count = ((int)Math.Round(r.Value)).ToString(CultureInfo.CurrentCulture);
        return r.Code switch
        {
            ReasonCodes.TrainingRateBelow or ReasonCodes.DrillClickRateAbove or ReasonCodes.AcknowledgmentRateBelow => c[$"Reason.{r.Code}", value, limit],
            ReasonCodes.SegmentComplianceBelow => c[$"Reason.{r.Code}", value, limit, ControlLabels.Segment(catalogue, r.Subject ?? "")],
            ReasonCodes.PpcDeadlineSoon => c[$"Reason.{r.Code}", count, r.Limit.ToString("0", CultureInfo.InvariantCulture)],
            ReasonCodes.OpenAtHighestSeverity => c[$"Reason.{r.Code}", count, taxonomy.Severity(r.Subject)?.Label(AppCultures.IsEnglish) ?? r.Subject ?? ""],
            _ => c[$"Reason.{r.Code}", count],
        };
    }
}
