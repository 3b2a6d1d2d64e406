using Microsoft.AspNetCore.Components.Forms;
using SecOpsDx.Core;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// Marks the inputs of an EditForm whose fields Core refused (aria-invalid and the invalid style come from the
/// input components themselves), from Core's field names to the form model's properties.
/// </summary>
public sealed class FieldMarks(EditContext context, IReadOnlyDictionary<string, string> properties)
{
    private readonly ValidationMessageStore _store = new(context);

    public EditContext Context => context;

    public void Show(StepOutcome? outcome)
    {
        _store.Clear();
        foreach (var (field, problems) in outcome?.Fields ?? new Dictionary<string, IReadOnlyList<FieldError>>())
            if (properties.TryGetValue(field, out var property))
                _store.Add(context.Field(property), problems.Select(p => UserMessages.Describe(p)));
        context.NotifyValidationStateChanged();
    }
}
