using System.Globalization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>A member of staff as the training rules see them, with their department history.</summary>
public sealed record TrainingPerson(
    int Id, string EmployeeNumber, string FullName, string? Email, int DepartmentId, DateOnly? HiredOn, DateOnly? RetiredOn,
    EmploymentCategory Category, IReadOnlyList<string> Roles, IReadOnlyList<StaffDepartmentMove> Moves)
{
    /// <summary>在職: hired (or no date known) and not yet retired on that day.</summary>
    public bool IsInPost(DateOnly day) => (HiredOn is null || HiredOn <= day) && (RetiredOn is null || RetiredOn >= day);

    public int DepartmentOn(DateOnly day) => Moves.Count == 0 ? DepartmentId : StaffMoves.DepartmentOn(DepartmentId, Moves, day);
}

/// <summary>What decides who takes a course, taken from the course row once.</summary>
public sealed record CourseAudience(
    int CourseId, FiscalYear Year, DateOnly OpensOn, DateOnly DueOn, int? DueDaysAfterHire, bool NamedOnly,
    IReadOnlySet<int> DepartmentIds, IReadOnlySet<string> Roles, EmploymentCategory Categories, DateOnly? HiredOnOrAfter,
    IReadOnlySet<int> Named)
{
    public static CourseAudience Of(TrainingCourse c, IEnumerable<int> named) => new(
        c.Id, new FiscalYear(c.FiscalYear), c.OpensOn, c.DueOn, c.DueDaysAfterHire, c.NamedStaffOnly,
        c.DepartmentIds.ToHashSet(), c.RoleNames.ToHashSet(StringComparer.Ordinal), c.AudienceCategories, c.AudienceHiredOnOrAfter,
        named.ToHashSet());
}

/// <summary>
/// The assignment rules. A person is assigned a course on a day when they are in post that day and either named
/// for it or matched by its audience: the department they belonged to that day (a 部 takes its 課), a role,
/// an employment category and a first hiring day. Nothing is stored, so the roster alone moves people in and out.
/// </summary>
public static class TrainingAudience
{
    public static bool IsAssigned(CourseAudience course, TrainingPerson person, DateOnly day, IReadOnlyDictionary<int, int?> parentOf)
    {
        if (!person.IsInPost(day)) return false;
        if (course.Named.Contains(person.Id)) return true;
        if (course.NamedOnly) return false;
        if (course.Categories != 0 && (course.Categories & person.Category) == 0) return false;
        if (course.HiredOnOrAfter is { } from && (person.HiredOn is not { } hired || hired < from)) return false;
        if (course.DepartmentIds.Count == 0 && course.Roles.Count == 0) return true;
        var department = person.DepartmentOn(day);
        if (course.DepartmentIds.Contains(department)) return true;
        if (parentOf.GetValueOrDefault(department) is { } parent && course.DepartmentIds.Contains(parent)) return true;
        return person.Roles.Any(course.Roles.Contains);
    }

    /// <summary>The person's due date: N days after 採用日 for someone hired during the 年度 when the course says so, else the course's.</summary>
    public static DateOnly DueFor(CourseAudience course, TrainingPerson person) =>
        course.DueDaysAfterHire is { } days && person.HiredOn is { } hired && course.Year.Contains(hired)
            ? hired.AddDays(days)
            : course.DueOn;

    public static IReadOnlyList<int> ParseIds(string? text) =>
        ParseList(text).Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();

    public static IReadOnlyList<string> ParseList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public static string? JoinIds(IEnumerable<int> ids) =>
        ids.Distinct().Order().Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList() is { Count: > 0 } l ? string.Join(",", l) : null;
}

/// <summary>Where one person stands on one course on a day.</summary>
public enum TrainingStatus
{
    /// <summary>未受講 (due date not passed).</summary>
    Pending,
    /// <summary>期限超過.</summary>
    Overdue,
    /// <summary>受講済.</summary>
    Completed,
    /// <summary>免除.</summary>
    Exempt,
}
