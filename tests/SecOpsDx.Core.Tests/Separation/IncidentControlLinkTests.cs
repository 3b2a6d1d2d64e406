using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Separation;
using SecOpsDx.Core.Tests.Incidents;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Separation;

/// <summary>Incidents linked to the controls they touched, seen from both sides.</summary>
public sealed class IncidentControlLinkTests
{
    [Fact]
    public async Task The_CSIRT_links_an_incident_to_a_control_once_and_both_sides_show_it_while_a_manager_cannot_link()
    {
        await using var db = await TestDatabase.CreateAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));
        var csirt = await ControlDesk.PersonAsync(db, "csirt@example.jp", Roles.Csirt);
        var manager = await ControlDesk.PersonAsync(db, "kacho@example.jp", Roles.Manager, "2010");
        var incident = await new IncidentDesk(db, time).Receive.ExecuteAsync(new IncidentIntake("USBメモリで住民データを持ち出した", "持ち出し制限の例外端末から", IncidentSource.Internal, "form"));
        var writes = new ControlWrites(db.Factory, new FixedActor(csirt), time, ControlDesk.Catalogue);
        var link = new LinkIncidentToControl(writes);
        var queries = new IncidentControlQueries(db.Factory, ControlDesk.Catalogue);

        await link.ExecuteAsync(incident.Id, "mn-04");
        await link.ExecuteAsync(incident.Id, "MN-04");
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => link.ExecuteAsync(incident.Id, "ZZ-01"));
        var noIncident = await Assert.ThrowsAsync<DomainException>(() => link.ExecuteAsync(99_999, "MN-04"));
        var byManager = await Assert.ThrowsAsync<DomainException>(() =>
            new LinkIncidentToControl(new ControlWrites(db.Factory, new FixedActor(manager), time, ControlDesk.Catalogue)).ExecuteAsync(incident.Id, "MN-01"));

        Assert.Equal(["MN-04"], (await queries.ControlsOfIncidentAsync(incident.Id)).Select(c => c.ControlId));
        Assert.Equal(incident.Number, Assert.Single(await queries.IncidentsOfControlAsync("MN-04")).Number);
        Assert.Equal(ErrorCodes.ControlNotFound, unknown.Errors["controlId"][0].Code);
        Assert.Equal(ErrorCodes.IncidentNotFound, noIncident.Code);
        Assert.Equal(ErrorCodes.ControlForbidden, byManager.Code);
    }
}
