using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class TaxonomyTests
{
    [Fact]
    public void The_shipped_taxonomy_loads_with_the_domain_categories_and_rules()
    {
        var t = IncidentDesk.Taxonomy;

        Assert.Equal(17, t.Categories.Count);
        Assert.Equal("マルウェア感染", t.Category("MALWARE")!.Ja);
        Assert.Equal(["low", "medium", "high", "critical"], t.Severities.Select(s => s.Code));
        Assert.Equal(new PersonalDataReportingRules(100, 3, 30, 60, true), t.PersonalData);
        Assert.NotNull(t.Channel("ppc-final"));
    }

    [Theory]
    [InlineData("categories: []\nseverities: [{code: a, ja: a, en: a}]\nchannels: [{code: ppc-preliminary, ja: a, en: a}, {code: ppc-final, ja: a, en: a}]\npersonalDataReporting: {peopleThreshold: 100, preliminaryDays: 3, finalDays: 30, finalDaysImproperIntent: 60}", "categories: at least one entry")]
    [InlineData("categories: [{code: a, ja: a, en: a}, {code: A, ja: b, en: b}]\nseverities: [{code: a, ja: a, en: a}]\nchannels: [{code: ppc-preliminary, ja: a, en: a}, {code: ppc-final, ja: a, en: a}]\npersonalDataReporting: {peopleThreshold: 100, preliminaryDays: 3, finalDays: 30, finalDaysImproperIntent: 60}", "code 'a' appears twice")]
    [InlineData("categories: [{code: a, ja: a, en: a}]\nseverities: [{code: a, ja: a, en: a}]\nchannels: [{code: ppc-final, ja: a, en: a}]\npersonalDataReporting: {peopleThreshold: 100, preliminaryDays: 3, finalDays: 30, finalDaysImproperIntent: 60}", "'ppc-preliminary' is required")]
    [InlineData("categories: [{code: a, ja: a, en: a}]\nseverities: [{code: a, ja: a, en: a}]\nchannels: [{code: ppc-preliminary, ja: a, en: a}, {code: ppc-final, ja: a, en: a}]\npersonalDataReporting: {peopleThreshold: 0, preliminaryDays: 3, finalDays: 30, finalDaysImproperIntent: 60}", "peopleThreshold")]
    [InlineData("categories: [{code: a, ja: a, en: a, paper or PC}]", "line 1")]
    public void A_broken_taxonomy_is_refused_with_the_reason(string yaml, string expected)
    {
        var e = Assert.Throws<TaxonomyException>(() => IncidentTaxonomy.Parse(yaml, "test.yaml"));

        Assert.Contains(expected, e.Message);
    }
}
