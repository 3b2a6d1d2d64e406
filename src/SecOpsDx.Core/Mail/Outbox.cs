using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Mail;

/// <summary>A message to queue: who, what, and the key that makes it unique.</summary>
public sealed record OutgoingMail(string Key, string Kind, string To, string? RecipientUserId, string Subject, string TextBody, string? HtmlBody, bool Urgent = false);

public enum OutboxState { Queued, Sent, GaveUp }

public sealed record OutboxRow(long Id, string Kind, string To, string Subject, OutboxState State, DateTime QueuedAt, DateTime? SentAt,
    int Attempts, DateTime NextAttemptAt, string? LastError);

public sealed record OutboxCounts(int Queued, int Sent, int GaveUp);

/// <summary>The queue of e-mail. Queuing the same key twice keeps the first; nothing queued is ever dropped.</summary>
public sealed class Outbox(SecOpsDxDbContext db, TimeProvider time)
{
    /// <summary>Queues the messages whose keys are new; returns how many were new.</summary>
    public async Task<int> EnqueueAsync(IReadOnlyCollection<OutgoingMail> mails, CancellationToken ct = default)
    {
        if (mails.Count == 0) return 0;
        var keys = mails.Select(m => m.Key).Distinct().ToList();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            known.UnionWith(await db.Set<OutboxMessage>().Where(m => chunk.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct));
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var mail in mails.Where(m => known.Add(m.Key)))
        {
            db.Add(new OutboxMessage
            {
                Key = mail.Key, Kind = mail.Kind, To = mail.To, RecipientUserId = mail.RecipientUserId,
                Subject = mail.Subject, TextBody = mail.TextBody, HtmlBody = mail.HtmlBody, Urgent = mail.Urgent,
                QueuedAt = now, NextAttemptAt = now,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public async Task<OutboxCounts> CountsAsync(CancellationToken ct = default)
    {
        var set = db.Set<OutboxMessage>().AsNoTracking();
        return new OutboxCounts(
            await set.CountAsync(m => m.SentAt == null && m.GaveUpAt == null, ct),
            await set.CountAsync(m => m.SentAt != null, ct),
            await set.CountAsync(m => m.GaveUpAt != null && m.SentAt == null, ct));
    }

    /// <summary>The newest messages in one state, for the Admin's outbox page.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ListAsync(OutboxState state, int take = 200, CancellationToken ct = default)
    {
        var q = db.Set<OutboxMessage>().AsNoTracking();
        q = state switch
        {
            OutboxState.Sent => q.Where(m => m.SentAt != null),
            OutboxState.GaveUp => q.Where(m => m.SentAt == null && m.GaveUpAt != null),
            _ => q.Where(m => m.SentAt == null && m.GaveUpAt == null),
        };
        return await q.OrderByDescending(m => m.Id).Take(take)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.To, m.Subject, state, m.QueuedAt, m.SentAt, m.Attempts, m.NextAttemptAt, m.LastError))
            .ToListAsync(ct);
    }

    /// <summary>The newest messages to one person (their own "reminders I was sent" page), whatever their state.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ToPersonAsync(string userId, int take = 100, CancellationToken ct = default) =>
        await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.RecipientUserId == userId)
            .OrderByDescending(m => m.Id).Take(take)
            .Select(m => new OutboxRow(m.Id, m.Kind, m.To, m.Subject,
                m.SentAt != null ? OutboxState.Sent : m.GaveUpAt != null ? OutboxState.GaveUp : OutboxState.Queued,
                m.QueuedAt, m.SentAt, m.Attempts, m.NextAttemptAt, null))
            .ToListAsync(ct);

    /// <summary>Gives a message that ran out of tries a fresh start (after the Admin fixed the address or the server).</summary>
    public async Task<bool> RequeueAsync(long id, CancellationToken ct = default)
    {
        var message = await db.Set<OutboxMessage>().SingleOrDefaultAsync(m => m.Id == id && m.SentAt == null && m.GaveUpAt != null, ct);
        if (message is null) return false;
        message.GaveUpAt = null;
        message.Attempts = 0;
        message.NextAttemptAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
