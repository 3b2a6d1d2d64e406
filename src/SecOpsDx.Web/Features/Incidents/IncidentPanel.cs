using Microsoft.AspNetCore.Components;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>
/// A part of the ticket page that changes the ticket. It runs one step and tells the page the outcome:
/// done, with the message to show, or refused, with why — the page then reloads or keeps the user's input.
/// </summary>
public abstract class IncidentPanel : ComponentBase
{
    [Parameter] public EventCallback<string> OnDone { get; set; }
    [Parameter] public EventCallback<PanelFailure> OnFailed { get; set; }

    /// <returns>True when the step was done.</returns>
    protected async Task<bool> RunAsync(Func<Task> step, string done)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (PanelFailure.Handles(e))
        {
            await OnFailed.InvokeAsync(PanelFailure.From(e));
            return false;
        }
        await OnDone.InvokeAsync(done);
        return true;
    }

    /// <summary>Refuses before calling Core, e.g. for a date the page could not read.</summary>
    protected Task FailAsync(string message) => OnFailed.InvokeAsync(new PanelFailure(message, false));
}
