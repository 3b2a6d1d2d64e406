using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// How long a value the browser may send for a text field, and how large a circuit message must be to carry it.
/// The server's limit (Core's validation) stays the only rule on what is stored; this only makes sure that
/// every value reaches the server, so that it is stored whole or refused with that limit.
/// </summary>
public static class TextLimits
{
    /// <summary>The largest limit of any text field on an interactive page: a policy revision's text.</summary>
    public const int LargestField = IncidentLimits.Description > SecOpsDx.Core.Policies.PolicyLimits.Body
        ? IncidentLimits.Description : SecOpsDx.Core.Policies.PolicyLimits.Body;

    /// <summary>
    /// The maxlength for a field whose server limit is <paramref name="serverLimit"/>. Twice the limit: above it,
    /// so the browser never cuts text the server would keep (anything it cuts is still over the limit, so it is
    /// refused with a message naming the limit, and the counter shows by how much); bounded, so that no single
    /// value outgrows one circuit message, however much is pasted.
    /// </summary>
    public static int BrowserCap(int serverLimit) => serverLimit * 2;

    /// <summary>maxlength for search boxes, dates and ticket numbers, which the server reads but never stores.</summary>
    public const int ShortInput = 1_000;

    /// <summary>
    /// Largest circuit message the server accepts. A bound field's change event carries its value twice (the event
    /// and the field's new value); each UTF-16 unit costs at most 6 bytes once JSON-escaped (kana and kanji cost 3,
    /// which is why SignalR's 32 KB default dropped anything past about 5,400 Japanese characters without a
    /// word); 64 KB covers the envelope.
    /// </summary>
    public static long CircuitMessageBytes => 2L * 6 * BrowserCap(LargestField) + 64 * 1024;
}
