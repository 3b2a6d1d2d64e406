namespace SecOpsDx.Core.Organization.Roster;

/// <summary>Why a row of a roster file was refused. Values are stable; add new ones at the end.</summary>
public enum RosterErrorKind
{
    /// <summary>必須項目が空です.</summary>
    Required = 1,
    /// <summary>長すぎます.</summary>
    TooLong = 2,
    /// <summary>日付として読めません.</summary>
    InvalidDate = 3,
    /// <summary>メールアドレスの形式が正しくありません.</summary>
    InvalidEmail = 4,
    /// <summary>職員番号が重複しています (second and later occurrences in one file).</summary>
    DuplicateEmployeeNumber = 5,
    /// <summary>退職日が採用日より前です.</summary>
    RetiredBeforeHired = 6,
    /// <summary>所属名がなく、所属コードも登録されていません.</summary>
    UnknownDepartment = 7,
    /// <summary>The row has more values than the header has columns (often an unquoted comma).</summary>
    TooManyFields = 8,
    /// <summary>雇用区分が読めません ({value} = as written).</summary>
    UnknownCategory = 9,
}

/// <summary>One problem with one row of a roster file.</summary>
/// <param name="Line">Physical line number in the file; the header is line 1.</param>
/// <param name="Column">The header as written in the file; "" when the problem is the row as a whole.</param>
/// <param name="Kind">Why; the Web layer words it in the reader's language (ErrorText "Roster.{Kind}").</param>
/// <param name="Value">What the sentence needs: the limit (TooLong), the value given (InvalidDate), the first line (DuplicateEmployeeNumber).</param>
public sealed record RosterRowError(int Line, string Column, RosterErrorKind Kind, string? Value = null);
