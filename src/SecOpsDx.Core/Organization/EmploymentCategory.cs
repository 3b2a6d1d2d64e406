namespace SecOpsDx.Core.Organization;

/// <summary>
/// 雇用区分. Values are bits so that an audience can name several at once; a staff member has exactly one.
/// Stored as numbers: do not renumber.
/// </summary>
[Flags]
public enum EmploymentCategory
{
    /// <summary>正規職員.</summary>
    Regular = 1,
    /// <summary>会計年度任用職員 (appointed for one 年度 at a time).</summary>
    FiscalYearAppointed = 2,
    /// <summary>委託事業者 (contractor staff working on site).</summary>
    Contractor = 4,
}
