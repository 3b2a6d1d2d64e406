using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Incidents;

/// <summary>The work around a ticket: tasks with owners and due dates, evidence files, links to related tickets.</summary>
public sealed class IncidentWorkCommands(
    IDbContextFactory<SecOpsDxDbContext> factory, EvidenceStore evidence, ICurrentActor actor, TimeProvider time)
{
    public async Task<int> AddTaskAsync(int incidentId, string? title, string? ownerUserId, DateOnly? dueOn, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var text = errors.Text("title", title, 300, required: true);
        await using var db = await factory.CreateDbContextAsync(ct);
        string? ownerName = null;
        if (!string.IsNullOrEmpty(ownerUserId))
        {
            ownerName = await db.Users.Where(u => u.Id == ownerUserId).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(ct);
            if (ownerName is null) errors.Add("owner", "担当者が見つかりません");
        }
        errors.ThrowIfAny();
        var incident = await OpenTicketAsync(db, incidentId, ct);
        var who = await actor.GetActorAsync();
        var now = time.GetUtcNow();
        var task = new IncidentTask
        {
            IncidentId = incidentId, Title = text!, OwnerUserId = string.IsNullOrEmpty(ownerUserId) ? null : ownerUserId,
            OwnerName = ownerName, DueOn = dueOn, CreatedAt = now,
        };
        db.IncidentTasks.Add(task);
        var due = dueOn is { } d ? $"、期限 {JapaneseDates.FormatWareki(d)}" : "";
        db.IncidentTimeline.Add(Timeline(incident, $"タスク追加: {task.Title}{(ownerName is null ? "" : $"(担当 {ownerName}")}{due}{(ownerName is null ? "" : ")")}", who, now));
        await db.SaveChangesAsync(ct);
        return task.Id;
    }

    public async Task CompleteTaskAsync(int taskId, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var task = await db.IncidentTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "タスクが見つかりません");
        if (task.DoneAt is not null) return;
        db.Entry(task).Property(t => t.Version).OriginalValue = expectedVersion;
        var who = await actor.GetActorAsync();
        var now = time.GetUtcNow();
        task.DoneAt = now;
        task.DoneBy = who.Name;
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == task.IncidentId, ct);
        db.IncidentTimeline.Add(Timeline(incident, $"タスク完了: {task.Title}", who, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.Conflict, "他の担当者が先にこのタスクを更新しました。再読み込みしてください。");
        }
    }

    /// <summary>Stores the file under its SHA-256 and records who added it when; the record never changes.</summary>
    public async Task<IncidentEvidence> AddEvidenceAsync(int incidentId, string? fileName, string? contentType, Stream content, string? note, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var name = errors.Text("fileName", fileName is null ? null : Path.GetFileName(fileName), 255, required: true);
        var noteText = errors.Text("note", note, 1000, required: false);
        errors.ThrowIfAny();
        await using var db = await factory.CreateDbContextAsync(ct);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        var (sha256, size) = await evidence.SaveAsync(content, ct);
        var who = await actor.GetActorAsync();
        var now = time.GetUtcNow();
        var row = new IncidentEvidence
        {
            IncidentId = incidentId, FileName = name!, ContentType = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType.Trim()[..Math.Min(contentType.Trim().Length, 100)],
            Size = size, Sha256 = sha256, Note = noteText, AddedAt = now, AddedByUserId = who.UserId, AddedBy = who.Name,
        };
        db.IncidentEvidence.Add(row);
        db.IncidentTimeline.Add(Timeline(incident, $"証拠を追加: {row.FileName} ({size:N0} bytes, SHA-256 {sha256})", who, now));
        await db.SaveChangesAsync(ct);
        return row;
    }

    public async Task LinkAsync(int incidentId, string? otherNumber, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var number = otherNumber?.Trim();
        var other = string.IsNullOrEmpty(number) ? null : await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number, ct);
        if (other is null) throw new ValidationFailedException(new Dictionary<string, string[]> { ["related"] = [$"チケット {number} が見つかりません"] });
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        if (other.Id == incidentId) throw new ValidationFailedException(new Dictionary<string, string[]> { ["related"] = ["同じチケットは関連付けられません"] });
        var (a, b) = incidentId < other.Id ? (incidentId, other.Id) : (other.Id, incidentId);
        if (await db.IncidentLinks.AnyAsync(l => l.IncidentId == a && l.RelatedIncidentId == b, ct)) return;
        var who = await actor.GetActorAsync();
        var now = time.GetUtcNow();
        db.IncidentLinks.Add(new IncidentLink { IncidentId = a, RelatedIncidentId = b, CreatedAt = now, CreatedBy = who.Name });
        db.IncidentTimeline.Add(Timeline(incident, $"関連チケット: {other.Number}「{other.Title}」", who, now));
        db.IncidentTimeline.Add(Timeline(other, $"関連チケット: {incident.Number}「{incident.Title}」", who, now));
        await db.SaveChangesAsync(ct);
    }

    private static async Task<Incident> OpenTicketAsync(SecOpsDxDbContext db, int id, CancellationToken ct)
    {
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.NotFound, "チケットが見つかりません");
        if (!incident.IsOpen) throw new IncidentRuleException("closed", "クローズ済みのチケットにはタスクを追加できません");
        return incident;
    }

    private static IncidentTimelineEntry Timeline(Incident incident, string text, AuditActor who, DateTimeOffset now) =>
        new() { IncidentId = incident.Id, At = now, Kind = TimelineKind.Note, Text = text, AuthorUserId = who.UserId, AuthorName = who.Name };
}
