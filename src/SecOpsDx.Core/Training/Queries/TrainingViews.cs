using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Training.Queries;

/// <summary>Completed out of assigned (exempt people are in neither); null rate when nobody is assigned.</summary>
public sealed record TrainingRate(int Assigned, int Completed, int Exempt, int Overdue)
{
    public double? Rate => Assigned == 0 ? null : (double)Completed / Assigned;

    public TrainingRate Plus(TrainingRate o) => new(Assigned + o.Assigned, Completed + o.Completed, Exempt + o.Exempt, Overdue + o.Overdue);

    public static readonly TrainingRate Zero = new(0, 0, 0, 0);
}

/// <summary>One thing a person must do this 年度.</summary>
public sealed record MyTrainingTask(
    int CourseId, string Title, TrainingKind Kind, DateOnly DueOn, TrainingStatus Status, DateOnly? CompletedOn,
    bool HasQuiz, string? MaterialUrl, int Attempts);

public sealed record MyTrainingTasks(FiscalYear Year, IReadOnlyList<MyTrainingTask> Tasks);

/// <summary>One record of the person's history.</summary>
/// <param name="Withdrawn">A paper record withdrawn as entered by mistake: kept, but it completes nothing.</param>
/// <param name="CourseRetired">The course was withdrawn (取り下げ) after the record.</param>
public sealed record MyTrainingRecord(
    FiscalYear Year, int CourseId, string Title, TrainingKind Kind, DateOnly CompletedOn, CompletionMethod Method, int? Score, bool Passed, int Attempt,
    bool Withdrawn = false, bool CourseRetired = false);

/// <summary>A question as the person taking the quiz sees it: never the right answer.</summary>
public sealed record QuizQuestion(int Order, string Text, IReadOnlyList<string> Choices);

/// <summary>A course as the person confirming it sees it.</summary>
public sealed record TrainingToConfirm(
    int CourseId, FiscalYear Year, string Title, TrainingKind Kind, string? MaterialUrl, DateOnly OpensOn, DateOnly DueOn,
    int? PassMark, IReadOnlyList<QuizQuestion> Questions, bool Assigned, TrainingStatus Status, DateOnly? CompletedOn,
    IReadOnlyList<MyTrainingRecord> Attempts);

/// <summary>A person on a department's list for one course.</summary>
public sealed record CourseStaffRow(
    int StaffId, string EmployeeNumber, string FullName, int DepartmentId, string DepartmentName, TrainingStatus Status,
    DateOnly DueOn, DateOnly? CompletedOn, CompletionMethod? Method, string? ExemptReason, long? RecordId = null);

/// <summary>A paper record withdrawn as entered by mistake: whose, the day it said, who entered it, who withdrew it, when and why.</summary>
public sealed record WithdrawnRecordRow(
    int StaffId, string EmployeeNumber, string FullName, DateOnly CompletedOn, string RecordedByName, DateTimeOffset WithdrawnAt,
    string WithdrawnByName, string Reason);

public sealed record CourseStatusView(
    int CourseId, string Title, FiscalYear Year, DateOnly AsOf, int? DepartmentId, string? DepartmentName,
    TrainingRate Rate, IReadOnlyList<CourseStaffRow> Rows, IReadOnlyList<WithdrawnRecordRow> Withdrawn, bool Retired);

/// <summary>A course the CISO office withdrew in a 年度 (取り下げ), listed apart from the rates.</summary>
public sealed record RetiredCourseRow(int CourseId, string Title, TrainingKind Kind, DateOnly RetiredOn, string Reason, string RetiredByName);

/// <summary>When and why a course was withdrawn, and by whom.</summary>
public sealed record CourseRetirement(DateOnly On, string Reason, string ByName);

public sealed record CourseRateRow(int CourseId, string Title, TrainingKind Kind, DateOnly OpensOn, DateOnly DueOn, bool HasQuiz, TrainingRate Rate, int Version);

public sealed record DepartmentRateRow(int DepartmentId, string Code, string Name, TrainingRate Rate);

/// <param name="AsOf">The day the standing is taken (who is in post, who has completed).</param>
/// <param name="JudgedOn">The day due dates are judged (<see cref="TrainingDay"/>); a finished 年度's is after its last day.</param>
public sealed record TrainingOverview(
    FiscalYear Year, DateOnly AsOf, TrainingRate Overall, IReadOnlyList<CourseRateRow> Courses, IReadOnlyList<DepartmentRateRow> Departments,
    DateOnly JudgedOn = default);

/// <summary>A person past their due date on a course, for lists and reminders.</summary>
public sealed record OverdueRow(
    int StaffId, string EmployeeNumber, string FullName, string? Email, int DepartmentId, string DepartmentName,
    int CourseId, string CourseTitle, DateOnly DueOn);

public sealed record TrendPoint(FiscalYear Year, TrainingRate Rate);

/// <summary>A course for the editor.</summary>
public sealed record CourseDetail(
    int Id, FiscalYear Year, string Title, TrainingKind Kind, string? MaterialUrl, DateOnly OpensOn, DateOnly DueOn, int? DueDaysAfterHire,
    bool NamedStaffOnly, IReadOnlyList<int> DepartmentIds, IReadOnlyList<string> Roles, Organization.EmploymentCategory Categories,
    DateOnly? HiredOnOrAfter, int? PassMark, string QuizText, int Version, CourseRetirement? Retired = null)
{
    public bool IsRetired => Retired is not null;
}

/// <summary>The staff member behind a sign-in account.</summary>
public sealed record StaffOfAccount(int StaffId, int DepartmentId, string DepartmentName);

/// <summary>The CISO's overview: one 年度's rates, its overdue list, the trend and the 年度 to choose from.</summary>
public sealed record TrainingDashboard(
    TrainingOverview Overview, IReadOnlyList<OverdueRow> Overdue, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<FiscalYear> Years,
    IReadOnlyList<RetiredCourseRow> Retired);
