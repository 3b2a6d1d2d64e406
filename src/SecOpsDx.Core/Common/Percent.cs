using System.Globalization;

namespace SecOpsDx.Core.Common;

/// <summary>
/// The one rounding rule for every rate the app shows, judges or exports (受講率, 確認率, 適合率, click rates…): a percent
/// rounded half up (四捨五入) to one decimal, so 7/13 = 53.8%, 9/11 = 81.8%, 1/8 = 12.5% and 1/16 = 6.25 → 6.3%.
/// Nothing to count (0 of 0) has no rate and reads "—", never 100% or 0%.
/// </summary>
/// <remarks>
/// Worked in <see cref="decimal"/>, so the half that decides the rounding is exact (6.25 is not 6.2499…), and a status
/// judged against a threshold is judged on the figure the reader sees.
/// </remarks>
public static class Percent
{
    /// <summary>What a rate with nothing to count reads.</summary>
    public const string None = "—";

    /// <summary>The percent of <paramref name="part"/> in <paramref name="whole"/>, half up to one decimal; null when the whole is 0.</summary>
    public static decimal? Of(int part, int whole) => whole <= 0 ? null : Round(part * 100m / whole);

    /// <summary>A rate (0..1) as a percent, half up to one decimal; null stays null.</summary>
    public static decimal? Of(double? rate) => rate is { } r && double.IsFinite(r) ? Round((decimal)r * 100m) : null;

    /// <summary>"53.8%"; "—" for no rate.</summary>
    public static string Format(decimal? percent) =>
        percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : None;

    public static string Format(int part, int whole) => Format(Of(part, whole));

    public static string Format(double? rate) => Format(Of(rate));

    private static decimal Round(decimal percent) => Math.Round(percent, 1, MidpointRounding.AwayFromZero);
}
