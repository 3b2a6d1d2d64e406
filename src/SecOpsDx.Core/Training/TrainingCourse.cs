using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

/// <summary>
/// A course of one 年度 and whom it is for. Assignments are not stored: whoever the audience matches on a day is
/// assigned on that day, so a new hire gets the course and a retired person drops out without anyone editing it.
/// People named one by one (<see cref="TrainingAssignee"/>, e.g. after a drill) are assigned as well.
/// </summary>
public class TrainingCourse : IVersioned
{
    public int Id { get; set; }

    /// <summary>The 年度 by its start year (2026 = 令和8年度).</summary>
    public int FiscalYear { get; set; }

    public required string Title { get; set; }
    public TrainingKind Kind { get; set; }

    /// <summary>A link to the material (e-learning, slides).</summary>
    public string? MaterialUrl { get; set; }

    /// <summary>受講開始日: no completion can be dated before it.</summary>
    public DateOnly OpensOn { get; set; }

    /// <summary>受講期限 (by default 3月31日 of the 年度).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>For people hired during the 年度: due this many days after their 採用日 instead.</summary>
    public int? DueDaysAfterHire { get; set; }

    /// <summary>Only the people named one by one take it (a follow-up course); the audience fields are ignored.</summary>
    public bool NamedStaffOnly { get; set; }

    /// <summary>Departments (部 includes its 課), as ids separated by commas; empty with no roles = all staff.</summary>
    public string? AudienceDepartmentIds { get; set; }

    /// <summary>Application roles (e.g. Manager), separated by commas.</summary>
    public string? AudienceRoles { get; set; }

    /// <summary>Employment categories taken; 0 = every category.</summary>
    public EmploymentCategory AudienceCategories { get; set; }

    /// <summary>Only people hired on or after this day (new-hire courses).</summary>
    public DateOnly? AudienceHiredOnOrAfter { get; set; }

    /// <summary>The share of right answers (percent) needed to pass the quiz; null = no quiz.</summary>
    public int? PassMark { get; set; }

    public List<TrainingQuestion> Questions { get; set; } = [];

    /// <summary>取り下げ: when the CISO office withdrew the course (made by mistake, no longer run); null while it runs.</summary>
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Why it was withdrawn.</summary>
    public string? RetiredReason { get; set; }

    public string? RetiredByName { get; set; }

    public int Version { get; set; }

    public bool HasQuiz => PassMark is not null && Questions.Count > 0;

    /// <summary>A retired course keeps its records but is no one's task, counts in no rate and takes no more writes.</summary>
    public bool IsRetired => RetiredAt is not null;

    public IReadOnlyList<int> DepartmentIds => TrainingAudience.ParseIds(AudienceDepartmentIds);

    public IReadOnlyList<string> RoleNames => TrainingAudience.ParseList(AudienceRoles);
}

/// <summary>One question of a course's quiz (理解度テスト): choices, one of them right.</summary>
public class TrainingQuestion
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int Order { get; set; }
    public required string Text { get; set; }

    /// <summary>The choices, one per line.</summary>
    public required string Choices { get; set; }

    /// <summary>Index (from 0) of the right choice.</summary>
    public int CorrectChoice { get; set; }

    public IReadOnlyList<string> ChoiceList => Choices.Split('\n');
}

/// <summary>
/// One record of taking a course: a confirmation (with quiz answers and score), a paper sheet or an imported
/// line. Only a passed record is a completion; a failed quiz stays as an attempt. Only ever added.
/// </summary>
public class TrainingRecord : IAppendOnly
{
    public long Id { get; set; }
    public int CourseId { get; set; }
    public TrainingCourse? Course { get; set; }
    public int StaffMemberId { get; set; }

    /// <summary>受講日.</summary>
    public DateOnly CompletedOn { get; set; }

    public CompletionMethod Method { get; set; }

    /// <summary>Why a manager recorded it on someone's behalf (paper).</summary>
    public string? Reason { get; set; }

    /// <summary>The chosen choice per question, separated by commas.</summary>
    public string? Answers { get; set; }

    /// <summary>Percent of right answers, when the course has a quiz.</summary>
    public int? Score { get; set; }

    public bool Passed { get; set; }

    /// <summary>1 for the first record of this person on this course, 2 for a retry, ….</summary>
    public int Attempt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public string? RecordedByUserId { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>
/// 紙の受講票の取消: a paper record entered by mistake, withdrawn with a reason. The record itself stays as it was (records
/// are only ever added); this row beside it takes it out of the person's status.
/// </summary>
public class TrainingRecordWithdrawal : IAppendOnly
{
    public long Id { get; set; }
    public long RecordId { get; set; }
    public TrainingRecord? Record { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset WithdrawnAt { get; set; }
    public string? WithdrawnByUserId { get; set; }
    public required string WithdrawnByName { get; set; }
}

/// <summary>免除: the person is left out of the course and of its rate (leave, secondment), with a reason.</summary>
public class TrainingExemption : IVersioned
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int StaffMemberId { get; set; }
    public required string Reason { get; set; }

    /// <summary>An exemption withdrawn puts the person back; the row stays for the record.</summary>
    public bool Withdrawn { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedByName { get; set; }
    public int Version { get; set; }
}

/// <summary>A person assigned a course by name (a follow-up after a drill), whatever its audience says.</summary>
public class TrainingAssignee
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public int StaffMemberId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>Why, e.g. the drill that led to it.</summary>
    public string? Note { get; set; }
}
