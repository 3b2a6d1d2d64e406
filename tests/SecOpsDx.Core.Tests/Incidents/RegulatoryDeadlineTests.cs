using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Tests.Incidents;

/// <summary>
/// The PPC's rules (DOMAIN §4.4) pinned to examples worked by hand: the 確報 on day 30 (60) counting the day of awareness
/// as day 1 and rolled over the national government's closed days only; the 速報's target (day 3) and outer edge (day 5)
/// never rolled; the cases of 個人情報保護法 第68条 and of 番号法 第29条の4, each named with its law.
/// </summary>
public sealed class RegulatoryDeadlineTests
{
    private static readonly PersonalDataReportingRules Rules = new(PeopleThreshold: 100, PreliminaryDays: 3, FinalDays: 30, FinalDaysImproperIntent: 60,
        RollForwardOnClosedDays: true, PreliminaryOuterDays: 5);

    private static Incident Leak(DateOnly awareDate, int people = 5, bool sensitive = true, bool improperIntent = false) => new()
    {
        Title = "誤送信",
        AwareAt = new DateTimeOffset(awareDate.ToDateTime(new TimeOnly(16, 0)), TimeSpan.FromHours(9)),
        PersonalDataInvolved = true,
        PersonalRecordCount = people,
        SensitiveData = sensitive,
        ImproperIntent = improperIntent,
    };

    private static Incident MyNumberLeak(DateOnly awareDate, int people) => new()
    {
        Title = "マイナンバー入り書類の誤交付",
        AwareAt = new DateTimeOffset(awareDate.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(9)),
        PersonalDataInvolved = true,
        PersonalRecordCount = people,
        SpecificPersonalInformation = true,
    };

    [Theory]
    // aware, 速報 target (day 3), 速報 outer edge (day 5), 確報 (day 30, rolled over national closed days)
    [InlineData("2026-04-01", "2026-04-03", "2026-04-05", "2026-04-30")] // the example: not 5/1
    [InlineData("2026-01-08", "2026-01-10", "2026-01-12", "2026-02-06")] // Friday 2/6, not Monday 2/9; 速報 day 3 is a Saturday and stays
    [InlineData("2026-04-05", "2026-04-07", "2026-04-09", "2026-05-07")] // day 30 is 5/4, with 5/5 and 5/6 closed
    [InlineData("2026-12-02", "2026-12-04", "2026-12-06", "2027-01-04")] // day 30 is 12/31, in 年末年始
    [InlineData("2026-12-27", "2026-12-29", "2026-12-31", "2027-01-25")] // 速報 in 年末年始 is not moved to 1/4; day 30 is Monday 1/25
    [InlineData("2026-03-31", "2026-04-02", "2026-04-04", "2026-04-30")] // across the 年度: day 30 is 昭和の日 4/29
    [InlineData("2028-01-30", "2028-02-01", "2028-02-03", "2028-02-28")] // leap year: day 30 is 2/28
    public void Deadlines_count_the_day_of_awareness_as_day_one(string aware, string target, string outer, string final)
    {
        var result = RegulatoryRules.Assess(Leak(DateOnly.Parse(aware)), Rules);

        Assert.True(result.MustReportToPpc);
        Assert.Equal(DateOnly.Parse(target), result.PreliminaryDueDate);
        Assert.Equal(DateOnly.Parse(outer), result.PreliminaryOuterDate);
        Assert.Equal(DateOnly.Parse(final), result.FinalDueDate);
        Assert.True(Deadlines.NationalGovernment.IsOpen(result.FinalDueDate!.Value));
        Assert.Equal(new DateTimeOffset(DateOnly.Parse(final).ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(9)), result.FinalDueAt);
        Assert.Equal(new DateTimeOffset(DateOnly.Parse(outer).ToDateTime(TimeOnly.MaxValue), TimeSpan.FromHours(9)), result.PreliminaryOuterAt);
    }

    [Fact]
    public void Improper_intent_gives_sixty_days_for_the_final_report()
    {
        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), sensitive: false, improperIntent: true), Rules);

        Assert.Equal([ReportableReason.ImproperIntent], result.Reasons);
        Assert.Equal(new DateOnly(2026, 7, 30), result.FinalDueDate); // 6/1 is day 1, so day 60 is Thursday 7/30 (was 7/31)
    }

    [Fact]
    public void A_municipal_closed_day_does_not_move_a_PPC_deadline()
    {
        // The town closes 4/30 by its own ordinance; the PPC, a national body, is open, so day 30 stays 4/30.
        var town = new OfficeCalendar(extraClosedDates: [new DateOnly(2026, 4, 30)]);
        Assert.False(town.IsOpen(new DateOnly(2026, 4, 30)));

        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 4, 1)), Rules);

        Assert.Equal(new DateOnly(2026, 4, 30), result.FinalDueDate);
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    public void More_than_one_hundred_people_alone_makes_a_leak_reportable(int people, bool reportable)
    {
        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), people, sensitive: false), Rules);

        Assert.Equal(reportable, result.MustReportToPpc);
        Assert.Equal(reportable, result.MustNotifyIndividuals);
    }

    [Fact]
    public void Sensitive_data_of_a_single_person_is_reportable_under_the_personal_information_act()
    {
        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 6, 1), people: 1), Rules);

        Assert.True(result.MustReportToPpc);
        Assert.Equal([ReportingLaw.PersonalInformationProtectionAct], result.Laws);
    }

    [Fact]
    public void A_My_Number_leak_of_three_people_with_no_other_case_is_reported_under_the_My_Number_Act()
    {
        // Aware Monday 2026-06-01: 速報 target 6/3, outer edge 6/5; 確報 day 30 is Tuesday 6/30.
        var result = RegulatoryRules.Assess(MyNumberLeak(new DateOnly(2026, 6, 1), people: 3), Rules);

        Assert.True(result.MustReportToPpc);
        Assert.True(result.MustNotifyIndividuals);
        Assert.Equal([ReportableReason.MyNumberAnyLeak], result.Reasons);
        Assert.Equal([ReportingLaw.MyNumberAct], result.Laws);
        Assert.Equal(new DateOnly(2026, 6, 3), result.PreliminaryDueDate);
        Assert.Equal(new DateOnly(2026, 6, 5), result.PreliminaryOuterDate);
        Assert.Equal(new DateOnly(2026, 6, 30), result.FinalDueDate);
    }

    [Fact]
    public void A_My_Number_leak_under_advanced_encryption_with_no_listed_case_is_not_reportable()
    {
        var incident = MyNumberLeak(new DateOnly(2026, 6, 1), people: 3);
        incident.DataWasEncrypted = true;

        var result = RegulatoryRules.Assess(incident, Rules);

        Assert.False(result.MustReportToPpc);
        Assert.True(result.EncryptedMayBeExempt);
        Assert.True(result.SpecificPersonalInformation);
    }

    [Fact]
    public void The_My_Number_Acts_own_cases_are_named_each_with_its_law()
    {
        var incident = MyNumberLeak(new DateOnly(2026, 6, 1), people: 150);
        incident.ImproperIntent = true;
        incident.ExposedToPublic = true;
        incident.Segment = NetworkSegment.MyNumber;

        var result = RegulatoryRules.Assess(incident, Rules);

        Assert.Equal(
            [ReportableReason.ImproperIntent, ReportableReason.OverPeopleThreshold, ReportableReason.MyNumberSystems,
             ReportableReason.MyNumberImproperIntent, ReportableReason.MyNumberPublicExposure, ReportableReason.MyNumberOverPeopleThreshold],
            result.Reasons);
        Assert.Equal([ReportingLaw.PersonalInformationProtectionAct, ReportingLaw.MyNumberAct], result.Laws);
        Assert.DoesNotContain(ReportableReason.MyNumberAnyLeak, result.Reasons);
        Assert.Equal(new DateOnly(2026, 7, 30), result.FinalDueDate); // 不正の目的: day 60
    }

    [Fact]
    public void My_Number_data_counts_as_personal_data_even_when_the_other_answer_was_left_open()
    {
        var incident = MyNumberLeak(new DateOnly(2026, 6, 1), people: 1);
        incident.PersonalDataInvolved = null;
        incident.MyNumberSystemsInvolved = true;

        var result = RegulatoryRules.Assess(incident, Rules);

        Assert.True(result.PersonalDataInvolved);
        Assert.Equal([ReportableReason.MyNumberSystems], result.Reasons);
    }

    [Fact]
    public void Without_personal_data_nothing_is_due()
    {
        var incident = Leak(new DateOnly(2026, 6, 1), people: 500);
        incident.PersonalDataInvolved = false;

        var result = RegulatoryRules.Assess(incident, Rules);

        Assert.False(result.MustReportToPpc);
        Assert.False(result.MustNotifyIndividuals);
        Assert.Null(result.FinalDueDate);
    }

    [Fact]
    public void Without_roll_forward_a_final_report_may_fall_on_a_closed_day()
    {
        var rules = Rules with { RollForwardOnClosedDays = false };

        var result = RegulatoryRules.Assess(Leak(new DateOnly(2026, 1, 30)), rules);

        Assert.Equal(new DateOnly(2026, 2, 28), result.FinalDueDate); // day 30, a Saturday
    }

    [Fact]
    public void The_aware_date_is_the_Japanese_date_even_late_at_night_UTC()
    {
        var incident = Leak(new DateOnly(2026, 6, 1));
        incident.AwareAt = new DateTimeOffset(2026, 6, 1, 16, 30, 0, TimeSpan.Zero); // 6/2 01:30 in Japan

        var result = RegulatoryRules.Assess(incident, Rules);

        Assert.Equal(new DateOnly(2026, 6, 4), result.PreliminaryDueDate); // 6/2 is day 1
    }
}
