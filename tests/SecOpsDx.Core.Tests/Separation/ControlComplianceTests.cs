using SecOpsDx.Core.Separation;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>The sums on the CISO's matrix.</summary>
public sealed class ControlComplianceTests
{
    private static MatrixCell Cell(bool applies, ControlStatus status, string segment = "lgwan") => new(segment, applies, status, false);

    [Fact]
    public void Compliance_is_met_cells_over_cells_that_apply_leaving_out_not_applicable_and_other_segments()
    {
        var cells = new[]
        {
            Cell(true, ControlStatus.Met), Cell(true, ControlStatus.Met), Cell(true, ControlStatus.Partial), Cell(true, ControlStatus.NotMet),
            Cell(true, ControlStatus.NotApplicable), Cell(false, ControlStatus.Met), Cell(true, ControlStatus.Met, "internet"),
        };

        var figure = ControlCompliance.Figure("lgwan", cells);

        Assert.Equal((2, 4, 50.0m), (figure.Met, figure.Applicable, figure.Percent!.Value));
    }

    [Fact]
    public void A_segment_where_nothing_applies_has_no_percentage_and_two_of_three_rounds_half_up_to_66_7()
    {
        Assert.Null(ControlCompliance.Figure("lgwan", [Cell(false, ControlStatus.Met)]).Percent);
        Assert.Equal(66.7m, ControlCompliance.Figure("lgwan", [Cell(true, ControlStatus.Met), Cell(true, ControlStatus.Met), Cell(true, ControlStatus.NotMet)]).Percent);
    }

    [Theory]
    [InlineData(ControlStatus.Partial, new ControlStatus[0], ControlStatus.Partial)]
    [InlineData(ControlStatus.NotMet, new[] { ControlStatus.Met, ControlStatus.Met }, ControlStatus.Met)]
    [InlineData(ControlStatus.Met, new[] { ControlStatus.Met, ControlStatus.NotMet }, ControlStatus.Partial)]
    [InlineData(ControlStatus.Met, new[] { ControlStatus.NotMet, ControlStatus.NotMet }, ControlStatus.NotMet)]
    [InlineData(ControlStatus.Met, new[] { ControlStatus.Met, ControlStatus.NotApplicable }, ControlStatus.Met)]
    [InlineData(ControlStatus.Met, new[] { ControlStatus.NotApplicable }, ControlStatus.NotApplicable)]
    [InlineData(ControlStatus.Met, new[] { ControlStatus.Partial, ControlStatus.Partial }, ControlStatus.Partial)]
    public void Systems_recorded_one_by_one_decide_the_cell(ControlStatus controlLevel, ControlStatus[] systems, ControlStatus expected) =>
        Assert.Equal(expected, ControlCompliance.CellStatus(controlLevel, systems));
}
