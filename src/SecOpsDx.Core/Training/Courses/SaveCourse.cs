using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>What the course editor sends. A null due date means 3月31日 of the 年度; a null opening day, April 1.</summary>
public sealed record CourseInput(
    int FiscalYear, string? Title, TrainingKind Kind, string? MaterialUrl, DateOnly? OpensOn, DateOnly? DueOn, int? DueDaysAfterHire,
    IReadOnlyList<int> DepartmentIds, IReadOnlyList<string> Roles, EmploymentCategory Categories, DateOnly? HiredOnOrAfter,
    int? PassMark, string? Quiz);

/// <summary>Creates a course or changes one (refusing a stale edit).</summary>
public sealed class SaveCourse(TrainingWrites writes)
{
    public async Task<int> ExecuteAsync(int? id, int expectedVersion, CourseInput input, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var title = errors.Text("title", input.Title, TrainingLimits.Title, required: true);
        var url = errors.Text("materialUrl", input.MaterialUrl, TrainingLimits.MaterialUrl, required: false);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            errors.Add("materialUrl", ErrorCodes.UnknownCode, url);
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", ErrorCodes.Required);
        if (input.FiscalYear is < 2000 or > 2200) errors.Add("fiscalYear", ErrorCodes.WholeNumberRange, 2000, 2200);
        var year = new FiscalYear(Math.Clamp(input.FiscalYear, 2000, 2200));
        var opens = input.OpensOn ?? year.FirstDay;
        var due = input.DueOn ?? year.LastDay;
        errors.SaneDate("opensOn", opens, writes.Now);
        errors.SaneDate("dueOn", due, writes.Now);
        if (due < opens) errors.Add("dueOn", ErrorCodes.DueBeforeOpening);
        if (input.DueDaysAfterHire is < 1 or > TrainingLimits.MaxDaysAfterHire)
            errors.Add("dueDaysAfterHire", ErrorCodes.WholeNumberRange, 1, TrainingLimits.MaxDaysAfterHire);
        if (input.PassMark is < 1 or > 100) errors.Add("passMark", ErrorCodes.WholeNumberRange, 1, 100);
        var quizText = errors.Text("quiz", input.Quiz, TrainingLimits.QuizText, required: false);
        var (questions, bad) = QuizText.Parse(quizText);
        if (bad is { } n) errors.Add("quiz", ErrorCodes.QuizFormat, n);
        else if ((input.PassMark is null) != (questions.Count == 0)) errors.Add("quiz", ErrorCodes.QuizIncomplete);
        var unknownRoles = input.Roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknownRoles.Count > 0) errors.Add("roles", ErrorCodes.UnknownCode, string.Join(", ", unknownRoles));
        errors.ThrowIfAny();

        await using var db = await writes.OpenAsync(ct);
        var known = await db.Departments.Where(d => input.DepartmentIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        if (known.Count != input.DepartmentIds.Distinct().Count()) throw new DomainException(ErrorCodes.DepartmentNotFound);

        TrainingCourse course;
        if (id is null)
        {
            course = new TrainingCourse { Title = title! };
            db.TrainingCourses.Add(course);
        }
        else
        {
            course = await db.TrainingCourses.Include(c => c.Questions).SingleOrDefaultAsync(c => c.Id == id, ct)
                ?? throw new DomainException(ErrorCodes.CourseNotFound);
            db.ExpectVersion(course, expectedVersion);
            TrainingWrites.CheckNotRetired(course);
            course.Title = title!;
            var same = QuizText.Format(course.Questions.OrderBy(q => q.Order).ToList()) == QuizText.Format(questions);
            if (!same)
            {
                db.TrainingQuestions.RemoveRange(course.Questions);
                course.Questions.Clear();
            }
            else questions = null!;
        }
        course.FiscalYear = year.StartYear;
        course.Kind = input.Kind;
        course.MaterialUrl = url;
        course.OpensOn = opens;
        course.DueOn = due;
        course.DueDaysAfterHire = input.DueDaysAfterHire;
        course.AudienceDepartmentIds = TrainingAudience.JoinIds(input.DepartmentIds);
        course.AudienceRoles = input.Roles.Count == 0 ? null : string.Join(",", input.Roles.Distinct());
        course.AudienceCategories = input.Categories;
        course.AudienceHiredOnOrAfter = input.HiredOnOrAfter;
        course.PassMark = input.PassMark;
        if (questions is not null) course.Questions.AddRange(questions);
        // The course row changes with any edit of it or its quiz, so its version guards the whole edit.
        if (id is not null) db.Entry(course).State = EntityState.Modified;
        await db.SaveOrConflictAsync(ct);
        return course.Id;
    }
}
