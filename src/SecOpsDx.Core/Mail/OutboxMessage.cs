namespace SecOpsDx.Core.Mail;

/// <summary>
/// One e-mail to one person, queued before it is sent. Its key (rule, item, recipient, period) is unique, so
/// evaluating the same rules twice queues nothing new. It is marked sent only after the server accepted it.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>What makes this message unique, e.g. "digest|user-id|2026-11-26" or "test|admin|…".</summary>
    public required string Key { get; set; }

    /// <summary>The rule or action that queued it (shown to the Admin).</summary>
    public required string Kind { get; set; }

    public required string To { get; set; }
    public string? RecipientUserId { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>Sent as soon as possible, also on closed days (PPC deadlines); otherwise in the next run.</summary>
    public bool Urgent { get; set; }

    public DateTime QueuedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Set when the tries ran out; the message stays for the Admin to see (and to queue again).</summary>
    public DateTime? GaveUpAt { get; set; }

    /// <summary>The server's last answer, or why the connection failed.</summary>
    public string? LastError { get; set; }
}
