using System.Text;

namespace SecOpsDx.Core.Training;

/// <summary>
/// The quiz as the course editor types it: questions separated by a blank line, the question on its first line,
/// then one choice per line starting with "-" (or "・"), the right one with "*" (or "＊"). For example:
/// <code>
/// 不審なメールを開いてしまったら？
/// - そのまま様子を見る
/// * すぐに情報政策課へ連絡する
/// </code>
/// </summary>
public static class QuizText
{
    public static string Format(IReadOnlyList<TrainingQuestion> questions)
    {
        var sb = new StringBuilder();
        foreach (var q in questions)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(q.Text).Append('\n');
            var choices = q.ChoiceList;
            for (var i = 0; i < choices.Count; i++) sb.Append(i == q.CorrectChoice ? "* " : "- ").Append(choices[i]).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The questions, or the number (from 1) of the first question that cannot be read.</summary>
    public static (List<TrainingQuestion> Questions, int? BadQuestion) Parse(string? text)
    {
        var questions = new List<TrainingQuestion>();
        if (string.IsNullOrWhiteSpace(text)) return (questions, null);
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) { current = null; continue; }
            if (current is null) blocks.Add(current = []);
            current.Add(line);
        }
        for (var b = 0; b < blocks.Count; b++)
        {
            var lines = blocks[b];
            var choices = new List<string>();
            var correct = -1;
            var ok = lines.Count >= 3 && !IsChoice(lines[0]) && lines[0].Length <= TrainingLimits.QuestionText;
            foreach (var line in lines.Skip(1))
            {
                if (!IsChoice(line)) { ok = false; break; }
                var choice = line[1..].Trim();
                if (choice.Length == 0 || choice.Length > TrainingLimits.Choice) { ok = false; break; }
                if (line[0] is '*' or '＊')
                {
                    if (correct >= 0) { ok = false; break; }
                    correct = choices.Count;
                }
                choices.Add(choice);
            }
            if (!ok || correct < 0 || choices.Count < 2 || choices.Count > TrainingLimits.MaxChoices || b >= TrainingLimits.MaxQuestions)
                return ([], b + 1);
            questions.Add(new TrainingQuestion { Order = b + 1, Text = lines[0], Choices = string.Join('\n', choices), CorrectChoice = correct });
        }
        return (questions, null);
    }

    private static bool IsChoice(string line) => line[0] is '-' or '*' or '・' or '＊' or 'ー';

    /// <summary>Percent of right answers, rounded down; answers are the chosen choice per question in order.</summary>
    public static int Score(IReadOnlyList<TrainingQuestion> questions, IReadOnlyList<int> answers)
    {
        if (questions.Count == 0) return 100;
        var right = questions.OrderBy(q => q.Order).Where((q, i) => i < answers.Count && answers[i] == q.CorrectChoice).Count();
        return right * 100 / questions.Count;
    }
}
