using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Separation;

/// <summary>How statuses, results, frequencies, segments and models read on the control pages.</summary>
public static class ControlLabels
{
    public static string Status(this IStringLocalizer<ControlText> t, ControlStatus status) => t[$"Status.{status}"];

    /// <summary>A mark beside the words, so a status never rests on colour alone.</summary>
    public static string Icon(ControlStatus status) => status switch
    {
        ControlStatus.Met => "✔",
        ControlStatus.Partial => "◐",
        ControlStatus.NotMet => "✖",
        _ => "－",
    };

    public static string Css(ControlStatus status) => status switch
    {
        ControlStatus.Met => "text-bg-success",
        ControlStatus.Partial => "text-bg-warning",
        ControlStatus.NotMet => "text-bg-danger",
        _ => "text-bg-light border",
    };

    public static string Result(this IStringLocalizer<ControlText> t, VerificationResult result) => t[$"Result.{result}"];

    public static string Exception(this IStringLocalizer<ControlText> t, ExceptionState state) => t[$"ExceptionState.{state}"];

    public static string Frequency(this IStringLocalizer<ControlText> t, VerificationFrequency f)
    {
        if (f.IsFixedMonths)
            return string.Join(AppCultures.IsEnglish ? " and " : "・",
                f.InMonths.Select(m => AppCultures.IsEnglish ? System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(m) : $"{m}月"));
        return f.EveryMonths switch
        {
            1 => t["Frequency.Monthly"],
            3 => t["Frequency.Quarterly"],
            6 => t["Frequency.HalfYearly"],
            12 => t["Frequency.Yearly"],
            var n => t["Frequency.EveryMonths", n],
        };
    }

    public static string Segment(ControlCatalogue catalogue, string code) => catalogue.Segment(code)?.Label(AppCultures.IsEnglish) ?? code;

    public static string Model(ControlCatalogue catalogue, string code) => catalogue.Model(code)?.Label(AppCultures.IsEnglish) ?? code;
}
