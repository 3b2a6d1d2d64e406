using Microsoft.AspNetCore.Components;
using SecOpsDx.Web.Components.Shared;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>
/// A part of the ticket page that changes the ticket. It runs its step like any <see cref="StepComponent"/> and
/// hands the outcome to the page, which shows it and reloads the ticket when the step was done.
/// </summary>
public abstract class IncidentPanel : StepComponent
{
    [Parameter] public EventCallback<string> OnDone { get; set; }
    [Parameter] public EventCallback<StepOutcome> OnFailed { get; set; }

    protected override Task ReportAsync(StepOutcome outcome)
    {
        Outcome = outcome; // kept here too, so that the panel's own fields can be marked
        return outcome.Refused ? OnFailed.InvokeAsync(outcome) : OnDone.InvokeAsync(outcome.Message);
    }
}
