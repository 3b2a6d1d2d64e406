using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Tests.Calendar;

public class EraTests
{
    public static TheoryData<DateOnly, string, int> DaysAroundTheReiwaSwitch()
    {
        var data = new TheoryData<DateOnly, string, int>();
        for (var d = new DateOnly(2019, 3, 30); d <= new DateOnly(2019, 5, 3); d = d.AddDays(1))
        {
            data.Add(d, d < new DateOnly(2019, 5, 1) ? "平成" : "令和", d < new DateOnly(2019, 5, 1) ? 31 : 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DaysAroundTheReiwaSwitch))]
    public void Every_day_from_March_30_to_May_3_2019_has_the_right_era_and_era_year(DateOnly date, string eraName, int eraYear)
    {
        var era = Eras.Of(date);

        Assert.Equal(eraName, era.Name);
        Assert.Equal(eraYear, era.ToEraYear(date.Year));
    }

    [Theory]
    [InlineData(1868, 1, 25, "明治", 1)]
    [InlineData(1912, 7, 29, "明治", 45)]
    [InlineData(1912, 7, 30, "大正", 1)]
    [InlineData(1926, 12, 24, "大正", 15)]
    [InlineData(1926, 12, 25, "昭和", 1)]
    [InlineData(1989, 1, 7, "昭和", 64)]
    [InlineData(1989, 1, 8, "平成", 1)]
    [InlineData(2019, 4, 30, "平成", 31)]
    [InlineData(2019, 5, 1, "令和", 1)]
    [InlineData(2025, 4, 1, "令和", 7)]
    public void Each_era_switches_on_its_first_day(int y, int m, int d, string eraName, int eraYear)
    {
        var date = new DateOnly(y, m, d);

        Assert.True(Eras.TryGetEra(date, out var era));
        Assert.Equal(eraName, era.Name);
        Assert.Equal(eraYear, era.ToEraYear(y));
    }

    [Fact]
    public void Eras_follow_each_other_without_gaps_or_overlaps()
    {
        for (var i = 1; i < Eras.All.Count; i++)
        {
            Assert.Equal(Eras.All[i - 1].End!.Value.AddDays(1), Eras.All[i].Start);
        }
        Assert.Null(Eras.All[^1].End);
    }

    [Theory]
    [InlineData("令和", 2018)]
    [InlineData("平成", 1988)]
    [InlineData("昭和", 1925)]
    [InlineData("大正", 1911)]
    [InlineData("明治", 1867)]
    public void Era_year_offsets_match_the_official_conversion(string name, int offset)
    {
        Assert.True(Eras.TryFind(name, out var era));
        Assert.Equal(offset, era.YearOffset);
        Assert.Equal(offset + 5, era.ToWesternYear(5));
    }

    [Fact]
    public void A_date_before_Meiji_has_no_era()
    {
        Assert.False(Eras.TryGetEra(new DateOnly(1868, 1, 24), out var era));
        Assert.Null(era);
        Assert.Throws<ArgumentOutOfRangeException>(() => Eras.Of(new DateOnly(1868, 1, 24)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Eras.Of(default));
    }

    [Theory]
    [InlineData("R", "令和")]
    [InlineData("r", "令和")]
    [InlineData("Ｒ", "令和")]
    [InlineData("ｒ", "令和")]
    [InlineData("H", "平成")]
    [InlineData("h", "平成")]
    [InlineData("S", "昭和")]
    [InlineData("s", "昭和")]
    [InlineData("T", "大正")]
    [InlineData("t", "大正")]
    [InlineData("M", "明治")]
    [InlineData("m", "明治")]
    [InlineData(" 令和 ", "令和")]
    public void Eras_are_found_by_name_or_case_insensitive_abbreviation(string key, string expectedName)
    {
        Assert.True(Eras.TryFind(key, out var era));
        Assert.Equal(expectedName, era.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X")]
    [InlineData("RR")]
    [InlineData("令")]
    [InlineData("慶応")]
    public void Unknown_era_names_are_not_found(string? key) =>
        Assert.False(Eras.TryFind(key, out _));

    [Theory]
    [InlineData(1, "元")]
    [InlineData(2, "2")]
    [InlineData(31, "31")]
    public void Era_year_one_is_written_gannen(int eraYear, string expected) =>
        Assert.Equal(expected, Eras.FormatEraYear(eraYear));
}
