using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Reminders;

/// <summary>"SecOpsDx:Reminders": when the reminder rules speak, and the office's own closed days.</summary>
public sealed class ReminderSettings
{
    public const string Section = "SecOpsDx:Reminders";

    /// <summary>Training due soon: a person hears of a course this many open days before its due date.</summary>
    public int[] DueSoonOpenDays { get; set; } = [30, 7, 1];

    /// <summary>Overdue training and unacknowledged policies: the first open day, then every this many open days.</summary>
    public int RepeatEveryOpenDays { get; set; } = 5;

    /// <summary>A person overdue by more than this many days is named to their 課長 (the department's managers).</summary>
    public int EscalateToManagerAfterDays { get; set; } = 14;

    /// <summary>…and by more than this many days to the CISO office.</summary>
    public int EscalateToCisoAfterDays { get; set; } = 30;

    /// <summary>Review, verification and exception dates this many days ahead count as "due soon" in the weekly mails.</summary>
    public int LookAheadDays { get; set; } = 30;

    /// <summary>Days the office is closed besides weekends, national holidays and 12/29–1/3 (yyyy-MM-dd).</summary>
    public DateOnly[] ExtraClosedDays { get; set; } = [];

    /// <summary>The calendar of open days the digests follow.</summary>
    public OfficeCalendar Calendar() => new(extraClosedDates: ExtraClosedDays);

    /// <summary>What is wrong with the settings, as "setting: problem" lines; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DueSoonOpenDays.Any(d => d is < 1 or > 120))
            problems.Add($"{Section}:DueSoonOpenDays must be open-day counts between 1 and 120 (e.g. 30, 7, 1)");
        if (RepeatEveryOpenDays is < 1 or > 60) problems.Add($"{Section}:RepeatEveryOpenDays must be between 1 and 60");
        if (EscalateToManagerAfterDays is < 1 or > 365) problems.Add($"{Section}:EscalateToManagerAfterDays must be between 1 and 365");
        if (EscalateToCisoAfterDays < EscalateToManagerAfterDays || EscalateToCisoAfterDays > 730)
            problems.Add($"{Section}:EscalateToCisoAfterDays must be at least EscalateToManagerAfterDays and at most 730");
        if (LookAheadDays is < 1 or > 180) problems.Add($"{Section}:LookAheadDays must be between 1 and 180");
        return problems;
    }
}
