namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the three-layer control pages (Features/Separation). Japanese neutral, English in ControlText.en.resx.</summary>
public sealed class ControlText;
