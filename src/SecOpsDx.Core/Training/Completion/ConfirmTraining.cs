using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Training.Queries;

namespace SecOpsDx.Core.Training;

/// <summary>How a confirmation ended: with a quiz, the score and whether it passed (a failed quiz may be retried).</summary>
/// <param name="WrongQuestions">The numbers of the questions answered wrongly (1 = the first), for the person to look at again.</param>
public sealed record ConfirmResult(bool Passed, int? Score, int? PassMark, int Attempt, IReadOnlyList<int>? WrongQuestions = null);

/// <summary>
/// A member of staff confirms they took a course: the day, and the quiz answers when the course has a quiz. Every
/// try is kept; only a passed one completes the course.
/// </summary>
public sealed class ConfirmTraining(TrainingWrites writes)
{
    /// <param name="answers">The chosen choice (from 0) per question, in order; null for a question left blank.</param>
    public async Task<ConfirmResult> ExecuteAsync(int staffId, int courseId, DateOnly? completedOn, IReadOnlyList<int?> answers, CancellationToken ct = default) =>
        (await RunAsync(staffId, courseId, completedOn, answers, page: false, ct)).Result;

    /// <summary>
    /// The same, and the course's confirmation page as it stands after the write, from what the write read (the form
    /// is posted by thousands in the last week of March, so it does not read the course a second time).
    /// </summary>
    public async Task<(ConfirmResult Result, TrainingToConfirm Page)> ExecuteForPageAsync(int staffId, int courseId, DateOnly? completedOn,
        IReadOnlyList<int?> answers, CancellationToken ct = default)
    {
        var (result, page) = await RunAsync(staffId, courseId, completedOn, answers, page: true, ct);
        return (result, page!);
    }

    private async Task<(ConfirmResult Result, TrainingToConfirm? Page)> RunAsync(int staffId, int courseId, DateOnly? completedOn,
        IReadOnlyList<int?> answers, bool page, CancellationToken ct)
    {
        await using var db = await writes.OpenAsync(ct);
        var facts = await TrainingWrites.FactsAsync(db, courseId, staffId, ct);
        var snapshot = await TrainingSnapshot.LoadAsync(db, ct, staffId);
        writes.CheckCompletion(facts, snapshot, staffId, completedOn);

        var course = facts.Course;
        int? score = null;
        var passed = true;
        string? answerText = null;
        List<int> wrong = [];
        if (course.HasQuiz)
        {
            var questions = course.Questions.OrderBy(q => q.Order).ToList();
            var errors = new FieldErrors();
            for (var i = 0; i < questions.Count; i++)
                if (i >= answers.Count || answers[i] is not { } a || a < 0 || a >= questions[i].ChoiceList.Count)
                    errors.Add("answers", ErrorCodes.QuizUnanswered, i + 1);
            errors.ThrowIfAny();
            var chosen = answers.Take(questions.Count).Select(a => a!.Value).ToList();
            score = QuizText.Score(questions, chosen);
            wrong = questions.Where((q, i) => chosen[i] != q.CorrectChoice).Select(q => q.Order).ToList();
            passed = score >= course.PassMark;
            answerText = string.Join(",", chosen);
        }

        var who = await writes.ActorAsync();
        var record = new TrainingRecord
        {
            CourseId = courseId, StaffMemberId = staffId, CompletedOn = completedOn!.Value, Method = CompletionMethod.Self,
            Answers = answerText, Score = score, Passed = passed, Attempt = await TrainingWrites.NextAttemptAsync(db, courseId, staffId, ct),
            RecordedAt = writes.Now, RecordedByUserId = who.UserId, RecordedByName = who.Name,
        };
        db.TrainingRecords.Add(record);
        await db.SaveChangesAsync(ct);
        var result = new ConfirmResult(passed, score, course.HasQuiz ? course.PassMark : null, record.Attempt, wrong);
        if (!page) return (result, null);
        // The page before the write, with this attempt in the history; a pass completes the course on its day.
        var view = TrainingQueries.ToConfirmView(facts, snapshot, staffId, writes.Today, await TrainingQueries.HistoryAsync(db, staffId, courseId, ct));
        return (result, passed ? view with { Status = TrainingStatus.Completed, CompletedOn = record.CompletedOn } : view);
    }
}
