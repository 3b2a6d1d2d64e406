using SecOpsDx.Core.Separation;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>The shipped catalogue, and the messages a municipality gets when its edit of a file goes wrong.</summary>
public sealed class ControlCatalogueTests
{
    private const string Head = """
        segments:
          - {code: mynumber, ja: マイナンバー利用事務系, en: My Number}
          - {code: lgwan, ja: LGWAN接続系, en: LGWAN}
        models:
          - {code: alpha, ja: α, en: α, default: true}
          - {code: beta, ja: β, en: β}
        controls:
        """;

    private static string Control(string id, string extra = "everyMonths: 3", string segments = "[mynumber]", string models = "all") => $"""

          - id: {id}
            segments: {segments}
            models: {models}
            ja: 名前
            en: Name
            requirementJa: 要件
            requirementEn: Requirement
            evidenceJa: 証跡
            evidenceEn: Evidence
            {extra}
        """;

    private static CatalogueException Refused(string yaml, string? local = null) =>
        Assert.Throws<CatalogueException>(() => ControlCatalogue.Parse(yaml, "three-layer-controls.yaml", local, "three-layer-controls.local.yaml"));

    [Fact]
    public void The_shipped_catalogue_holds_the_38_controls_over_three_segments_and_four_models_with_alpha_the_default()
    {
        var catalogue = ControlDesk.Catalogue;

        Assert.Equal(38, catalogue.Controls.Count);
        Assert.Equal(["mynumber", "lgwan", "internet"], catalogue.Segments.Select(s => s.Code));
        Assert.Equal(["alpha", "alpha-prime", "beta", "beta-prime"], catalogue.Models.Select(m => m.Code));
        Assert.Equal("alpha", catalogue.DefaultModel);
        Assert.Equal([4, 10], catalogue.Control("MN-06")!.Frequency.InMonths);
        Assert.Equal(1, catalogue.Control("mn-04")!.Frequency.EveryMonths);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_the_line()
    {
        var e = Refused(Head + Control("MN-01") + "\n    ja: [unclosed\n");

        Assert.StartsWith("three-layer-controls.yaml: line ", e.Message);
    }

    [Fact]
    public void An_unknown_segment_names_the_file_the_line_of_the_control_and_the_segment()
    {
        var e = Refused(Head + Control("MN-01") + Control("MN-02", segments: "[mynumber, dmz]"));

        Assert.Contains("three-layer-controls.yaml: line 18: control MN-02: segments: unknown segment 'dmz'", e.Message);
    }

    [Theory]
    [InlineData("models: [alpha, gamma]", "models: unknown model 'gamma'")]
    [InlineData("everyMonths: 0", "everyMonths: a whole number from 1 to 60, not '0'")]
    [InlineData("inMonths: [4, 13]", "inMonths: '13' is not a month from 1 to 12")]
    [InlineData("owner: x", "a frequency is required")]
    [InlineData("everyMonths: 3\n    inMonths: [4]", "give everyMonths or inMonths, not both")]
    public void Each_kind_of_mistake_in_a_control_is_named(string extra, string reason)
    {
        var yaml = extra.StartsWith("models") ? Head + Control("MN-01", "everyMonths: 3", models: "[alpha, gamma]") : Head + Control("MN-01", extra);

        var e = Refused(yaml);

        Assert.Contains("control MN-01", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_control_without_its_texts_or_with_an_id_used_twice_is_refused()
    {
        var missing = Refused(Head + Control("MN-01").Replace("    requirementEn: Requirement\n", ""));
        var twice = Refused(Head + Control("MN-01") + Control("mn-01"));

        Assert.Contains("control MN-01: requirementEn is required", missing.Message);
        Assert.Contains("id 'MN-01' appears twice", twice.Message);
    }

    [Fact]
    public void The_local_file_adds_the_municipalitys_own_control_and_changes_a_frequency()
    {
        var local = "controls:" + Control("XX-01", "inMonths: [6]") + "\nfrequencies:\n  MN-01: {everyMonths: 1}\n";

        var catalogue = ControlCatalogue.Parse(Head + Control("MN-01"), "a.yaml", local, "b.yaml");

        Assert.Equal(["MN-01", "XX-01"], catalogue.Controls.Select(c => c.Id));
        Assert.True(catalogue.Control("XX-01")!.IsLocal);
        Assert.Equal(1, catalogue.Control("MN-01")!.Frequency.EveryMonths);
    }

    [Fact]
    public void The_local_file_is_named_when_it_is_wrong()
    {
        var unknown = Refused(Head + Control("MN-01"), "frequencies:\n  ZZ-09: {everyMonths: 1}\n");
        var duplicate = Refused(Head + Control("MN-01"), "controls:" + Control("MN-01"));
        var segments = Refused(Head + Control("MN-01"), "segments: []\n");

        Assert.Contains("three-layer-controls.local.yaml: line 2: frequencies ZZ-09: unknown control id 'ZZ-09'", unknown.Message);
        Assert.Contains("three-layer-controls.local.yaml: line 2: control MN-01: id 'MN-01' appears twice", duplicate.Message);
        Assert.Contains("three-layer-controls.local.yaml: line 1: 'segments' cannot be set here", segments.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Assert.Throws<CatalogueException>(() => ControlCatalogue.Load("/nonexistent/three-layer-controls.yaml"));

        Assert.Equal("/nonexistent/three-layer-controls.yaml: file not found", e.Message);
    }

    [Theory]
    [InlineData("alpha", "LG-06", true)]
    [InlineData("alpha", "AP-01", false)]
    [InlineData("alpha", "BT-01", false)]
    [InlineData("alpha", "BT-05", true)]
    [InlineData("alpha", "BT-06", true)]
    [InlineData("alpha-prime", "BT-07", true)]
    [InlineData("alpha", "MN-08", true)]
    [InlineData("beta-prime", "MN-11", true)]
    [InlineData("alpha-prime", "AP-02", true)]
    [InlineData("alpha-prime", "LG-06", true)]
    [InlineData("alpha-prime", "AP-03", true)]
    [InlineData("beta", "AP-03", true)]
    [InlineData("beta", "LG-06", false)]
    [InlineData("beta", "BT-01", true)]
    [InlineData("beta", "BP-01", false)]
    [InlineData("beta-prime", "BT-05", true)]
    [InlineData("beta-prime", "BP-03", true)]
    [InlineData("beta-prime", "MN-01", true)]
    public void Each_control_applies_to_the_models_the_catalogue_gives(string model, string control, bool applies) =>
        Assert.Equal(applies, ControlDesk.Catalogue.Control(control)!.AppliesTo(model));

    [Theory]
    [InlineData("alpha", 28)]
    [InlineData("alpha-prime", 31)]
    [InlineData("beta", 32)]
    [InlineData("beta-prime", 35)]
    public void The_number_of_controls_that_apply_follows_the_model(string model, int count) =>
        Assert.Equal(count, ControlDesk.Catalogue.Controls.Count(c => c.AppliesTo(model)));

    [Fact]
    public void The_my_number_segment_is_closed_in_principle_with_approved_and_recorded_specific_links_and_screen_transfer()
    {
        var mn01 = ControlDesk.Catalogue.Control("MN-01")!;

        Assert.Equal("原則通信不可。特定通信・画面転送は承認・記録のうえ。", mn01.RequirementJa);
        Assert.Contains("only once approved and recorded", mn01.RequirementEn);
    }

    [Fact]
    public void The_r7_items_for_the_my_number_segment_are_controls_of_every_model()
    {
        var added = new[] { "MN-08", "MN-09", "MN-10", "MN-11" }.Select(id => ControlDesk.Catalogue.Control(id)!).ToList();

        Assert.All(added, c => Assert.Equal(["mynumber"], c.Segments));
        Assert.All(added, c => Assert.Equal(ControlDesk.Catalogue.Models.Select(m => m.Code), c.Models));
        Assert.Contains("WPA2またはWPA3", added[0].RequirementJa);
        Assert.Contains("画面の情報だけ", added[1].RequirementJa);
        Assert.Contains("ガバメントクラウド", added[2].RequirementJa);
        Assert.Contains("政府統一基準", added[3].RequirementJa);
    }

    [Fact]
    public void Mail_text_conversion_and_screen_transfer_are_one_sanitised_communication_control_with_its_methods_and_file_sanitisation_stays_apart()
    {
        var catalogue = ControlDesk.Catalogue;

        Assert.Null(catalogue.Control("LG-02"));
        Assert.Null(catalogue.Control("LG-04"));
        Assert.Equal(["mail-text", "screen-transfer", "other"], catalogue.Control("LG-06")!.Methods.Select(m => m.Code));
        Assert.Empty(catalogue.Control("LG-03")!.Methods);
        Assert.Equal([new RetiredControlId("LG-02", "LG-06"), new RetiredControlId("LG-04", "LG-06")], catalogue.RetiredIds);
    }

    [Fact]
    public void A_local_file_that_still_names_a_merged_control_is_told_where_it_went()
    {
        const string Retired = "\nretired:\n  - {id: LG-02, replacedBy: LG-06}\n";
        var shipped = Head + Control("LG-06") + Retired;

        var frequency = Refused(shipped, "frequencies:\n  LG-02: {everyMonths: 3}\n");
        var reused = Refused(shipped, "controls:" + Control("LG-02"));

        Assert.Contains("frequencies LG-02: control 'LG-02' has left the catalogue (replaced by LG-06)", frequency.Message);
        Assert.Contains("control LG-02: id 'LG-02' belonged to a control that has left the catalogue", reused.Message);
    }

    [Fact]
    public void Methods_need_two_entries_each_with_a_code_and_both_names_and_a_retired_id_must_have_left()
    {
        var one = Refused(Head + Control("LG-06", "everyMonths: 6\n    methods:\n      - {code: mail-text, ja: テキスト化, en: Text}"));
        var unnamed = Refused(Head + Control("LG-06", "everyMonths: 6\n    methods:\n      - {code: a, ja: A}\n      - {code: b, ja: B, en: B}"));
        var still = Refused(Head + Control("LG-06") + "\nretired:\n  - {id: LG-06}\n");

        Assert.Contains("control LG-06: methods: a list of two or more entries", one.Message);
        Assert.Contains("control LG-06: methods: line", unnamed.Message);
        Assert.Contains("retired: 'LG-06' is still a control in this file", still.Message);
    }

    [Theory]
    [InlineData(1, "2026-01-31", "2026-02-28")]
    [InlineData(1, "2026-11-10", "2026-12-10")]
    [InlineData(3, "2026-11-30", "2027-02-28")]
    [InlineData(6, "2026-08-31", "2027-02-28")]
    [InlineData(12, "2024-02-29", "2025-02-28")]
    [InlineData(12, "2026-04-01", "2027-04-01")]
    public void The_next_verification_falls_due_the_frequency_after_the_last(int months, string last, string due) =>
        Assert.Equal(DateOnly.Parse(due), VerificationFrequency.Every(months).NextDue(DateOnly.Parse(last)));

    [Theory]
    [InlineData("2026-04-15", "2026-10-31")]
    [InlineData("2026-04-01", "2026-10-31")]
    [InlineData("2026-10-31", "2027-04-30")]
    [InlineData("2026-06-03", "2026-10-31")]
    [InlineData("2026-12-20", "2027-04-30")]
    [InlineData("2027-03-31", "2027-04-30")]
    public void Checks_in_April_and_October_fall_due_at_the_end_of_the_next_of_those_months(string last, string due) =>
        Assert.Equal(DateOnly.Parse(due), VerificationFrequency.In(4, 10).NextDue(DateOnly.Parse(last)));
}
