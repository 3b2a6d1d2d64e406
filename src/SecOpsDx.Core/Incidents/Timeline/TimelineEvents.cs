using System.Text.Json;
using SecOpsDx.Core.Auditing;

namespace SecOpsDx.Core.Incidents;

/// <summary>
/// The entries the app writes to a ticket's timeline. Core stores which event happened and its values; each
/// reader sees it in their own language and date style (the Web layer's <c>TimelineText</c>). Values are
/// strings: enum names, codes of the taxonomy, ISO dates (yyyy-MM-dd) and moments (round-trip "o").
/// </summary>
public static class TimelineEvents
{
    /// <summary>source, channel, reporter.</summary>
    public const string Intake = "intake";
    /// <summary>from, to (IncidentStatus), phase (HandlingPhase, optional).</summary>
    public const string Status = "status";
    /// <summary>text (the resolution).</summary>
    public const string Closed = "closed";
    /// <summary>text (the reason).</summary>
    public const string NotAnIncident = "not-an-incident";
    /// <summary>number.</summary>
    public const string MergedInto = "merged-into";
    /// <summary>number, title.</summary>
    public const string MergedFrom = "merged-from";
    /// <summary>category, severity, ppc (true/false), preliminary, final (dates).</summary>
    public const string Triage = "triage";
    /// <summary>name (absent when the assignee was removed).</summary>
    public const string Assigned = "assigned";
    /// <summary>channel, state (ReportState), at (moment, optional), note (optional).</summary>
    public const string Report = "report";
    public const string ReportFields = "report-fields";
    /// <summary>title, owner (optional), due (date, optional).</summary>
    public const string TaskAdded = "task-added";
    /// <summary>title.</summary>
    public const string TaskDone = "task-done";
    /// <summary>file, size (bytes), sha256.</summary>
    public const string Evidence = "evidence";
    /// <summary>number, title.</summary>
    public const string Linked = "linked";

    public static IReadOnlyList<string> All { get; } =
        [Intake, Status, Closed, NotAnIncident, MergedInto, MergedFrom, Triage, Assigned, Report, ReportFields, TaskAdded, TaskDone, Evidence, Linked];

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    public static string Moment(DateTimeOffset t) => t.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyDictionary<string, string> ReadData(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    /// <summary>An entry recording <paramref name="eventCode"/> on the ticket (new or stored).</summary>
    public static IncidentTimelineEntry Entry(Incident incident, TimelineKind kind, string eventCode, AuditActor who, DateTimeOffset now,
        params (string Key, string? Value)[] values)
    {
        var data = values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!);
        var entry = Written(incident, kind, "", who, now);
        entry.Event = eventCode;
        entry.Data = data.Count == 0 ? null : JsonSerializer.Serialize(data);
        return entry;
    }

    /// <summary>What a person wrote: a note, or a correction of an earlier entry.</summary>
    public static IncidentTimelineEntry Written(Incident incident, TimelineKind kind, string text, AuditActor who, DateTimeOffset now)
    {
        var entry = new IncidentTimelineEntry { At = now, Kind = kind, Text = text, AuthorUserId = who.UserId, AuthorName = who.Name };
        if (incident.Id == 0) entry.Incident = incident; else entry.IncidentId = incident.Id;
        return entry;
    }
}
