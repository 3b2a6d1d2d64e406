namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the account pages (sign-in steps, profile, password, two-factor). Japanese is the neutral language; AccountText.en.resx holds English.</summary>
public sealed class AccountText;
