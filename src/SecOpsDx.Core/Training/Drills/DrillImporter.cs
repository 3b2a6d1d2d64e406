using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Training;

/// <summary>Why a row of a drill results file was refused. Values are stable.</summary>
public enum DrillImportProblem
{
    NoEmail = 1,
    /// <summary>{value} = the address as written.</summary>
    BadEmail = 2,
    /// <summary>{value} = the status as written.</summary>
    UnknownStatus = 3,
    /// <summary>{value} = the value as written (true/false expected).</summary>
    BadReported = 4,
    /// <summary>{value} = the first line with the address.</summary>
    Duplicate = 5,
}

public sealed record DrillImportError(int Line, string Column, DrillImportProblem Problem, string? Value = null);

/// <summary>An address in the results that is not on the roster: kept and listed, never dropped.</summary>
public sealed record DrillUnknownAddress(int Line, string Email, string? Name, DrillStep Step, bool Reported);

/// <summary>A drill already held with the same results: the same file imported before.</summary>
public sealed record DrillAlreadyImported(int DrillId, string Name, DateTimeOffset ImportedAt);

public sealed record DrillImportResult
{
    public string? EncodingName { get; init; }
    public FieldError? FileError { get; init; }
    public int RowsRead { get; init; }
    public int Matched { get; init; }
    public int Refused { get; init; }
    public IReadOnlyList<DrillUnknownAddress> Unknown { get; init; } = [];
    public IReadOnlyList<DrillImportError> Errors { get; init; } = [];
    public DateOnly? HeldOn { get; init; }
    public bool Applied { get; init; }
    public int? DrillId { get; init; }
    /// <summary>
    /// A drill held the same day with exactly these recipients, steps and reports. The import is refused while this is
    /// set unless asked to import it again (a second drill would count everyone twice in the 年度).
    /// </summary>
    public DrillAlreadyImported? SameAs { get; init; }
}

/// <summary>
/// Imports the results CSV of a Gophish campaign as one drill. Columns are found by their header, in any order;
/// modified_date may be missing. A value Gophish escaped against spreadsheet formulas ('=…, '+…, '-…, '@…) loses
/// its apostrophe. status is the furthest step reached, reported is separate. Addresses not on the roster are kept
/// and listed. All or nothing unless told to skip bad rows. Names lose control characters and bidirectional
/// overrides, as every other text does. The same results imported twice are refused unless asked for again.
/// </summary>
public sealed class DrillImporter(TrainingWrites writes)
{
    public const string Email = "email", Status = "status", Reported = "reported", First = "first", Last = "last", SendDate = "send", Position = "position";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["email"] = Email, ["status"] = Status, ["reported"] = Reported, ["firstname"] = First, ["lastname"] = Last,
        ["senddate"] = SendDate, ["position"] = Position,
    };

    public Task<DrillImportResult> PreviewAsync(byte[] file, CancellationToken ct = default) => RunAsync(null, file, false, false, false, ct);

    /// <param name="importAgain">Import even though a drill with the same results is already held (<see cref="DrillImportResult.SameAs"/>).</param>
    public Task<DrillImportResult> ImportAsync(string? name, byte[] file, bool skipInvalid = false, CancellationToken ct = default, bool importAgain = false) =>
        RunAsync(name, file, skipInvalid, true, importAgain, ct);

    /// <summary>The value without the apostrophe Gophish puts before = + - @ so that spreadsheets do not run it.</summary>
    public static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;

    private static DrillStep? StepOf(string status) => status.Trim().ToLowerInvariant() switch
    {
        "email sent" => DrillStep.Sent,
        "email opened" => DrillStep.Opened,
        "clicked link" => DrillStep.Clicked,
        "submitted data" => DrillStep.Submitted,
        "email reported" => DrillStep.Sent,
        "error" or "scheduled" or "sending" or "retrying" or "campaign created" => DrillStep.NotSent,
        _ => null,
    };

    private async Task<DrillImportResult> RunAsync(string? name, byte[] file, bool skipInvalid, bool apply, bool importAgain, CancellationToken ct)
    {
        var errors0 = new FieldErrors();
        var drillName = apply ? errors0.Text("drillName", name, TrainingLimits.DrillName, required: true) : null;
        errors0.ThrowIfAny();
        var (table, fileError) = CsvTable.Read(file, Aliases);
        if (table is null) return new DrillImportResult { FileError = fileError };
        var missing = new[] { Email, Status }.Where(k => !table.Has(k)).ToList();
        if (missing.Count > 0)
            return new DrillImportResult { EncodingName = table.EncodingName, FileError = new FieldError(ErrorCodes.ImportMissingColumns, string.Join(", ", missing)) };

        await using var db = await writes.OpenAsync(ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var byEmail = snapshot.People.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(p => p.RetiredOn is null ? 0 : 1).First(), StringComparer.OrdinalIgnoreCase);
        var errors = new List<DrillImportError>();
        var unknown = new List<DrillUnknownAddress>();
        var results = new List<(TrainingPerson? Person, DrillResult Row)>();
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        DateTimeOffset? firstSent = null;
        var refused = 0;

        foreach (var (line, fields) in table.Rows)
        {
            string V(string key) => Unescape(CsvTable.Value(table, fields, key));
            var rowErrors = new List<DrillImportError>();
            void Error(string key, DrillImportProblem p, string? value = null) => rowErrors.Add(new DrillImportError(line, table.HeaderOf(key), p, value));

            var email = V(Email);
            if (email.Length == 0) Error(Email, DrillImportProblem.NoEmail);
            else if (email.Length > FieldErrors.MaxEmail || !System.Net.Mail.MailAddress.TryCreate(email, out _)) Error(Email, DrillImportProblem.BadEmail, email);
            else if (firstLine.TryGetValue(email, out var first)) Error(Email, DrillImportProblem.Duplicate, first.ToString(CultureInfo.InvariantCulture));
            else firstLine[email] = line;
            var statusText = V(Status);
            var step = StepOf(statusText);
            if (step is null) Error(Status, DrillImportProblem.UnknownStatus, statusText);
            var reportedText = V(Reported);
            bool reported = false;
            if (reportedText.Length > 0 && !bool.TryParse(reportedText, out reported)) Error(Reported, DrillImportProblem.BadReported, reportedText);
            if (DateTimeOffset.TryParse(V(SendDate), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent) && sent.Year > 1
                && step > DrillStep.NotSent && (firstSent is null || sent < firstSent))
                firstSent = sent;

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors);
                refused++;
                continue;
            }
            var fullName = string.Join(" ", new[] { V(Last), V(First) }.Select(s => FieldErrors.WithoutHarmfulCharacters(s)!.Trim()).Where(s => s.Length > 0));
            if (fullName.Length > Organization.OrganizationLimits.FullName) fullName = fullName[..Organization.OrganizationLimits.FullName];
            var person = byEmail.GetValueOrDefault(email);
            if (person is null) unknown.Add(new DrillUnknownAddress(line, email, fullName.Length > 0 ? fullName : null, step!.Value, reported));
            results.Add((person, new DrillResult { Email = email, StaffMemberId = person?.Id, Step = step!.Value, Reported = reported, Name = fullName.Length > 0 ? fullName : null }));
        }

        var heldOn = firstSent is { } f ? JapanTime.DateOf(f) : writes.Today;
        foreach (var (person, row) in results)
            if (person is not null) row.DepartmentId = person.DepartmentOn(heldOn);
        var sameAs = results.Count > 0 ? await SameResultsAsync(db, heldOn, results.Select(r => r.Row).ToList(), ct) : null;
        var write = apply && (refused == 0 || skipInvalid) && results.Count > 0 && (sameAs is null || importAgain);
        int? id = null;
        if (write)
        {
            var who = await writes.ActorAsync();
            var drill = new Drill
            {
                Name = drillName!, HeldOn = heldOn, FiscalYear = FiscalYear.Of(heldOn).StartYear, ImportedAt = writes.Now, ImportedByName = who.Name,
                Results = results.Select(r => r.Row).ToList(),
            };
            db.Drills.Add(drill);
            await db.SaveChangesAsync(ct);
            id = drill.Id;
        }
        return new DrillImportResult
        {
            EncodingName = table.EncodingName, RowsRead = table.Rows.Count, Matched = results.Count(r => r.Person is not null), Refused = refused,
            Unknown = unknown, Errors = errors, HeldOn = heldOn, Applied = write, DrillId = id, SameAs = sameAs,
        };
    }

    /// <summary>The drill already held that day with exactly the same recipients, steps and reports, if any.</summary>
    private static async Task<DrillAlreadyImported?> SameResultsAsync(SecOpsDx.Core.Data.SecOpsDxDbContext db, DateOnly heldOn, List<DrillResult> rows,
        CancellationToken ct)
    {
        var candidates = await db.Drills.AsNoTracking().Where(d => d.HeldOn == heldOn && d.Results.Count == rows.Count)
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.Name, d.ImportedAt }).ToListAsync(ct);
        if (candidates.Count == 0) return null;
        static string Key(string email, DrillStep step, bool reported) =>
            string.Create(CultureInfo.InvariantCulture, $"{email.ToUpperInvariant()}\t{(int)step}\t{reported}");
        var mine = rows.Select(r => Key(r.Email, r.Step, r.Reported)).Order(StringComparer.Ordinal).ToList();
        foreach (var c in candidates)
        {
            var theirs = (await db.DrillResults.AsNoTracking().Where(r => r.DrillId == c.Id).Select(r => new { r.Email, r.Step, r.Reported }).ToListAsync(ct))
                .Select(r => Key(r.Email, r.Step, r.Reported)).Order(StringComparer.Ordinal);
            if (mine.SequenceEqual(theirs, StringComparer.Ordinal)) return new DrillAlreadyImported(c.Id, c.Name, c.ImportedAt);
        }
        return null;
    }
}
