namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the policy register pages (Features/Policies). Japanese neutral, English in PolicyText.en.resx.</summary>
public sealed class PolicyText;
