using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using SecOpsDx.Core;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Tests;

/// <summary>Every reason Core can give reaches the user as a sentence of their own language.</summary>
public sealed partial class ErrorTranslationTests
{
    private static readonly CultureInfo Ja = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-US");

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex JapaneseScript();

    [GeneratedRegex(@"\{(\d+)")]
    private static partial Regex Placeholder();

    public static TheoryData<string> Codes() => [.. ErrorCodes.All];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_error_code_has_a_Japanese_and_an_English_sentence_with_the_same_placeholders(string code)
    {
        var ja = UserMessages.Template(code, Ja);
        var en = UserMessages.Template(code, En);

        Assert.False(string.IsNullOrWhiteSpace(ja), $"no Japanese text for {code}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English text for {code}");
        if (ja != "{0}") Assert.NotEqual(ja, en); // the English file must not fall back to the Japanese one
        Assert.DoesNotMatch(JapaneseScript(), en!);
        Assert.Equal(Placeholders(ja!), Placeholders(en!));
    }

    [Fact]
    public void The_list_of_codes_is_complete_and_has_no_duplicates()
    {
        Assert.True(ErrorCodes.All.Count >= 40);
        Assert.Equal(ErrorCodes.All.Count, ErrorCodes.All.Distinct().Count());
    }

    [Fact]
    public void A_refusal_with_values_reads_naturally_in_both_languages()
    {
        var e = new DomainException(ErrorCodes.BadTransition, IncidentStatus.Received, IncidentStatus.Closed);

        Assert.Equal("状態「受付」から「クローズ」には移せません。", UserMessages.Describe(e, Ja));
        Assert.Equal("A ticket cannot move from \"Received\" to \"Closed\".", UserMessages.Describe(e, En));
    }

    [Fact]
    public void Field_problems_name_the_field_and_its_limit_in_the_readers_language()
    {
        var errors = new FieldErrors();
        errors.Text("title", new string('あ', 250), 200, required: true);
        var e = Assert.Throws<ValidationFailedException>(errors.ThrowIfAny);

        Assert.Equal("件名(何が起きたか): 200文字以内で入力してください(現在 250文字)", UserMessages.Describe(e, Ja));
        Assert.Equal("Title (what happened): must be at most 200 characters (now 250)", UserMessages.Describe(e, En));
    }

    public static TheoryData<string> Fields() =>
    [
        "title", "description", "category", "severity", "occurredAt", "reportedAt", "awareAt", "personalRecordCount", "reporter.email",
        "reporter.name", "reporter.phone", "reporter.organization", "location", "affectedSystems", "assignee", "resolution", "rootCause",
        "lessonsLearned", "reason", "target", "text", "channel", "state", "submittedAt", "note", "task", "owner", "fileName", "file", "related",
        "summary", "dataItems", "affectedPeople", "cause", "secondaryDamage", "responseToIndividuals", "publication", "prevention", "other",
        "code", "name", "employeeNumber", "fullName", "kana", "position", "email", "hiredOn", "retiredOn", "dueOn", "tokenName", "scopes", "from", "to", "Idempotency-Key",
        "completedOn", "answers", "materialUrl", "kind", "fiscalYear", "opensOn", "dueDaysAfterHire", "passMark", "quiz", "roles", "staff", "course", "drillName", "hiredOnOrAfter",
        "policyId", "policyTitle", "ruleNumber", "version", "effectiveOn", "ownerDepartment", "reviewMonths", "guideline", "audience",
        "change", "comment", "reviewNote",
        "model", "systemName", "vendor", "systemSegment", "ownerDepartmentId", "terminals", "controlId", "ownerName", "ownerUserId", "abolishedOn", "abolitionReason", "notApplicableReason", "evidenceText",
        "status", "verificationNotes", "verifiedOn", "result", "evidenceNote", "exceptionReason", "compensatingMeasures", "expiresOn", "systemId",
        "answer", "answerNote", "correctiveAction", "findingDueOn", "selfCheckSummary", "correctedOn", "correctionNote",
        "employmentCategory",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_field_Core_names_has_a_name_in_both_languages(string field)
    {
        var rm = new ResourceManager(typeof(ErrorText));
        var ja = rm.GetString("Field." + field, Ja);
        var en = rm.GetString("Field." + field, En);

        Assert.False(string.IsNullOrWhiteSpace(ja), $"no Japanese name for {field}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English name for {field}");
        Assert.DoesNotMatch(JapaneseScript(), en!);
    }

    public static TheoryData<string> Events() => [.. TimelineEvents.All];

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_timeline_event_reads_in_both_languages(string eventCode)
    {
        var rm = new ResourceManager(typeof(IncidentText));
        var ja = rm.GetString("Event." + eventCode, Ja);
        var en = rm.GetString("Event." + eventCode, En);
        if (eventCode == TimelineEvents.Assigned) Assert.NotNull(rm.GetString("Event.unassigned", En));

        Assert.False(string.IsNullOrWhiteSpace(ja), $"no Japanese text for {eventCode}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English text for {eventCode}");
        Assert.DoesNotMatch(JapaneseScript(), en!);
    }

    public static TheoryData<SecOpsDx.Core.Organization.Roster.RosterErrorKind> RosterKinds() =>
        [.. Enum.GetValues<SecOpsDx.Core.Organization.Roster.RosterErrorKind>()];

    [Theory]
    [MemberData(nameof(RosterKinds))]
    public void Every_reason_a_roster_row_is_refused_reads_in_both_languages(SecOpsDx.Core.Organization.Roster.RosterErrorKind kind)
    {
        var ja = UserMessages.RosterTemplate(kind, Ja);
        var en = UserMessages.RosterTemplate(kind, En);

        Assert.False(string.IsNullOrWhiteSpace(ja), $"no Japanese text for {kind}");
        Assert.False(string.IsNullOrWhiteSpace(en), $"no English text for {kind}");
        Assert.DoesNotMatch(JapaneseScript(), en!);
        Assert.Equal(Placeholders(ja!), Placeholders(en!));
    }

    [Fact]
    public void A_refused_roster_row_reads_as_before_in_Japanese_and_in_English_for_English_users()
    {
        var e = new SecOpsDx.Core.Organization.Roster.RosterRowError(4, "職員番号", SecOpsDx.Core.Organization.Roster.RosterErrorKind.DuplicateEmployeeNumber, "2");

        Assert.Equal("職員番号が重複しています(2行目と同じ)", UserMessages.Describe(e, Ja));
        Assert.Equal("the same employee number as line 2", UserMessages.Describe(e, En));
    }

    private static int[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
}
