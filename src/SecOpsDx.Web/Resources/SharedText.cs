namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the shell and of every feature's pages. Japanese is the neutral language; SharedText.en.resx holds English.</summary>
public sealed class SharedText;
