namespace SecOpsDx.Core.Training;

/// <summary>The longest text each training field keeps, and the other bounds of a course.</summary>
public static class TrainingLimits
{
    public const int Title = 200;
    public const int MaterialUrl = 1_000;
    public const int Reason = 1_000;
    public const int QuestionText = 1_000;
    /// <summary>Each choice of a quiz question.</summary>
    public const int Choice = 300;
    public const int MaxChoices = 10;
    public const int MaxQuestions = 50;
    /// <summary>The quiz text as typed in the course editor (all questions).</summary>
    public const int QuizText = 40_000;
    public const int MaxDaysAfterHire = 365;
    public const int DrillName = 200;
    public const int RoleList = 200;
}
