using System.Text;
using Microsoft.Extensions.Time.Testing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

/// <summary>Staff follow their own reports: they read them without the CSIRT's internals and add to them.</summary>
public sealed class ReporterFollowUpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(9)));
    private TestDatabase _db = default!;
    private string _evidence = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _evidence = Path.Combine(Path.GetTempPath(), "secopsdx-followup-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_evidence)) Directory.Delete(_evidence, recursive: true);
    }

    // IncidentDesk acts as "u-" + the address, which is the user id the reporter is recorded with.
    private IncidentDesk As(string who) => new(_db, _time, who, _evidence);

    private async Task<int> ReportAsync(string reporter = "staff@example.jp") =>
        (await As(reporter).Receive.ExecuteAsync(new IncidentIntake("不審なメールを開いた", "添付を開いた", IncidentSource.Internal, "form"), "u-" + reporter)).Id;

    [Fact]
    public async Task The_reporter_adds_a_note_and_a_file_and_sees_them_but_not_the_CSIRTs_notes_tasks_or_files()
    {
        var id = await ReportAsync();
        var csirt = As("csirt@example.jp");
        await csirt.Timeline.ExecuteAsync(id, "送信元ドメインを調査中(内部メモ)");
        await csirt.AddTask.ExecuteAsync(id, "メールサーバーのログ確認", null, null);
        await csirt.Evidence.ExecuteAsync(id, "proxy.log", "text/plain", new MemoryStream([1, 2, 3]), null);

        await As("staff@example.jp").FollowUp.ExecuteAsync(id, "同じメールが隣の席にも届いていました", "mail.eml", "message/rfc822",
            new MemoryStream(Encoding.UTF8.GetBytes("Subject: 請求書")));

        var view = (await csirt.Queries.ReporterViewAsync(id, "u-staff@example.jp"))!;
        Assert.Contains(view.Timeline, e => e.Kind == TimelineKind.FollowUp && e.Text == "同じメールが隣の席にも届いていました");
        Assert.DoesNotContain(view.Timeline, e => e.Text.Contains("内部メモ"));
        Assert.DoesNotContain(view.Timeline, e => e.Event == TimelineEvents.TaskAdded);
        Assert.Equal(["mail.eml"], view.Files.Select(f => f.FileName));
        var detail = (await csirt.Queries.DetailAsync(id))!;
        Assert.Contains(detail.Timeline, e => e.Kind == TimelineKind.FollowUp && e.Text.Contains("隣の席"));
        Assert.Equal(2, detail.Evidence.Count);
    }

    [Fact]
    public async Task Nobody_else_reads_or_adds_to_someone_elses_report_and_nothing_says_it_exists()
    {
        var id = await ReportAsync();

        Assert.Null(await As("x").Queries.ReporterViewAsync(id, "u-other@example.jp"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => As("other@example.jp").FollowUp.ExecuteAsync(id, "見せて"));
        Assert.Equal(ErrorCodes.IncidentNotFound, refused.Code);
        Assert.Null(await As("x").Queries.ReporterEvidenceAsync(id, 1, "u-other@example.jp"));
    }

    [Fact]
    public async Task An_empty_follow_up_is_refused_and_a_merged_report_points_to_where_it_went_and_takes_no_more()
    {
        var id = await ReportAsync();
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => As("staff@example.jp").FollowUp.ExecuteAsync(id, "  "));
        Assert.Equal(ErrorCodes.FollowUpEmpty, empty.Errors["text"].Single().Code);

        var target = await As("csirt@example.jp").Receive.ExecuteAsync(new IncidentIntake("同じ不審メール", null, IncidentSource.Internal, "form"));
        await As("csirt@example.jp").Close.MergeAsync(id, 0, target.Number);

        var view = (await As("x").Queries.ReporterViewAsync(id, "u-staff@example.jp"))!;
        Assert.Equal(target.Number, view.MergedIntoNumber);
        Assert.False(view.IsOpen);
        var closed = await Assert.ThrowsAsync<DomainException>(() => As("staff@example.jp").FollowUp.ExecuteAsync(id, "追加"));
        Assert.Equal(ErrorCodes.IncidentClosed, closed.Code);
    }
}
