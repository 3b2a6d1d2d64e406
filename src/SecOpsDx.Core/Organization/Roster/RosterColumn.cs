using System.Text;

namespace SecOpsDx.Core.Organization.Roster;

/// <summary>The columns of a staff roster (職員名簿) file.</summary>
public enum RosterColumn
{
    /// <summary>職員番号 (required).</summary>
    EmployeeNumber,
    /// <summary>氏名 (required).</summary>
    FullName,
    /// <summary>ふりがな.</summary>
    Kana,
    /// <summary>所属コード (required).</summary>
    DepartmentCode,
    /// <summary>所属名.</summary>
    DepartmentName,
    /// <summary>役職.</summary>
    Title,
    /// <summary>メールアドレス.</summary>
    Email,
    /// <summary>採用日.</summary>
    HiredOn,
    /// <summary>退職日.</summary>
    RetiredOn,
    /// <summary>雇用区分 (正規職員, 会計年度任用職員, 委託事業者).</summary>
    EmploymentCategory,
}

public static class RosterColumns
{
    public static readonly IReadOnlyList<RosterColumn> Required =
        [RosterColumn.EmployeeNumber, RosterColumn.FullName, RosterColumn.DepartmentCode];

    /// <summary>The Japanese header of each column, as used in messages and templates.</summary>
    public static string JapaneseName(RosterColumn column) => column switch
    {
        RosterColumn.EmployeeNumber => "職員番号",
        RosterColumn.FullName => "氏名",
        RosterColumn.Kana => "ふりがな",
        RosterColumn.DepartmentCode => "所属コード",
        RosterColumn.DepartmentName => "所属名",
        RosterColumn.Title => "役職",
        RosterColumn.Email => "メールアドレス",
        RosterColumn.HiredOn => "採用日",
        RosterColumn.RetiredOn => "退職日",
        RosterColumn.EmploymentCategory => "雇用区分",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    /// <summary>Normalised header text → column. Keys are produced by <see cref="NormalizeHeader"/>.</summary>
    private static readonly Dictionary<string, RosterColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["職員番号"] = RosterColumn.EmployeeNumber,
        ["employeenumber"] = RosterColumn.EmployeeNumber,
        ["氏名"] = RosterColumn.FullName,
        ["name"] = RosterColumn.FullName,
        ["fullname"] = RosterColumn.FullName,
        ["ふりがな"] = RosterColumn.Kana,
        ["フリガナ"] = RosterColumn.Kana,
        ["kana"] = RosterColumn.Kana,
        ["furigana"] = RosterColumn.Kana,
        ["所属コード"] = RosterColumn.DepartmentCode,
        ["departmentcode"] = RosterColumn.DepartmentCode,
        ["所属名"] = RosterColumn.DepartmentName,
        ["departmentname"] = RosterColumn.DepartmentName,
        ["役職"] = RosterColumn.Title,
        ["title"] = RosterColumn.Title,
        ["position"] = RosterColumn.Title,
        ["メールアドレス"] = RosterColumn.Email,
        ["email"] = RosterColumn.Email,
        ["mail"] = RosterColumn.Email,
        ["採用日"] = RosterColumn.HiredOn,
        ["hiredon"] = RosterColumn.HiredOn,
        ["hiredate"] = RosterColumn.HiredOn,
        ["退職日"] = RosterColumn.RetiredOn,
        ["retiredon"] = RosterColumn.RetiredOn,
        ["retirementdate"] = RosterColumn.RetiredOn,
        ["雇用区分"] = RosterColumn.EmploymentCategory,
        ["職員区分"] = RosterColumn.EmploymentCategory,
        ["employmentcategory"] = RosterColumn.EmploymentCategory,
        ["category"] = RosterColumn.EmploymentCategory,
    };

    /// <summary>The column a header names, or null for a column the roster does not use.</summary>
    public static RosterColumn? FromHeader(string header) =>
        Aliases.TryGetValue(NormalizeHeader(header), out var column) ? column : null;

    /// <summary>
    /// Case-insensitive; spaces (half- and full-width), underscores and hyphens ignored, so
    /// "EmployeeNumber", "employee_number" and "Employee Number" are the same.
    /// </summary>
    internal static string NormalizeHeader(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '\uFEFF') continue;
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}

public static class EmploymentCategories
{
    /// <summary>The category a roster names: 正規職員 (or 正規), 会計年度任用職員 (or 会計年度), 委託事業者 (or 委託), or the English names.</summary>
    public static EmploymentCategory? Parse(string text) => RosterColumns.NormalizeHeader(text) switch
    {
        "正規職員" or "正規" or "職員" or "regular" => EmploymentCategory.Regular,
        "会計年度任用職員" or "会計年度" or "fiscalyearappointed" => EmploymentCategory.FiscalYearAppointed,
        "委託事業者" or "委託" or "contractor" => EmploymentCategory.Contractor,
        _ => null,
    };
}
