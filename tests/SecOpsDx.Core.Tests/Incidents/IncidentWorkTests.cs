using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

public sealed class IncidentWorkTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private string _evidenceDir = default!;
    private IncidentDesk _desk = default!;
    private IncidentQueries _queries = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _evidenceDir = Path.Combine(Path.GetTempPath(), "secopsdx-evidence-" + Guid.NewGuid().ToString("N"));
        _desk = new IncidentDesk(_db, TimeProvider.System, evidenceDirectory: _evidenceDir);
        _queries = _desk.Queries;
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_evidenceDir)) Directory.Delete(_evidenceDir, recursive: true);
    }

    private Task<IncidentCreated> NewTicketAsync(string title = "不審メール") =>
        _desk.Receive.ExecuteAsync(new IncidentIntake(title, null, IncidentSource.Internal, "form"));

    [Fact]
    public async Task Evidence_is_kept_with_its_SHA256_who_added_it_and_when()
    {
        var ticket = await NewTicketAsync();
        var bytes = Encoding.UTF8.GetBytes("Received: from attacker.example\r\nSubject: 請求書\r\n");

        var row = await _desk.Evidence.ExecuteAsync(ticket.Id, "../../header.eml", "message/rfc822", new MemoryStream(bytes), "受信者から転送");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.Sha256);
        Assert.Equal("header.eml", row.FileName);
        Assert.Equal(bytes.Length, row.Size);
        Assert.Equal("csirt@example.jp", row.AddedBy);
        var store = new EvidenceStore(_evidenceDir);
        Assert.True(await store.VerifyAsync(row.Sha256));
        var detail = (await _queries.DetailAsync(ticket.Id))!;
        Assert.Contains(detail.Timeline, t => t.Event == TimelineEvents.Evidence && t.Data["sha256"] == row.Sha256);
    }

    [Fact]
    public async Task Evidence_files_and_their_folders_are_for_the_service_account_alone()
    {
        if (OperatingSystem.IsWindows()) return; // file modes are a Unix matter; the app runs on Linux
        var ticket = await NewTicketAsync();

        var row = await _desk.Evidence.ExecuteAsync(ticket.Id, "log.txt", "text/plain", new MemoryStream([7, 8, 9]), null);

        var path = Directory.GetFiles(_evidenceDir, row.Sha256, SearchOption.AllDirectories).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_evidenceDir));
    }

    [Fact]
    public async Task A_changed_evidence_file_no_longer_verifies()
    {
        var ticket = await NewTicketAsync();
        var row = await _desk.Evidence.ExecuteAsync(ticket.Id, "log.txt", "text/plain", new MemoryStream([1, 2, 3]), null);
        var path = Directory.GetFiles(_evidenceDir, row.Sha256, SearchOption.AllDirectories).Single();

        await File.WriteAllBytesAsync(path, [1, 2, 4]);

        Assert.False(await new EvidenceStore(_evidenceDir).VerifyAsync(row.Sha256));
    }

    [Fact]
    public async Task Evidence_records_cannot_be_changed()
    {
        var ticket = await NewTicketAsync();
        await _desk.Evidence.ExecuteAsync(ticket.Id, "log.txt", "text/plain", new MemoryStream([1, 2, 3]), null);
        await using var db = _db.CreateContext();
        var row = await db.IncidentEvidence.SingleAsync();

        row.Sha256 = new string('0', 64);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_task_is_added_with_owner_and_due_date_and_completed_once()
    {
        var ticket = await NewTicketAsync();
        var taskId = await _desk.AddTask.ExecuteAsync(ticket.Id, "送信先に削除を依頼", null, new DateOnly(2026, 12, 1));

        await _desk.CompleteTask.ExecuteAsync(taskId, 0);
        var conflict = await Record.ExceptionAsync(() => _desk.CompleteTask.ExecuteAsync(taskId, 0));

        Assert.Null(conflict);
        var task = (await _queries.DetailAsync(ticket.Id))!.Tasks.Single();
        Assert.NotNull(task.DoneAt);
        Assert.Equal("csirt@example.jp", task.DoneBy);
        Assert.Equal(new DateOnly(2026, 12, 1), task.DueOn);
    }

    [Fact]
    public async Task A_task_without_a_title_or_on_a_closed_ticket_is_refused()
    {
        var ticket = await NewTicketAsync();
        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.AddTask.ExecuteAsync(ticket.Id, " ", null, null));

        await _desk.Close.NotAnIncidentAsync(ticket.Id, 0, "迷惑メール");
        var closed = await Assert.ThrowsAsync<DomainException>(() => _desk.AddTask.ExecuteAsync(ticket.Id, "確認", null, null));
        Assert.Equal(ErrorCodes.IncidentClosed, closed.Code);
    }

    [Fact]
    public async Task Linked_tickets_show_each_other_once()
    {
        var a = await NewTicketAsync("職員Aの報告");
        var b = await NewTicketAsync("職員Bの報告");

        await _desk.Links.ExecuteAsync(a.Id, b.Number);
        await _desk.Links.ExecuteAsync(b.Id, a.Number);

        Assert.Equal([b.Number], (await _queries.DetailAsync(a.Id))!.Related.Select(r => r.Number));
        Assert.Equal([a.Number], (await _queries.DetailAsync(b.Id))!.Related.Select(r => r.Number));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _desk.Links.ExecuteAsync(a.Id, "1999-9999"));
    }
}
