namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the incident pages (Features/Incidents). Japanese neutral, English in IncidentText.en.resx.</summary>
public sealed class IncidentText;
