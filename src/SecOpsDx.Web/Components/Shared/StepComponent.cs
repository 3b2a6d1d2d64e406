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

    /// <param name="done">What to say when the step was done; null when the page shows the result itself.</param>
    /// <returns>True when the step was done.</returns>
    protected Task<bool> RunAsync(Func<Task> step, string? done) => RunAsync(step, () => done);

    /// <param name="done">Worded after the step, for a message that shows what the step produced (a password, a token).</param>
    protected async Task<bool> RunAsync(Func<Task> step, Func<string?> done)
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
        var message = done();
        if (message is null) Outcome = null;
        else await ReportAsync(StepOutcome.Done(message));
        return true;
    }

    /// <summary>Refuses before calling Core, e.g. for a date the page could not read, worded like Core's own refusals.</summary>
    protected Task RefuseAsync(string field, string code, params object?[] args) =>
        ReportAsync(StepOutcome.From(ValidationFailedException.For(field, code, args)));

    /// <summary>"true" for an input whose field the last refusal named (aria-invalid), so it is marked and announced.</summary>
    protected string? Invalid(string field) => Outcome?.Fields?.ContainsKey(field) == true ? "true" : null;

    protected virtual Task ReportAsync(StepOutcome outcome)
    {
        Outcome = outcome;
        return Task.CompletedTask;
    }
}
