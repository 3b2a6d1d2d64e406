namespace SecOpsDx.Core.Organization;

/// <summary>A unit of the organisation: a 部 (top level) or a 課 under it.</summary>
public class Department : IVersioned
{
    public int Id { get; set; }

    /// <summary>所属コード, unique across the organisation.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int? ParentId { get; set; }
    public Department? Parent { get; set; }
    public List<Department> Children { get; set; } = [];

    /// <summary>Retired units stay for history; they are never deleted.</summary>
    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    public int Version { get; set; }
}
