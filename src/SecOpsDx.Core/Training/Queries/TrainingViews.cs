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
public sealed record MyTrainingRecord(
    FiscalYear Year, int CourseId, string Title, TrainingKind Kind, DateOnly CompletedOn, CompletionMethod Method, int? Score, bool Passed, int Attempt);

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
    DateOnly DueOn, DateOnly? CompletedOn, CompletionMethod? Method, string? ExemptReason);

public sealed record CourseStatusView(
    int CourseId, string Title, FiscalYear Year, DateOnly AsOf, int? DepartmentId, string? DepartmentName,
    TrainingRate Rate, IReadOnlyList<CourseStaffRow> Rows);

public sealed record CourseRateRow(int CourseId, string Title, TrainingKind Kind, DateOnly OpensOn, DateOnly DueOn, bool HasQuiz, TrainingRate Rate, int Version);

public sealed record DepartmentRateRow(int DepartmentId, string Code, string Name, TrainingRate Rate);

public sealed record TrainingOverview(
    FiscalYear Year, DateOnly AsOf, TrainingRate Overall, IReadOnlyList<CourseRateRow> Courses, IReadOnlyList<DepartmentRateRow> Departments);

/// <summary>A person past their due date on a course, for lists and reminders.</summary>
public sealed record OverdueRow(
    int StaffId, string EmployeeNumber, string FullName, string? Email, int DepartmentId, string DepartmentName,
    int CourseId, string CourseTitle, DateOnly DueOn);

public sealed record TrendPoint(FiscalYear Year, TrainingRate Rate);

/// <summary>A course for the editor.</summary>
public sealed record CourseDetail(
    int Id, FiscalYear Year, string Title, TrainingKind Kind, string? MaterialUrl, DateOnly OpensOn, DateOnly DueOn, int? DueDaysAfterHire,
    bool NamedStaffOnly, IReadOnlyList<int> DepartmentIds, IReadOnlyList<string> Roles, Organization.EmploymentCategory Categories,
    DateOnly? HiredOnOrAfter, int? PassMark, string QuizText, int Version);

/// <summary>The staff member behind a sign-in account.</summary>
public sealed record StaffOfAccount(int StaffId, int DepartmentId, string DepartmentName);

/// <summary>The CISO's overview: one 年度's rates, its overdue list, the trend and the 年度 to choose from.</summary>
public sealed record TrainingDashboard(TrainingOverview Overview, IReadOnlyList<OverdueRow> Overdue, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<FiscalYear> Years);
