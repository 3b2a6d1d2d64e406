using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Who a document applies to, stored as text: "all", or a list such as "role:Csirt dept:1030" naming roles and
/// departments (a 部 code includes its 課). A person in any of them reads and acknowledges the document.
/// </summary>
public sealed record PolicyAudience(IReadOnlyList<string> Roles, IReadOnlyList<string> Departments)
{
    public const string Everyone = "all";

    public bool IsEveryone => Roles.Count == 0 && Departments.Count == 0;

    public static PolicyAudience All { get; } = new([], []);

    public override string ToString() => IsEveryone ? Everyone
        : string.Join(' ', Roles.Select(r => "role:" + r).Concat(Departments.Select(d => "dept:" + d)));

    /// <summary>Reads the stored or typed text; unknown parts go to <paramref name="unknown"/>.</summary>
    public static PolicyAudience Parse(string? text, List<string>? unknown = null)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == Everyone) return All;
        var roles = new List<string>();
        var departments = new List<string>();
        foreach (var part in text.Split([' ', ',', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("role:", StringComparison.OrdinalIgnoreCase)
                && Organization.Roles.All.FirstOrDefault(r => string.Equals(r, part[5..], StringComparison.OrdinalIgnoreCase)) is { } role)
            {
                if (!roles.Contains(role)) roles.Add(role);
            }
            else if (part.StartsWith("dept:", StringComparison.OrdinalIgnoreCase) && part.Length > 5)
            {
                if (!departments.Contains(part[5..])) departments.Add(part[5..]);
            }
            else if (part != Everyone) unknown?.Add(part);
        }
        return new PolicyAudience(roles, departments);
    }

    /// <summary>Whether a person with these roles, in a department with this code (and its parent's), is in the audience.</summary>
    public bool Includes(IReadOnlyCollection<string> personRoles, string? departmentCode, string? parentDepartmentCode) =>
        IsEveryone
        || Roles.Any(personRoles.Contains)
        || (departmentCode is not null && Departments.Contains(departmentCode))
        || (parentDepartmentCode is not null && Departments.Contains(parentDepartmentCode));
}
