namespace SecOpsDx.Web.Resources;

/// <summary>
/// Words of the reminder mails about self-check findings and a control's named owner. Japanese neutral, English in
/// ReminderText.en.resx; the older reminder words are in SharedText.
/// </summary>
public sealed class ReminderText;
