using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Training;

/// <summary>Why a row of a completion file was refused. Values are stable.</summary>
public enum CompletionImportProblem
{
    /// <summary>No 職員番号 and no e-mail address.</summary>
    NoPerson = 1,
    /// <summary>Nobody on the roster has that 職員番号 or address.</summary>
    UnknownPerson = 2,
    /// <summary>The date is empty.</summary>
    NoDate = 3,
    /// <summary>The date cannot be read ({value} = as written).</summary>
    BadDate = 4,
    FutureDate = 5,
    BeforeOpening = 6,
    /// <summary>The person is not among those who take the course.</summary>
    NotAssigned = 7,
    /// <summary>The same person appears again ({value} = the first line).</summary>
    Duplicate = 8,
    /// <summary>The score is not a whole number from 0 to 100.</summary>
    BadScore = 9,
    /// <summary>The score is below the course's pass mark ({value} = "score &lt; pass mark"): a fail completes nothing.</summary>
    BelowPassMark = 10,
}

/// <summary>One problem with one row: the line (header = 1) and the column as headed in the file.</summary>
public sealed record CompletionImportError(int Line, string Column, CompletionImportProblem Problem, string? Value = null);

public enum CompletionRowAction { Import, AlreadyCompleted, Refused }

public sealed record CompletionPreviewRow(int Line, string? EmployeeNumber, string? FullName, DateOnly? CompletedOn, int? Score, CompletionRowAction Action);

public sealed record CompletionImportResult
{
    public string? EncodingName { get; init; }
    /// <summary>Why the file as a whole cannot be read; nothing else is filled in then.</summary>
    public FieldError? FileError { get; init; }
    public int RowsRead { get; init; }
    public int Imported { get; init; }
    public int AlreadyCompleted { get; init; }
    public int Refused { get; init; }
    public IReadOnlyList<CompletionImportError> Errors { get; init; } = [];
    public IReadOnlyList<CompletionPreviewRow> Rows { get; init; } = [];
    /// <summary>True when the completions were saved.</summary>
    public bool Applied { get; init; }
}

/// <summary>
/// Imports completions of one course from an e-learning system's CSV: UTF-8 or CP932, dates western or 和暦, people
/// matched by 職員番号 or else by e-mail address. All or nothing unless told to skip bad rows; every bad row is
/// named by line and column. A score below the course's pass mark is refused, as it is when staff confirm for
/// themselves. A person already completed is left as they are.
/// </summary>
public sealed class CompletionImporter(TrainingWrites writes)
{
    public const string Number = "number", Email = "email", Date = "date", Score = "score";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["職員番号"] = Number, ["職員no"] = Number, ["employeenumber"] = Number, ["employeeid"] = Number, ["userid"] = Number, ["ユーザーid"] = Number,
        ["メールアドレス"] = Email, ["メール"] = Email, ["email"] = Email, ["mail"] = Email, ["emailaddress"] = Email,
        ["受講日"] = Date, ["修了日"] = Date, ["完了日"] = Date, ["受講完了日"] = Date, ["completedon"] = Date, ["completiondate"] = Date, ["completed"] = Date, ["date"] = Date,
        ["得点"] = Score, ["点数"] = Score, ["score"] = Score,
    };

    public Task<CompletionImportResult> PreviewAsync(int courseId, byte[] file, CancellationToken ct = default) => RunAsync(courseId, file, false, false, ct);

    public Task<CompletionImportResult> ImportAsync(int courseId, byte[] file, bool skipInvalid = false, CancellationToken ct = default) =>
        RunAsync(courseId, file, skipInvalid, true, ct);

    private async Task<CompletionImportResult> RunAsync(int courseId, byte[] file, bool skipInvalid, bool apply, CancellationToken ct)
    {
        await using var db = await writes.OpenAsync(ct);
        var facts = (await CourseFacts.LoadAsync(db, db.TrainingCourses.Where(c => c.Id == courseId), ct)).SingleOrDefault()
            ?? throw new DomainException(ErrorCodes.CourseNotFound);
        TrainingWrites.CheckNotRetired(facts.Course);
        var (table, fileError) = CsvTable.Read(file, Aliases);
        if (table is null) return new CompletionImportResult { FileError = fileError };
        var missing = new List<string>();
        if (!table.Has(Number) && !table.Has(Email)) missing.Add("職員番号 / メールアドレス");
        if (!table.Has(Date)) missing.Add("受講日");
        if (missing.Count > 0)
            return new CompletionImportResult { EncodingName = table.EncodingName, FileError = new FieldError(ErrorCodes.ImportMissingColumns, string.Join(", ", missing)) };

        var snapshot = await TrainingSnapshot.LoadAsync(db, ct);
        var byNumber = snapshot.People.ToDictionary(p => p.EmployeeNumber, StringComparer.Ordinal);
        var byEmail = snapshot.People.Where(p => p.Email is not null).GroupBy(p => p.Email!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var today = writes.Today;
        var errors = new List<CompletionImportError>();
        var rows = new List<CompletionPreviewRow>();
        var toAdd = new List<(TrainingPerson Person, DateOnly On, int? Score)>();
        var firstLine = new Dictionary<int, int>();
        var already = 0;

        foreach (var (line, fields) in table.Rows)
        {
            var rowErrors = new List<CompletionImportError>();
            void Error(string key, CompletionImportProblem p, string? value = null) => rowErrors.Add(new CompletionImportError(line, table.HeaderOf(key), p, value));

            var number = CsvTable.Value(table, fields, Number).Normalize(NormalizationForm.FormKC).Trim();
            var email = CsvTable.Value(table, fields, Email);
            TrainingPerson? person = null;
            if (number.Length == 0 && email.Length == 0) Error(table.Has(Number) ? Number : Email, CompletionImportProblem.NoPerson);
            else if (number.Length > 0 && byNumber.TryGetValue(number, out var n)) person = n;
            else if (email.Length > 0 && byEmail.TryGetValue(email, out var m)) person = m;
            else Error(number.Length > 0 ? Number : Email, CompletionImportProblem.UnknownPerson, number.Length > 0 ? number : email);

            var dateText = CsvTable.Value(table, fields, Date);
            DateOnly? on = null;
            if (dateText.Length == 0) Error(Date, CompletionImportProblem.NoDate);
            else if (!TryDate(dateText, out var d)) Error(Date, CompletionImportProblem.BadDate, dateText);
            else if (d > today) Error(Date, CompletionImportProblem.FutureDate, dateText);
            else if (d < facts.Course.OpensOn) Error(Date, CompletionImportProblem.BeforeOpening, dateText);
            else on = d;

            int? score = null;
            var scoreText = CsvTable.Value(table, fields, Score);
            if (scoreText.Length > 0)
            {
                if (!int.TryParse(scoreText.Normalize(NormalizationForm.FormKC), NumberStyles.None, CultureInfo.InvariantCulture, out var sc) || sc > 100)
                    Error(Score, CompletionImportProblem.BadScore, scoreText);
                // The rule staff meet when they confirm for themselves: below the pass mark is not a completion.
                else if (facts.Course.HasQuiz && sc < facts.Course.PassMark)
                    Error(Score, CompletionImportProblem.BelowPassMark, string.Create(CultureInfo.InvariantCulture, $"{sc} < {facts.Course.PassMark}"));
                else score = sc;
            }

            if (person is not null)
            {
                if (firstLine.TryGetValue(person.Id, out var first))
                    Error(number.Length > 0 ? Number : Email, CompletionImportProblem.Duplicate, first.ToString(CultureInfo.InvariantCulture));
                else
                {
                    firstLine[person.Id] = line;
                    if (!TrainingAudience.IsAssigned(facts.Audience, person, on ?? today, snapshot.ParentOf)
                        && !TrainingAudience.IsAssigned(facts.Audience, person, today, snapshot.ParentOf))
                        Error(number.Length > 0 ? Number : Email, CompletionImportProblem.NotAssigned, person.EmployeeNumber);
                }
            }

            CompletionRowAction action;
            if (rowErrors.Count > 0) action = CompletionRowAction.Refused;
            else if (facts.CompletedOn.ContainsKey(person!.Id)) { action = CompletionRowAction.AlreadyCompleted; already++; }
            else { action = CompletionRowAction.Import; toAdd.Add((person, on!.Value, score)); }
            errors.AddRange(rowErrors);
            rows.Add(new CompletionPreviewRow(line, person?.EmployeeNumber ?? (number.Length > 0 ? number : email), person?.FullName, on, score, action));
        }

        var refused = rows.Count(r => r.Action == CompletionRowAction.Refused);
        var write = apply && (refused == 0 || skipInvalid) && toAdd.Count > 0;
        if (write)
        {
            var who = await writes.ActorAsync();
            var attempts = await db.TrainingRecords.Where(r => r.CourseId == courseId).GroupBy(r => r.StaffMemberId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
            foreach (var (p, on, score) in toAdd)
                db.TrainingRecords.Add(new TrainingRecord
                {
                    CourseId = courseId, StaffMemberId = p.Id, CompletedOn = on, Method = CompletionMethod.Import, Score = score, Passed = true,
                    Attempt = attempts.GetValueOrDefault(p.Id) + 1, RecordedAt = writes.Now, RecordedByUserId = who.UserId, RecordedByName = who.Name,
                });
            await db.SaveChangesAsync(ct);
        }
        return new CompletionImportResult
        {
            EncodingName = table.EncodingName, RowsRead = rows.Count, Imported = toAdd.Count, AlreadyCompleted = already, Refused = refused,
            Errors = errors, Rows = rows, Applied = write || (apply && refused == 0 && toAdd.Count == 0 && rows.Count > 0),
        };
    }

    /// <summary>Western or 和暦 dates; a time after the date (e-learning exports often add one) is ignored.</summary>
    private static bool TryDate(string text, out DateOnly date)
    {
        if (JapaneseDates.TryParseDate(text, out date)) return true;
        var space = text.IndexOfAny([' ', 'T', '　']);
        return space > 0 && JapaneseDates.TryParseDate(text[..space], out date);
    }
}
