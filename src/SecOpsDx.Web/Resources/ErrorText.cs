namespace SecOpsDx.Web.Resources;

/// <summary>
/// Why a change was refused, one sentence per <see cref="SecOpsDx.Core.ErrorCodes"/> code ("Error.{code}"), and the
/// name of each input field ("Field.{field}"). Japanese neutral, English in ErrorText.en.resx.
/// </summary>
public sealed class ErrorText;
