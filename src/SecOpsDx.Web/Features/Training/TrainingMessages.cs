using System.Globalization;
using System.Resources;
using SecOpsDx.Core.Training;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Training;

/// <summary>Row problems of the training and drill imports in the reader's language, for the pages and the command line.</summary>
public static class TrainingMessages
{
    private static readonly ResourceManager Text = new(typeof(TrainingText));

    public static string Describe(CompletionImportError e, CultureInfo? culture = null) => Format($"ImportProblem.{e.Problem}", e.Value, culture);

    public static string Describe(DrillImportError e, CultureInfo? culture = null) => Format($"DrillProblem.{e.Problem}", e.Value, culture);

    private static string Format(string key, string? value, CultureInfo? culture)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return string.Format(c, Text.GetString(key, c) ?? key, value);
    }
}
