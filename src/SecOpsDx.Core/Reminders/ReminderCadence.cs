using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Reminders;

/// <summary>
/// On which days a rule speaks, counted in office open days: due soon N open days before, overdue on the first open
/// day after and then every N, and the first open day past an escalation threshold. Counts come from one pass over
/// the calendar, so thousands of people cost no more than one.
/// </summary>
public sealed class ReminderCadence
{
    private readonly OfficeCalendar calendar;
    private readonly DateOnly first;
    private readonly int[] openBefore; // open days in [first, first + i)

    public DateOnly Today { get; }

    /// <param name="reach">How far before and after today dates are looked at; dates beyond count as at the edge.</param>
    public ReminderCadence(OfficeCalendar calendar, DateOnly today, int reach = 400)
    {
        this.calendar = calendar;
        Today = today;
        first = today.AddDays(-reach);
        openBefore = new int[2 * reach + 2];
        for (var i = 1; i < openBefore.Length; i++)
            openBefore[i] = openBefore[i - 1] + (calendar.IsOpen(first.AddDays(i - 1)) ? 1 : 0);
    }

    public bool IsOpenToday => calendar.IsOpen(Today);

    /// <summary>Open days in [from, toExclusive) (negative when reversed), within the reach.</summary>
    public int OpenDaysBetween(DateOnly from, DateOnly toExclusive) => Index(toExclusive) - Index(from);

    private int Index(DateOnly date) => openBefore[Math.Clamp(date.DayNumber - first.DayNumber, 0, openBefore.Length - 1)];

    /// <summary>Open days left before the due date, today included: 1 on the last open day before it.</summary>
    public int OpenDaysLeft(DateOnly dueOn) => OpenDaysBetween(Today, dueOn);

    /// <summary>True today when a course due on <paramref name="dueOn"/> is one of the "N open days before" reminders.</summary>
    public bool IsDueSoonDay(DateOnly dueOn, IReadOnlyCollection<int> openDaysBefore) =>
        IsOpenToday && dueOn >= Today && openDaysBefore.Contains(OpenDaysLeft(dueOn));

    /// <summary>
    /// True today on the first open day on or after <paramref name="since"/>, and every <paramref name="every"/> open
    /// days after that (for overdue items: since the day after the due date).
    /// </summary>
    public bool IsRepeatDay(DateOnly since, int every)
    {
        if (!IsOpenToday || since > Today) return false;
        var nth = OpenDaysBetween(since, Today.AddDays(1)); // today is the nth open day since
        return nth >= 1 && (nth - 1) % every == 0;
    }

    /// <summary>
    /// True today when it is the first open day on which something due on <paramref name="dueOn"/> is more than
    /// <paramref name="days"/> calendar days late: an escalation is said once, on the next open day when the day it
    /// crosses is closed.
    /// </summary>
    public bool IsFirstOpenDayPast(DateOnly dueOn, int days)
    {
        if (!IsOpenToday) return false;
        var crossing = dueOn.AddDays(days + 1); // first day more than `days` late
        return crossing <= Today && OpenDaysBetween(crossing, Today) == 0;
    }

    /// <summary>True on the week's first open day (Monday, or the next open day when Monday is closed).</summary>
    public bool IsFirstOpenDayOfWeek
    {
        get
        {
            if (!IsOpenToday) return false;
            var monday = Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));
            return OpenDaysBetween(monday, Today) == 0;
        }
    }
}
