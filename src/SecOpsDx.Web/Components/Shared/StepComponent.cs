using Microsoft.AspNetCore.Components;
using SecOpsDx.Core;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// The base of every component that runs a change for the user: it runs one step, and reports either done,
/// with the message to show, or refused, with the reason in the user's language. A refusal keeps whatever the
/// user typed (the component's fields are not reset). Pages show <see cref="Outcome"/> with &lt;StepFeedback&gt;;
/// parts of a page (see IncidentPanel) pass it up instead by overriding <see cref="ReportAsync"/>.
/// </summary>
public abstract class StepComponent : ComponentBase
{
    protected StepOutcome? Outcome { get; set; }

    /// <returns>True when the step was done.</returns>
    protected async Task<bool> RunAsync(Func<Task> step, string done)
    {
        try
        {
            await step();
        }
        catch (DomainException e)
        {
            await ReportAsync(StepOutcome.From(e));
            return false;
        }
        await ReportAsync(StepOutcome.Done(done));
        return true;
    }

    /// <summary>Refuses before calling Core, e.g. for a date the page could not read.</summary>
    protected Task RefuseAsync(string message) => ReportAsync(new StepOutcome(message, true));

    protected virtual Task ReportAsync(StepOutcome outcome)
    {
        Outcome = outcome;
        return Task.CompletedTask;
    }
}
