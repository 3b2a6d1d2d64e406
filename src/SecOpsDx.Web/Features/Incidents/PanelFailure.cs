using SecOpsDx.Core;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>Why a step on a ticket was refused, as the page shows it.</summary>
public sealed record PanelFailure(string Message, bool IsConflict)
{
    public static PanelFailure From(Exception e) => e switch
    {
        DomainException d => new(d.Message, d.Code == ErrorCodes.Conflict),
        IncidentRuleException r => new(r.Message, false),
        ValidationFailedException v => new(v.Message, false),
        _ => throw e,
    };

    public static bool Handles(Exception e) => e is DomainException or IncidentRuleException or ValidationFailedException;
}
