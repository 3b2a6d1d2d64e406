using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class PolicySyncTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true });
        await _desk.DepartmentsAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_shipped_policy_set_imports_whole_with_its_history_and_every_kind()
    {
        var history = await _desk.Sync.ExecuteAsync(Path.Combine(PolicyDesk.PolicyFolder, "history"));
        var second = await _desk.Sync.ExecuteAsync(Path.Combine(PolicyDesk.PolicyFolder, "history", "v2"));
        var current = await _desk.Sync.ExecuteAsync(PolicyDesk.PolicyFolder);

        Assert.False(history.AnyRefused, string.Join("; ", history.Files.Select(f => f.Problem?.Message)));
        Assert.False(second.AnyRefused, string.Join("; ", second.Files.Select(f => f.Problem?.Message)));
        Assert.False(current.AnyRefused, string.Join("; ", current.Files.Select(f => f.Problem?.Message)));
        Assert.True(current.Files.Count >= 10);
        Assert.Equal(2, current.Count(PolicySyncOutcome.Revised));
        var register = await _desk.Queries.RegisterAsync();
        var basic = Assert.Single(register, r => r.Kind == PolicyKind.BasicPolicy);
        Assert.True(basic is { InForceNumber: 2, IsPublic: true, RuleNumber: "訓令第44号" });
        // 第10条 of version 2 rests on 地方自治法 第244条の6, in force from 2026-04-01 (令和6年法律第65号).
        Assert.Equal((new DateOnly(2024, 4, 1), new DateOnly(2026, 4, 1)), (basic.EnactedOn, basic.InForceSince));
        Assert.Equal(new DateOnly(2026, 5, 1), basic.AmendedOn);
        Assert.Contains(register, r => r.Kind == PolicyKind.Standards && r.InForceNumber == 3);
        Assert.True(register.Count(r => r.Kind == PolicyKind.Procedure) >= 8);
    }

    [Fact]
    public async Task A_new_file_becomes_a_document_and_a_raised_version_a_new_draft_revision()
    {
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。"));
        var first = await _desk.Sync.ExecuteAsync(folder);
        Assert.Equal(PolicySyncOutcome.Added, Assert.Single(first.Files).Outcome);

        PolicyDesk.WriteFile(folder, "basic.md", PolicyDesk.File_("basic", 2, "2026-04-01", "# 方針\n\n第1条 改めた本文。", approved: false));
        var second = await _desk.Sync.ExecuteAsync(folder);

        var file = Assert.Single(second.Files);
        Assert.Equal(PolicySyncOutcome.Revised, file.Outcome);
        Assert.Equal(PolicyRevisionStage.Draft, file.Stage);
        var document = await _desk.Queries.DocumentAsync("basic");
        Assert.Equal([2, 1], document!.Revisions.Select(r => r.Number));
        Assert.Equal(PolicyRevisionState.Draft, document.Revisions[0].State);
        Assert.Equal(1, document.InForce!.Number);
    }

    [Fact]
    public async Task Approved_in_the_file_stays_a_draft_unless_the_setting_allows_it()
    {
        var strict = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = false });
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n本文。", approved: true));

        var report = await strict.Sync.ExecuteAsync(folder);

        Assert.Equal(PolicyRevisionStage.Draft, Assert.Single(report.Files).Stage);
        Assert.Null((await strict.Queries.DocumentAsync("basic"))!.InForce);
    }

    [Fact]
    public async Task An_unchanged_file_writes_no_row_and_no_audit_entry()
    {
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n本文。"));
        await _desk.Sync.ExecuteAsync(folder);
        var audit = await _desk.AuditCountAsync();

        var again = await _desk.Sync.ExecuteAsync(folder);

        Assert.Equal(PolicySyncOutcome.Unchanged, Assert.Single(again.Files).Outcome);
        Assert.Equal(audit, await _desk.AuditCountAsync());
        await using var db = _db.CreateContext();
        Assert.Equal(1, await db.PolicyRevisions.CountAsync());
    }

    [Fact]
    public async Task A_malformed_file_is_named_with_its_reason_while_the_others_import()
    {
        var folder = PolicyDesk.WriteFile(null, "a-good.md", PolicyDesk.File_("good", 1, "2025-04-01", "# 方針\n\n本文。"));
        PolicyDesk.WriteFile(folder, "b-yaml.md", "---\nid: broken\ntitle: [unclosed\n---\n本文");
        PolicyDesk.WriteFile(folder, "c-kind.md", PolicyDesk.File_("kind", 1, "2025-04-01", "本文", kind: "通知"));
        PolicyDesk.WriteFile(folder, "d-title.md", PolicyDesk.File_("notitle", 1, "2025-04-01", "本文", title: "\"\""));
        PolicyDesk.WriteFile(folder, "e-none.md", "# 設定のない文書\n");

        var report = await _desk.Sync.ExecuteAsync(folder);

        Assert.True(report.AnyRefused);
        Assert.Equal(PolicySyncOutcome.Added, report.Files.Single(f => f.FileName == "a-good.md").Outcome);
        var yaml = report.Files.Single(f => f.FileName == "b-yaml.md");
        Assert.Equal(ErrorCodes.FrontMatterUnreadable, yaml.Problem!.Code);
        Assert.Equal(3L, Convert.ToInt64(yaml.Problem.Args[0]));
        var kind = Assert.IsType<ValidationFailedException>(report.Files.Single(f => f.FileName == "c-kind.md").Problem);
        Assert.Equal(ErrorCodes.OneOf, kind.Errors["kind"][0].Code);
        var title = Assert.IsType<ValidationFailedException>(report.Files.Single(f => f.FileName == "d-title.md").Problem);
        Assert.Equal(ErrorCodes.Required, title.Errors["policyTitle"][0].Code);
        Assert.Equal(ErrorCodes.FrontMatterMissing, report.Files.Single(f => f.FileName == "e-none.md").Problem!.Code);
        await using var db = _db.CreateContext();
        Assert.Equal(["good"], await db.PolicyDocuments.Select(d => d.Slug).ToListAsync());
    }

    [Fact]
    public async Task A_changed_text_under_the_same_version_is_refused_and_nothing_changes()
    {
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n本文。"));
        await _desk.Sync.ExecuteAsync(folder);
        PolicyDesk.WriteFile(folder, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n黙って変えた本文。"));

        var report = await _desk.Sync.ExecuteAsync(folder);

        var problem = Assert.IsType<ValidationFailedException>(Assert.Single(report.Files).Problem);
        Assert.Equal(ErrorCodes.VersionNotRaised, problem.Errors["version"][0].Code);
        var revision = await _desk.Queries.RevisionAsync(await _desk.RevisionIdAsync("basic", 1));
        Assert.Equal("# 方針\n\n本文。", revision!.Body);
    }

    [Fact]
    public async Task A_new_version_whose_effective_date_precedes_the_one_in_force_is_refused()
    {
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "本文。"));
        await _desk.Sync.ExecuteAsync(folder);
        PolicyDesk.WriteFile(folder, "basic.md", PolicyDesk.File_("basic", 2, "2024-04-01", "改めた本文。"));

        var report = await _desk.Sync.ExecuteAsync(folder);

        var problem = Assert.IsType<ValidationFailedException>(Assert.Single(report.Files).Problem);
        Assert.Equal(ErrorCodes.EffectiveBeforePrevious, problem.Errors["effectiveOn"][0].Code);
    }

    [Fact]
    public void Guideline_editions_name_the_file_line_and_reason_of_a_mistake()
    {
        var e = Assert.Throws<GuidelineEditionsException>(() => GuidelineEditions.Parse(
            "editions:\n  - code: r5-03\n    ja: 令和5年3月版\n    en: March 2023\n    issued: 2023-03-28\n  - code: r6-10\n    ja: 令和6年10月版\n    en: October 2024\n    issued: 2024/10/02\n",
            "guideline-editions.yaml"));
        Assert.Contains("guideline-editions.yaml", e.Message);
        Assert.Contains("line 6", e.Message);
        Assert.Contains("yyyy-MM-dd", e.Message);
        Assert.Equal("r7-03", PolicyDesk.Editions.Latest.Code);
    }

    [Fact]
    public void The_editions_go_back_to_the_one_that_wrote_in_the_three_layers_in_date_order()
    {
        Assert.Equal(["h30-09", "r2-12", "r4-03", "r5-03", "r6-10", "r7-03"], PolicyDesk.Editions.All.Select(e => e.Code));
        Assert.Equal(new DateOnly(2018, 9, 25), PolicyDesk.Editions.Find("H30-09")!.IssuedOn);
        Assert.Equal(("令和2年12月版", new DateOnly(2020, 12, 28)), (PolicyDesk.Editions.Find("r2-12")!.Ja, PolicyDesk.Editions.Find("r2-12")!.IssuedOn));
        Assert.Equal(new DateOnly(2022, 3, 25), PolicyDesk.Editions.Find("r4-03")!.IssuedOn);
        Assert.All(PolicyDesk.Editions.All.SkipLast(1), e => Assert.True(PolicyDesk.Editions.IsOutdated(e.Code)));
    }

    [Fact]
    public async Task A_document_still_on_the_december_2020_edition_is_registered_and_flagged_for_review()
    {
        // In force since 2026-04-01 with a 12-month review: not overdue on 2026-05-01, only behind the guideline.
        var folder = PolicyDesk.WriteFile(null, "telework.md",
            PolicyDesk.File_("telework-old", 1, "2026-04-01", "本文。", kind: "実施手順", guideline: "r2-12", title: "テレワーク実施手順"));

        var report = await _desk.Sync.ExecuteAsync(folder);

        Assert.Null(Assert.Single(report.Files).Problem);
        var row = (await _desk.Queries.RegisterAsync()).Single(r => r.Slug == "telework-old");
        Assert.Equal(ReviewNeed.OlderEdition, row.Need);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_named_with_its_reason_and_the_files_after_it_still_import()
    {
        var folder = PolicyDesk.WriteFile(null, "a-good.md", PolicyDesk.File_("first", 1, "2025-04-01", "本文。"));
        File.CreateSymbolicLink(Path.Combine(folder, "b-broken-link.md"), Path.Combine(folder, "gone", "nowhere.md"));
        // Reading the process's own memory from address 0 fails with an I/O error on Linux.
        if (OperatingSystem.IsLinux()) File.CreateSymbolicLink(Path.Combine(folder, "c-io-error.md"), "/proc/self/mem");
        PolicyDesk.WriteFile(folder, "d-good.md", PolicyDesk.File_("last", 1, "2025-04-01", "本文。"));

        var report = await _desk.Sync.ExecuteAsync(folder);

        Assert.True(report.AnyRefused);
        Assert.Equal(ErrorCodes.FileMissing, report.Files.Single(f => f.FileName == "b-broken-link.md").Problem!.Code);
        if (OperatingSystem.IsLinux())
        {
            var io = report.Files.Single(f => f.FileName == "c-io-error.md");
            Assert.Equal(PolicySyncOutcome.Refused, io.Outcome);
            Assert.Equal(ErrorCodes.FileUnreadable, io.Problem!.Code);
        }
        Assert.Equal(PolicySyncOutcome.Added, report.Files.Single(f => f.FileName == "a-good.md").Outcome);
        Assert.Equal(PolicySyncOutcome.Added, report.Files.Single(f => f.FileName == "d-good.md").Outcome);
    }

    [Fact]
    public async Task A_file_saved_in_Shift_JIS_imports_with_its_Japanese_text_intact()
    {
        var folder = PolicyDesk.WriteFile(null, "readme.txt", "");
        var text = PolicyDesk.File_("sjis", 1, "2025-04-01", "# 髙橋課の手順\n\n第1条 本文。", kind: "実施手順", title: "﨑山支所の運用手順");
        await File.WriteAllBytesAsync(Path.Combine(folder, "sjis.md"), ImportText.ShiftJis.GetBytes(text));

        var report = await _desk.Sync.ExecuteAsync(folder);

        var file = Assert.Single(report.Files);
        Assert.Null(file.Problem);
        await using var db = _db.CreateContext();
        var revision = await db.PolicyRevisions.SingleAsync(r => r.Document!.Slug == "sjis");
        Assert.Equal("﨑山支所の運用手順", revision.Title);
        Assert.Contains("髙橋課の手順", revision.Body);
        Assert.DoesNotContain('\uFFFD', revision.Body);
    }

    [Fact]
    public async Task A_file_with_bytes_of_no_known_encoding_or_in_UTF_16_is_refused_naming_the_encoding_and_nothing_is_stored()
    {
        var folder = PolicyDesk.WriteFile(null, "readme.txt", "");
        var good = System.Text.Encoding.UTF8.GetBytes(PolicyDesk.File_("bad", 1, "2025-04-01", "本文。"));
        // Declared UTF-8 (BOM) with a stray byte on the body's line.
        await File.WriteAllBytesAsync(Path.Combine(folder, "a-bom.md"), [0xEF, 0xBB, 0xBF, .. good, 0xFF, 0x0A]);
        // Not UTF-8 and not Shift_JIS either (0x81 must be followed by a second byte of a character).
        await File.WriteAllBytesAsync(Path.Combine(folder, "b-neither.md"), [.. good, 0x0A, 0xE9, 0x74, 0xE9, 0x0A, 0x81, 0x0A]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "c-utf16.md"), System.Text.Encoding.Unicode.GetPreamble()
            .Concat(System.Text.Encoding.Unicode.GetBytes(PolicyDesk.File_("utf16", 1, "2025-04-01", "本文。"))).ToArray());

        var report = await _desk.Sync.ExecuteAsync(folder);

        Assert.All(report.Files, f => Assert.Equal(PolicySyncOutcome.Refused, f.Outcome));
        var bom = report.Files.Single(f => f.FileName == "a-bom.md").Problem!;
        Assert.Equal((ErrorCodes.EncodingInvalidBytes, "UTF-8"), (bom.Code, bom.Args[0]));
        Assert.Equal(ErrorCodes.EncodingInvalidBytes, report.Files.Single(f => f.FileName == "b-neither.md").Problem!.Code);
        var utf16 = report.Files.Single(f => f.FileName == "c-utf16.md").Problem!;
        Assert.Equal((ErrorCodes.EncodingUnsupported, "UTF-16"), (utf16.Code, utf16.Args[0]));
        await using var db = _db.CreateContext();
        Assert.Equal(0, await db.PolicyRevisions.CountAsync());
    }
}
