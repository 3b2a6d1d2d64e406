using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Training;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Training;

/// <summary>Screen words for the training enums and rates.</summary>
public static class TrainingLabels
{
    public static string Kind(this IStringLocalizer<TrainingText> t, TrainingKind kind) => t[$"Kind.{kind}"];

    public static string Status(this IStringLocalizer<TrainingText> t, TrainingStatus status) => t[$"Status.{status}"];

    public static string Method(this IStringLocalizer<TrainingText> t, CompletionMethod method) => t[$"Method.{method}"];

    public static string Step(this IStringLocalizer<TrainingText> t, DrillStep step) => t[$"Step.{step}"];

    public static string BadgeOf(TrainingStatus status) => status switch
    {
        TrainingStatus.Completed => "text-bg-success",
        TrainingStatus.Overdue => "text-bg-danger",
        TrainingStatus.Exempt => "text-bg-secondary",
        _ => "text-bg-warning",
    };

    /// <summary>"92.5%", or "—" when nobody is assigned (the one rule: <see cref="Core.Common.Percent"/>).</summary>
    public static string Percent(double? rate) => Core.Common.Percent.Format(rate);
}
