namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the compliance dashboard and its lists (Features/Compliance). Japanese neutral, English in ComplianceText.en.resx.</summary>
public sealed class ComplianceText;
