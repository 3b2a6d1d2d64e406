using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>How a ticket's state and its intake channel read, on the pages and in exports alike.</summary>
public static class IncidentLabels
{
    public static string Status(this IStringLocalizer<IncidentText> t, IncidentStatus status, ClosureKind? closure, HandlingPhase? phase) =>
        status == IncidentStatus.Closed && closure is { } c && c != ClosureKind.Resolved
            ? $"{t["Status.Closed"]} ({t[$"Closure.{c}"]})"
            : phase is { } p ? $"{t[$"Status.{status}"]} ({t[$"Phase.{p}"]})" : t[$"Status.{status}"];

    /// <summary>How a report reached the PoC (form, phone, api, …) in words; a code the resources do not know is shown as it is.</summary>
    public static string Channel(this IStringLocalizer<IncidentText> t, string channel) =>
        t.GetString($"Channel.{channel}") is { ResourceNotFound: false } s ? s : channel;
}
