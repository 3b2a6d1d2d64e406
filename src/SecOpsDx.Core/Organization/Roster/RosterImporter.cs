using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization.Roster;

/// <summary>
/// Imports a staff roster (職員名簿) CSV: upserts staff by 職員番号 and creates unknown departments
/// (top level, named from 所属名). Staff absent from the file are left alone. A column missing from
/// the file leaves that field of existing staff unchanged; a column present but empty clears it.
/// Everything is saved by one SaveChanges, so the import and its audit entries are one transaction.
/// </summary>
public sealed class RosterImporter(IDbContextFactory<SecOpsDxDbContext> factory)
{
    /// <summary>Imports the file.</summary>
    /// <param name="skipInvalid">
    /// False (default): if any row is bad nothing is saved. True: the valid rows are saved and the bad
    /// ones reported.
    /// </param>
    /// <exception cref="DomainException">Someone changed the register while the import ran (code <see cref="ErrorCodes.Conflict"/>).</exception>
    public Task<RosterImportResult> ImportAsync(Stream file, bool skipInvalid = false, CancellationToken ct = default) =>
        RunAsync(file, skipInvalid, apply: true, ct);

    /// <summary>Everything an import does except saving: the plan, row by row, and the errors.</summary>
    public Task<RosterImportResult> PreviewAsync(Stream file, CancellationToken ct = default) =>
        RunAsync(file, skipInvalid: false, apply: false, ct);

    private async Task<RosterImportResult> RunAsync(Stream file, bool skipInvalid, bool apply, CancellationToken ct)
    {
        var roster = await RosterReader.ReadAsync(file, ct);
        if (roster.FileError is not null)
            return new RosterImportResult { FileError = roster.FileError, EncodingName = roster.EncodingName };

        await using var db = await factory.CreateDbContextAsync(ct);
        // Everything the import needs, loaded once; tracked only when it will be written.
        IQueryable<Department> departmentQuery = apply ? db.Departments : db.Departments.AsNoTracking();
        IQueryable<StaffMember> staffQuery = apply ? db.Staff : db.Staff.AsNoTracking();
        var departments = await departmentQuery.ToDictionaryAsync(d => d.Code, StringComparer.Ordinal, ct);
        var staff = await staffQuery.ToDictionaryAsync(s => s.EmployeeNumber, StringComparer.Ordinal, ct);

        var entries = RosterValidation.Validate(roster, departments.ContainsKey);
        var present = roster.Headers.Keys.ToHashSet();
        var errors = entries.SelectMany(e => e.Errors).ToList();
        var write = apply && (errors.Count == 0 || skipInvalid);

        // Departments to create: the first valid row naming an unknown code names it.
        var newDepartments = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var e in entries.Where(e => e.IsValid && e.DepartmentName is not null))
        {
            if (departments.ContainsKey(e.DepartmentCode) || newDepartments.ContainsKey(e.DepartmentCode)) continue;
            newDepartments[e.DepartmentCode] = new Department { Code = e.DepartmentCode, Name = e.DepartmentName!, ParentId = null };
        }

        var rows = new List<RosterPreviewRow>(entries.Count);
        int inserted = 0, updated = 0, unchanged = 0, refused = 0;
        foreach (var e in entries)
        {
            RosterRowAction action;
            IReadOnlyList<string> changed = [];
            if (!e.IsValid)
            {
                action = RosterRowAction.Refused;
                refused++;
            }
            else
            {
                var dept = departments.GetValueOrDefault(e.DepartmentCode) ?? newDepartments[e.DepartmentCode];
                if (staff.TryGetValue(e.EmployeeNumber, out var existing))
                {
                    changed = Merge(existing, e, dept, present, write);
                    action = changed.Count > 0 ? RosterRowAction.Update : RosterRowAction.Unchanged;
                    if (changed.Count > 0) updated++; else unchanged++;
                }
                else
                {
                    var member = new StaffMember { EmployeeNumber = e.EmployeeNumber, FullName = e.FullName };
                    Merge(member, e, dept, present, write: true);
                    if (write) db.Staff.Add(member);
                    action = RosterRowAction.Insert;
                    inserted++;
                }
            }
            rows.Add(new RosterPreviewRow(e.Line, e.EmployeeNumber, e.FullName, e.DepartmentCode, e.DepartmentName, action, changed));
        }

        var changes = inserted + updated;
        if (write && changes > 0)
        {
            db.Departments.AddRange(newDepartments.Values);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Concurrency (a staff member edited meanwhile) or a unique key taken meanwhile.
                throw new DomainException(ErrorCodes.Conflict);
            }
        }

        return new RosterImportResult
        {
            RowsRead = entries.Count,
            Inserted = inserted,
            Updated = updated,
            Unchanged = unchanged,
            Refused = refused,
            DepartmentsCreated = newDepartments.Count,
            Errors = errors,
            Applied = write && (changes + unchanged > 0 || entries.Count == 0),
            Rows = rows,
            EncodingName = roster.EncodingName,
        };
    }

    /// <summary>
    /// Compares a staff member with a row and returns the properties that differ; sets them when
    /// <paramref name="write"/>. Columns absent from the file are not compared.
    /// </summary>
    private static List<string> Merge(StaffMember s, RosterEntry e, Department dept, HashSet<RosterColumn> present, bool write)
    {
        var changed = new List<string>();

        void Set<T>(string property, T current, T value, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, value)) return;
            changed.Add(property);
            if (write) assign(value);
        }

        Set(nameof(StaffMember.FullName), s.FullName, e.FullName, v => s.FullName = v);
        if (dept.Id == 0 || s.DepartmentId != dept.Id)
        {
            changed.Add(nameof(StaffMember.DepartmentId));
            if (write)
            {
                if (dept.Id == 0) s.Department = dept;
                else s.DepartmentId = dept.Id;
            }
        }
        if (present.Contains(RosterColumn.Kana)) Set(nameof(StaffMember.Kana), s.Kana, e.Kana, v => s.Kana = v);
        if (present.Contains(RosterColumn.Title)) Set(nameof(StaffMember.Title), s.Title, e.Title, v => s.Title = v);
        if (present.Contains(RosterColumn.Email)) Set(nameof(StaffMember.Email), s.Email, e.Email, v => s.Email = v);
        if (present.Contains(RosterColumn.HiredOn)) Set(nameof(StaffMember.HiredOn), s.HiredOn, e.HiredOn, v => s.HiredOn = v);
        if (present.Contains(RosterColumn.RetiredOn)) Set(nameof(StaffMember.RetiredOn), s.RetiredOn, e.RetiredOn, v => s.RetiredOn = v);
        if (present.Contains(RosterColumn.EmploymentCategory)) Set(nameof(StaffMember.Category), s.Category, e.Category, v => s.Category = v);
        return changed;
    }
}
