namespace SecOpsDx.Core.Organization.Roster;

/// <summary>What importing a row does (or would do) to the staff register.</summary>
public enum RosterRowAction
{
    Insert,
    Update,
    Unchanged,
    /// <summary>The row has errors and is not imported.</summary>
    Refused,
}

/// <summary>One row of a roster file and what the import does with it, for a preview table.</summary>
/// <param name="ChangedFields">For <see cref="RosterRowAction.Update"/>: the <see cref="StaffMember"/> properties that change.</param>
public sealed record RosterPreviewRow(
    int Line, string EmployeeNumber, string FullName, string DepartmentCode, string? DepartmentName,
    RosterRowAction Action, IReadOnlyList<string> ChangedFields);

/// <summary>
/// The outcome of a roster import or preview. The counts describe the plan: what the file does to the
/// register as it is now. <see cref="Applied"/> says whether that plan was saved — always false for a
/// preview, and false for an all-or-nothing import refused because of a bad row.
/// </summary>
public sealed record RosterImportResult
{
    /// <summary>Data rows in the file (blank lines not counted).</summary>
    public int RowsRead { get; init; }

    /// <summary>New staff members.</summary>
    public int Inserted { get; init; }

    /// <summary>Existing staff members (matched by 職員番号) whose data changes.</summary>
    public int Updated { get; init; }

    /// <summary>Existing staff members whose data is already as in the file.</summary>
    public int Unchanged { get; init; }

    /// <summary>Rows with errors, never imported.</summary>
    public int Refused { get; init; }

    /// <summary>Departments created from 所属コード/所属名 because the code was not registered.</summary>
    public int DepartmentsCreated { get; init; }

    public IReadOnlyList<RosterRowError> Errors { get; init; } = [];

    /// <summary>Why the file could not be read at all; then nothing else is filled in.</summary>
    public FieldError? FileError { get; init; }

    /// <summary>True when the changes were saved (one transaction, with its audit entries).</summary>
    public bool Applied { get; init; }

    public IReadOnlyList<RosterPreviewRow> Rows { get; init; } = [];

    /// <summary>"UTF-8" or "Shift_JIS", as detected.</summary>
    public string? EncodingName { get; init; }
}
