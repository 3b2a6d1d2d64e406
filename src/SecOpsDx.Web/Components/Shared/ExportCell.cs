using System.Globalization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// A cell of a list: the words the page shows (<see cref="Text"/>), and for a count, a rate or a date also the value a
/// spreadsheet calculates and sorts with (<see cref="Value"/>: a number, or a date as Excel's serial day number) and the
/// number format that shows it as the page does. A cell without a value is text, in the file too, whatever it starts with.
/// </summary>
public readonly record struct ExportCell(string Text, double? Value = null, string? NumberFormat = null)
{
    /// <summary>和暦 as Excel and LibreOffice show it, 令和元年 for 2019: 令和7年4月1日.</summary>
    public const string WarekiDate = "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\";@";
    public const string WarekiDateTime = "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\" hh:mm;@";
    public const string WesternDate = "yyyy/mm/dd";
    public const string WesternDateTime = "yyyy/mm/dd hh:mm";
    public const string JapaneseMonth = "yyyy\"年\"m\"月\"";
    public const string EnglishMonth = "m/yyyy";
    public const string WholePercent = "0%";
    public const string Percent1 = "0.0%";

    public static implicit operator ExportCell(string text) => new(text);

    public static implicit operator ExportCell(Microsoft.Extensions.Localization.LocalizedString text) => new(text.Value);

    public override string ToString() => Text;

    public static ExportCell Count(int n) => new(n.ToString(CultureInfo.InvariantCulture), n);

    /// <summary>A rate as the page writes it ("95.9%", "80%"); "—" (no one to count) stays text.</summary>
    public static ExportCell Percent(string text)
    {
        if (!text.EndsWith('%') || !decimal.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
            return new(text);
        var dot = text.IndexOf('.');
        return new(text, (double)(percent / 100m), dot < 0 ? WholePercent : Percent1);
    }

    /// <summary>A day, shown in the reader's style (和暦 or western).</summary>
    public static ExportCell Date(DateOnly date, DateDisplayStyle style) =>
        date < FirstSerialDay ? new(DisplayDates.Format(date, style))
        : new(DisplayDates.Format(date, style), Serial(date.ToDateTime(TimeOnly.MinValue)), DateFormat(date, style, withTime: false));

    /// <summary>An instant as its day in Japan (and the time when asked), in the reader's style.</summary>
    public static ExportCell Date(DateTimeOffset moment, DateDisplayStyle style, bool withTime)
    {
        var jst = JapanTime.ToJapanTime(moment).DateTime;
        var day = withTime ? jst : jst.Date;
        if (DateOnly.FromDateTime(jst) < FirstSerialDay) return new(DisplayDates.Format(moment, style, withTime));
        return new(DisplayDates.Format(moment, style, withTime), Serial(day), DateFormat(DateOnly.FromDateTime(jst), style, withTime));
    }

    /// <summary>A month of a table of months, under the words the page gives it.</summary>
    public static ExportCell Month(int year, int month, string text) =>
        new(text, Serial(new DateTime(year, month, 1)), AppCultures.IsEnglish ? EnglishMonth : JapaneseMonth);

    /// <summary>Excel counts days from 1899-12-30 (keeping Lotus's phantom 29 February 1900); dates before 1 March 1900 are not written as dates.</summary>
    private static readonly DateOnly FirstSerialDay = new(1900, 3, 1);

    private static double Serial(DateTime local) => local.ToOADate();

    private static string DateFormat(DateOnly date, DateDisplayStyle style, bool withTime) =>
        style == DateDisplayStyle.Wareki && date >= Eras.Meiji.Start
            ? withTime ? WarekiDateTime : WarekiDate
            : withTime ? WesternDateTime : WesternDate;
}
