using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class IncidentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(9));

    private static Incident Ticket(IncidentStatus reach = IncidentStatus.Received)
    {
        var i = new Incident { Id = 1, Number = "2026-0001", Title = "USBメモリの紛失", Category = "loss", Severity = "high" };
        if (reach >= IncidentStatus.Triage) i.StartTriage(Now);
        if (reach >= IncidentStatus.Handling) i.StartHandling();
        if (reach >= IncidentStatus.PostIncident) i.StartPostIncident();
        return i;
    }

    [Theory]
    [InlineData(null, "原因", "対策")]
    [InlineData("  ", "原因", "対策")]
    [InlineData("回収済み", null, "対策")]
    [InlineData("回収済み", "原因", "")]
    public void An_incident_cannot_close_without_resolution_root_cause_and_lessons(string? resolution, string? cause, string? lessons)
    {
        var i = Ticket(IncidentStatus.PostIncident);

        Assert.ThrowsAny<DomainException>(() => i.Close(resolution, cause, lessons, Now));
        Assert.Equal(IncidentStatus.PostIncident, i.Status);
        Assert.Null(i.ClosedAt);
    }

    [Fact]
    public void A_handled_incident_closes_with_its_resolution()
    {
        var i = Ticket(IncidentStatus.PostIncident);

        i.Close("回収し、データの消去を確認", "持ち出し手順の不徹底", "持ち出し簿の電子化", Now);

        Assert.Equal(IncidentStatus.Closed, i.Status);
        Assert.Equal(ClosureKind.Resolved, i.Closure);
        Assert.Equal(Now, i.ClosedAt);
    }

    [Theory]
    [InlineData(IncidentStatus.Received)]
    [InlineData(IncidentStatus.Triage)]
    [InlineData(IncidentStatus.Handling)]
    public void Closing_is_only_possible_from_post_incident(IncidentStatus status)
    {
        var i = Ticket(status);

        var e = Assert.ThrowsAny<DomainException>(() => i.Close("a", "b", "c", Now));

        Assert.Equal(ErrorCodes.BadTransition, e.Code);
    }

    [Fact]
    public void Handling_cannot_start_before_category_and_severity_are_known()
    {
        var i = new Incident { Title = "不審なメール" };
        i.StartTriage(Now);

        var e = Assert.ThrowsAny<DomainException>(() => i.StartHandling());

        Assert.Equal(ErrorCodes.TriageIncomplete, e.Code);
    }

    [Fact]
    public void The_first_triage_time_is_kept_for_time_to_triage()
    {
        var i = Ticket(IncidentStatus.Triage);

        Assert.Equal(Now, i.TriagedAt);
    }

    [Fact]
    public void Phases_change_only_while_handling()
    {
        var i = Ticket(IncidentStatus.Handling);
        i.ChangePhase(HandlingPhase.Eradication);
        Assert.Equal(HandlingPhase.Eradication, i.Phase);

        i.StartPostIncident();
        Assert.Null(i.Phase);
        Assert.ThrowsAny<DomainException>(() => i.ChangePhase(HandlingPhase.Recovery));
        i.ResumeHandling(HandlingPhase.Recovery);
        Assert.Equal(IncidentStatus.Handling, i.Status);
    }

    [Fact]
    public void A_report_judged_not_an_incident_closes_with_its_reason()
    {
        var i = Ticket(IncidentStatus.Received);

        Assert.ThrowsAny<DomainException>(() => i.CloseAsNotAnIncident(" ", Now));
        i.CloseAsNotAnIncident("迷惑メールで、開封・クリックなし", Now);

        Assert.Equal(ClosureKind.NotAnIncident, i.Closure);
        Assert.Equal(IncidentStatus.Closed, i.Status);
    }

    [Fact]
    public void Only_reports_can_be_judged_not_an_incident_or_merged()
    {
        var handling = Ticket(IncidentStatus.Handling);
        var target = Ticket(IncidentStatus.Received);
        target.Id = 2;

        Assert.ThrowsAny<DomainException>(() => handling.CloseAsNotAnIncident("理由", Now));
        Assert.ThrowsAny<DomainException>(() => handling.MergeInto(target, Now));
    }

    [Fact]
    public void A_duplicate_merges_into_an_open_ticket_and_points_to_it()
    {
        var duplicate = Ticket(IncidentStatus.Received);
        var target = new Incident { Id = 7, Number = "2026-0007", Title = "同じ事案" };

        duplicate.MergeInto(target, Now);

        Assert.Equal(7, duplicate.MergedIntoId);
        Assert.Equal(ClosureKind.Duplicate, duplicate.Closure);
        Assert.ThrowsAny<DomainException>(() => Ticket().MergeInto(duplicate, Now));
    }

    [Fact]
    public void A_closed_ticket_moves_nowhere()
    {
        Assert.All(Enum.GetValues<IncidentStatus>(), to => Assert.False(Incident.CanMove(IncidentStatus.Closed, to)));
    }
}
