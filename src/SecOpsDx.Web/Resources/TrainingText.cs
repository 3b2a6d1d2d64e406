namespace SecOpsDx.Web.Resources;

/// <summary>Strings of the training and drill pages (Features/Training). Japanese neutral, English in TrainingText.en.resx.</summary>
public sealed class TrainingText;
