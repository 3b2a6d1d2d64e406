using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class RegulatoryDeadlineTests
{
    private static readonly PersonalDataReportingRules Rules = new(PeopleThreshold: 100, PreliminaryDays: 3, FinalDays: 30, FinalDaysImproperIntent: 60, RollForwardOnClosedDays: true);

    private static Incident Leak(DateOnly awareDate, int people = 5, bool sensitive = true, bool improperIntent = false) => new()
    {
        Title = "誤送信",
        AwareAt = new DateTimeOffset(awareDate.ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(9)),
        PersonalDataInvolved = true,
        PersonalRecordCount = people,
        SensitiveData = sensitive,
        ImproperIntent = improperIntent,
    };

    [Theory]
    // aware, expected preliminary (aware + 3, next open day), expected final (aware + 30, next open day)
    [InlineData("2026-01-30", "2026-02-02", "2026-03-02")] // Fri: +3 = Mon 2/2; +30 = Sun 3/1 → Mon 3/2
    [InlineData("2027-01-29", "2027-02-01", "2027-03-01")] // +30 = Sun 2/28 → Mon 3/1 (not a leap year)
    [InlineData("2028-01-30", "2028-02-02", "2028-02-29")] // leap year: +30 = Tue 2/29
    [InlineData("2026-12-01", "2026-12-04", "2027-01-04")] // +30 = 12/31, closed until 1/3 → Mon 1/4
    [InlineData("2026-04-30", "2026-05-07", "2026-06-01")] // +3 = Sun 5/3 in Golden Week → Thu 5/7; +30 = Sat 5/30 → Mon 6/1
    [InlineData("2026-03-31", "2026-04-03", "2026-04-30")] // across the fiscal-year boundary and a month end
    public void Deadlines_count_calendar_days_from_the_day_after_awareness_and_skip_closed_days(string aware, string preliminary, string final)
    {
        var result = RegulatoryRules.Assess(Leak(DateOnly.Parse(aware)), Rules, OfficeCalendar.Default);

        Assert.True(result.MustReportToPpc);
        Assert.Equal(DateOnly.Parse(preliminary), result.PreliminaryDueDate);
        Assert.Equal(DateOnly.Parse(final), result.FinalDueDate);
        Assert.True(OfficeCalendar.Default.IsOpen(result.FinalDueDate!.Value));
        Assert.Equal(new DateTimeOffset(DateOnly.Parse(final).ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(9)), result.FinalDueAt);
    }

    [Fact]
    public void Improper_intent_gives_sixty_days_for_the_final_report()
    {
        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), sensitive: false, improperIntent: true), Rules, OfficeCalendar.Default);

        Assert.Equal([ReportableReason.ImproperIntent], result.Reasons);
        Assert.Equal(new DateOnly(2026, 7, 31), result.FinalDueDate); // 6/1 + 60 = 7/31 (Fri)
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void More_than_one_hundred_people_alone_makes_a_leak_reportable(int people, bool reportable)
    {
        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), people, sensitive: false), Rules, OfficeCalendar.Default);

        Assert.Equal(reportable, result.MustReportToPpc);
    }

    [Fact]
    public void Sensitive_data_of_a_single_person_is_reportable()
    {
        Assert.True(RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), people: 1), Rules, OfficeCalendar.Default).MustReportToPpc);
    }

    [Fact]
    public void Without_personal_data_nothing_is_due()
    {
        var incident = Leak(new DateOnly(2026, 6, 1), people: 500);
        incident.PersonalDataInvolved = false;

        var result = RegulatoryRules.Assess(incident, Rules, OfficeCalendar.Default);

        Assert.False(result.MustReportToPpc);
        Assert.Null(result.FinalDueDate);
    }

    [Fact]
    public void Without_roll_forward_a_deadline_may_fall_on_a_closed_day()
    {
        var rules = Rules with { RollForwardOnClosedDays = false };

        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 1, 30)), rules, OfficeCalendar.Default);

        Assert.Equal(new DateOnly(2026, 3, 1), result.FinalDueDate);
    }

    [Fact]
    public void The_aware_date_is_the_Japanese_date_even_late_at_night_UTC()
    {
        var incident = Leak(new DateOnly(2026, 6, 1));
        incident.AwareAt = new DateTimeOffset(2026, 6, 1, 16, 30, 0, TimeSpan.Zero); // 6/2 01:30 in Japan

        var result = RegulatoryRules.Assess(incident, Rules, OfficeCalendar.Default);

        Assert.Equal(new DateOnly(2026, 6, 5), result.PreliminaryDueDate);
    }
}
