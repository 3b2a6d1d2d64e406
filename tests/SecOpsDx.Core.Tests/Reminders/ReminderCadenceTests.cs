using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Reminders;

namespace SecOpsDx.Core.Tests.Reminders;

/// <summary>On which office days each reminder rule speaks (2027-02-11 and 2027-01-11 are national holidays).</summary>
public sealed class ReminderCadenceTests
{
    private static ReminderCadence On(string day, OfficeCalendar? calendar = null) => new(calendar ?? OfficeCalendar.Default, DateOnly.Parse(day));
    private static DateOnly D(string day) => DateOnly.Parse(day);
    private static readonly int[] DueSoon = [30, 7, 1];

    [Theory]
    [InlineData("2027-02-01", true)]  // Mon: 7 open days left (2/1–2/5, 2/8, 2/9)
    [InlineData("2027-02-02", false)] // 6 left
    [InlineData("2027-02-09", true)]  // the last open day before the due date
    [InlineData("2027-02-10", false)] // the due date itself: no "due soon"
    [InlineData("2027-02-06", false)] // Saturday
    public void A_course_due_on_a_Wednesday_is_announced_7_and_1_open_days_before(string today, bool speaks) =>
        Assert.Equal(speaks, On(today).IsDueSoonDay(D("2027-02-10"), DueSoon));

    [Fact]
    public void The_one_day_reminder_comes_on_the_last_open_day_when_a_holiday_sits_before_the_due_date()
    {
        // Due Friday 2/12; Thursday 2/11 is 建国記念の日, so Wednesday 2/10 is the last open day before it.
        Assert.True(On("2027-02-10").IsDueSoonDay(D("2027-02-12"), DueSoon));
        Assert.False(On("2027-02-11").IsDueSoonDay(D("2027-02-12"), DueSoon));
    }

    [Theory]
    [InlineData("2026-12-28", true)]  // first open day after the due date
    [InlineData("2026-12-30", false)] // year-end closure
    [InlineData("2027-01-04", false)] // 2nd open day
    [InlineData("2027-01-07", false)] // 5th
    [InlineData("2027-01-08", true)]  // 6th: five open days after the first
    public void Overdue_items_come_back_every_five_open_days_over_the_year_end_closure(string today, bool speaks) =>
        Assert.Equal(speaks, On(today).IsRepeatDay(D("2026-12-26"), every: 5));

    [Theory]
    [InlineData("2027-03-12", false)] // 30 days late, not more
    [InlineData("2027-03-13", false)] // more than 30, but a Saturday
    [InlineData("2027-03-15", true)]  // the first open day after crossing
    [InlineData("2027-03-16", false)] // said once
    public void An_escalation_is_said_once_on_the_first_open_day_past_the_threshold(string today, bool speaks) =>
        Assert.Equal(speaks, On(today).IsFirstOpenDayPast(D("2027-02-10"), days: 30));

    [Fact]
    public void An_escalation_that_falls_on_a_substitute_holiday_waits_for_the_next_open_day()
    {
        // 14 days after 2026-04-21 is crossed on 2026-05-06, the 振替休日 for Sunday 5/3.
        Assert.False(On("2026-05-06").IsFirstOpenDayPast(D("2026-04-21"), days: 14));
        Assert.True(On("2026-05-07").IsFirstOpenDayPast(D("2026-04-21"), days: 14));
    }

    [Theory]
    [InlineData("2027-01-04", true)]  // Monday after the closure
    [InlineData("2027-01-11", false)] // 成人の日
    [InlineData("2027-01-12", true)]  // so Tuesday opens the week
    [InlineData("2027-01-13", false)]
    [InlineData("2026-12-28", true)]
    public void Weekly_mails_go_on_the_first_open_day_of_the_week(string today, bool first) =>
        Assert.Equal(first, On(today).IsFirstOpenDayOfWeek);

    [Fact]
    public void The_offices_own_closed_days_from_the_settings_move_the_weekly_mail()
    {
        var settings = new ReminderSettings { ExtraClosedDays = [D("2027-01-12")] };

        Assert.False(On("2027-01-12", settings.Calendar()).IsFirstOpenDayOfWeek);
        Assert.True(On("2027-01-13", settings.Calendar()).IsFirstOpenDayOfWeek);
    }

    [Fact]
    public void Settings_that_would_escalate_to_the_CISO_before_the_manager_are_refused()
    {
        Assert.Empty(new ReminderSettings().Problems());
        var problems = new ReminderSettings { EscalateToManagerAfterDays = 20, EscalateToCisoAfterDays = 10, RepeatEveryOpenDays = 0 }.Problems();
        Assert.Contains(problems, p => p.Contains("EscalateToCisoAfterDays", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("RepeatEveryOpenDays", StringComparison.Ordinal));
    }
}
