using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Incidents;

/// <summary>A piece of work on an open ticket, with an owner and a due date.</summary>
public sealed class AddIncidentTask(TicketWrites writes)
{
    public async Task<int> ExecuteAsync(int incidentId, string? title, string? ownerUserId, DateOnly? dueOn, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var text = errors.Text("task", title, IncidentLimits.TaskTitle, required: true);
        errors.SaneDate("dueOn", dueOn, writes.Now);
        await using var db = await writes.OpenAsync(ct);
        string? ownerName = null;
        if (!string.IsNullOrEmpty(ownerUserId))
        {
            ownerName = await db.Users.Where(u => u.Id == ownerUserId).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync(ct);
            if (ownerName is null) errors.Add("owner", ErrorCodes.UserNotFound);
        }
        errors.ThrowIfAny();
        var incident = await TicketWrites.TicketAsync(db, incidentId, ct, mustBeOpen: true);
        var who = await writes.ActorAsync();
        var now = writes.Now;
        var task = new IncidentTask
        {
            IncidentId = incidentId, Title = text!, OwnerUserId = string.IsNullOrEmpty(ownerUserId) ? null : ownerUserId,
            OwnerName = ownerName, DueOn = dueOn, CreatedAt = now,
        };
        db.IncidentTasks.Add(task);
        db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Note, TimelineEvents.TaskAdded, who, now,
            ("title", task.Title), ("owner", ownerName), ("due", dueOn is { } d ? TimelineEvents.Date(d) : null)));
        await db.SaveChangesAsync(ct);
        return task.Id;
    }
}

/// <summary>Marks a task done (once); a stale version is refused.</summary>
public sealed class CompleteIncidentTask(TicketWrites writes)
{
    public async Task ExecuteAsync(int taskId, int expectedVersion, CancellationToken ct = default)
    {
        await using var db = await writes.OpenAsync(ct);
        var task = await db.IncidentTasks.SingleOrDefaultAsync(t => t.Id == taskId, ct)
            ?? throw new DomainException(ErrorCodes.TaskNotFound);
        if (task.DoneAt is not null) return;
        db.ExpectVersion(task, expectedVersion);
        var who = await writes.ActorAsync();
        var now = writes.Now;
        task.DoneAt = now;
        task.DoneBy = who.Name;
        var incident = await TicketWrites.TicketAsync(db, task.IncidentId, ct);
        db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Note, TimelineEvents.TaskDone, who, now, ("title", task.Title)));
        await db.SaveOrConflictAsync(ct);
    }
}
