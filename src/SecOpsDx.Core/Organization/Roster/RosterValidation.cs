using System.Globalization;
using System.Net.Mail;
using System.Text;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Organization.Roster;

/// <summary>A roster row checked and converted. Optional values are null when empty.</summary>
internal sealed class RosterEntry
{
    public required int Line { get; init; }
    public required string EmployeeNumber { get; init; }
    public required string FullName { get; init; }
    public required string DepartmentCode { get; init; }
    public string? DepartmentName { get; init; }
    public string? Kana { get; init; }
    public string? Title { get; init; }
    public string? Email { get; init; }
    public DateOnly? HiredOn { get; init; }
    public DateOnly? RetiredOn { get; init; }
    public EmploymentCategory Category { get; init; } = EmploymentCategory.Regular;
    public List<RosterRowError> Errors { get; } = [];
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Checks each row of a roster file on its own and against the other rows.</summary>
internal static class RosterValidation
{
    private static readonly Dictionary<RosterColumn, int> MaxLengths = new()
    {
        [RosterColumn.EmployeeNumber] = OrganizationLimits.EmployeeNumber,
        [RosterColumn.FullName] = OrganizationLimits.FullName,
        [RosterColumn.Kana] = OrganizationLimits.Kana,
        [RosterColumn.DepartmentCode] = OrganizationLimits.Code,
        [RosterColumn.DepartmentName] = OrganizationLimits.Name,
        [RosterColumn.Title] = OrganizationLimits.Position,
        [RosterColumn.Email] = FieldErrors.MaxEmail,
    };

    /// <param name="departmentExists">Whether a 所属コード is already registered.</param>
    public static List<RosterEntry> Validate(RosterFile file, Func<string, bool> departmentExists)
    {
        var entries = new List<RosterEntry>(file.Records.Count);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in file.Records)
        {
            var errors = new List<RosterRowError>();
            void Error(RosterColumn column, RosterErrorKind kind, string? value = null) =>
                errors.Add(new RosterRowError(record.Line, file.HeaderOf(column), kind, value));

            string? Text(RosterColumn column, bool code = false)
            {
                var v = record[column];
                if (string.IsNullOrEmpty(v)) return null;
                // Codes typed with full-width digits (１２３) mean the same as half-width ones.
                if (code) v = v.Normalize(NormalizationForm.FormKC).Trim();
                if (MaxLengths.TryGetValue(column, out var max) && v.Length > max)
                {
                    Error(column, RosterErrorKind.TooLong, max.ToString(CultureInfo.InvariantCulture));
                    return null;
                }
                return v;
            }

            string Required(RosterColumn column, bool code = false)
            {
                if (string.IsNullOrEmpty(record[column]))
                {
                    Error(column, RosterErrorKind.Required);
                    return "";
                }
                return Text(column, code) ?? "";
            }

            DateOnly? Date(RosterColumn column)
            {
                var v = record[column];
                if (string.IsNullOrEmpty(v)) return null;
                if (JapaneseDates.TryParseDate(v, out var d)) return d;
                Error(column, RosterErrorKind.InvalidDate, v);
                return null;
            }

            if (record.HasExtraFields)
            {
                errors.Add(new RosterRowError(record.Line, "", RosterErrorKind.TooManyFields));
            }

            var number = Required(RosterColumn.EmployeeNumber, code: true);
            var name = Required(RosterColumn.FullName);
            var deptCode = Required(RosterColumn.DepartmentCode, code: true);
            var deptName = Text(RosterColumn.DepartmentName);
            var kana = Text(RosterColumn.Kana);
            var title = Text(RosterColumn.Title);
            var email = Text(RosterColumn.Email);
            if (email is not null && !IsEmail(email))
                Error(RosterColumn.Email, RosterErrorKind.InvalidEmail);
            var category = EmploymentCategory.Regular;
            if (record[RosterColumn.EmploymentCategory] is { Length: > 0 } categoryText)
            {
                if (EmploymentCategories.Parse(categoryText) is { } c) category = c;
                else Error(RosterColumn.EmploymentCategory, RosterErrorKind.UnknownCategory, categoryText);
            }
            var hired = Date(RosterColumn.HiredOn);
            var retired = Date(RosterColumn.RetiredOn);
            if (hired is { } h && retired is { } r && r < h)
                Error(RosterColumn.RetiredOn, RosterErrorKind.RetiredBeforeHired);

            if (number.Length > 0)
            {
                if (firstLineOf.TryGetValue(number, out var first))
                    Error(RosterColumn.EmployeeNumber, RosterErrorKind.DuplicateEmployeeNumber, first.ToString(CultureInfo.InvariantCulture));
                else
                    firstLineOf[number] = record.Line;
            }

            var entry = new RosterEntry
            {
                Line = record.Line,
                EmployeeNumber = number,
                FullName = name,
                DepartmentCode = deptCode,
                DepartmentName = deptName,
                Kana = kana,
                Title = title,
                Email = email,
                HiredOn = hired,
                RetiredOn = retired,
                Category = category,
            };
            entry.Errors.AddRange(errors);
            entries.Add(entry);
        }

        // A row may give only the 所属コード when the department exists or another valid row names it.
        var named = entries.Where(e => e.IsValid && e.DepartmentName is not null)
            .Select(e => e.DepartmentCode).ToHashSet(StringComparer.Ordinal);
        foreach (var e in entries.Where(e => e.IsValid && e.DepartmentName is null))
        {
            if (!departmentExists(e.DepartmentCode) && !named.Contains(e.DepartmentCode))
                e.Errors.Add(new RosterRowError(e.Line, file.HeaderOf(RosterColumn.DepartmentCode), RosterErrorKind.UnknownDepartment));
        }
        return entries;
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text;
}
