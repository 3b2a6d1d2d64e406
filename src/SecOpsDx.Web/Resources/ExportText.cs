namespace SecOpsDx.Web.Resources;

/// <summary>Words of the download links under the lists (Components/Shared/ExportLinks). Japanese neutral, English in ExportText.en.resx.</summary>
public sealed class ExportText;
