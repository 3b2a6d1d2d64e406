using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Mail;

/// <summary>What one delivery run did. <see cref="ServerProblem"/> is set when the server could not be used at all.</summary>
public sealed record DeliveryResult(int Sent, int Refused, int GaveUp, int StillQueued, string? ServerProblem);

/// <summary>
/// Delivers the outbox over one SMTP connection per run. A message is marked sent right after the server accepted
/// it (one row at a time, in its own transaction), so a crash can resend at most the message in flight and never loses one. A refused
/// recipient is retried later on its own and never stops the others; a server that is down leaves everything
/// queued, with backoff, until it is back.
/// </summary>
public sealed class MailDelivery(SecOpsDxDbContext db, IOptions<MailSettings> options, TimeProvider time, ILogger<MailDelivery> log)
{
    private MailSettings Settings => options.Value;

    /// <param name="everything">An explicit run (verb, "send now"): every queued message is tried, whatever its backoff.</param>
    /// <remarks>Batch after batch until nothing due is left or the server fails: 10,000 digests go out in one run.</remarks>
    public async Task<DeliveryResult> DeliverAsync(bool everything = false, CancellationToken ct = default)
    {
        int sent = 0, refused = 0, gaveUp = 0;
        // Messages refused in this run wait for their backoff even in an explicit run, so the run comes to an end.
        var refusedNow = new HashSet<long>();
        while (true)
        {
            var (batch, tried) = await DeliverBatchAsync(everything, refusedNow, ct);
            (sent, refused, gaveUp) = (sent + batch.Sent, refused + batch.Refused, gaveUp + batch.GaveUp);
            if (batch.ServerProblem is not null || tried < Settings.BatchSize)
                return batch with { Sent = sent, Refused = refused, GaveUp = gaveUp };
        }
    }

    private async Task<(DeliveryResult Result, int Tried)> DeliverBatchAsync(bool everything, HashSet<long> refusedNow, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Read untracked, and each sent message marked by a one-row UPDATE: saving through the change tracker looked
        // at every message of the batch at each mark, which made marking cost far more than sending.
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.SentAt == null && m.GaveUpAt == null && (everything || m.NextAttemptAt <= now) && !refusedNow.Contains(m.Id))
            .OrderByDescending(m => m.Urgent).ThenBy(m => m.Id)
            .Take(Settings.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return (new DeliveryResult(0, 0, 0, await QueuedCountAsync(ct), null), 0);
        if (!Settings.Configured)
            return (new DeliveryResult(0, 0, 0, await QueuedCountAsync(ct), "no SMTP server is configured (SecOpsDx:Smtp:Host, SecOpsDx:Smtp:From)"), due.Count);

        using var client = new SmtpClient { Timeout = Settings.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(Settings.Host, Settings.Port, Settings.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, ct);
            if (!string.IsNullOrEmpty(Settings.User)) await client.AuthenticateAsync(Settings.User, Settings.Password, ct);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException
                                      or AuthenticationException or SslHandshakeException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            var problem = $"{Settings.Host}:{Settings.Port}: {e.Message}";
            log.LogWarning("Mail server cannot be used; {Count} messages stay queued: {Problem}", due.Count, problem);
            var gaveUpNow = 0;
            foreach (var m in due) gaveUpNow += Failed(Track(m), problem, now) ? 1 : 0;
            await db.SaveChangesAsync(ct);
            return (new DeliveryResult(0, 0, gaveUpNow, await QueuedCountAsync(ct), problem), due.Count);
        }

        int sent = 0, refused = 0, gaveUp = 0;
        string? serverProblem = null;
        var from = MailboxAddress.Parse(Settings.From);
        // One database connection for the run's marks, as there is one SMTP connection for its messages (the scope's
        // context closes it should the run end early), and one prepared one-row UPDATE for them.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var mark = await SentMarkAsync(ct);
            for (var i = 0; i < due.Count; i++)
            {
                var message = due[i];
                try
                {
                    await client.SendAsync(Build(from, message), ct);
                }
                catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
                {
                    // This recipient or message only: the connection goes on with the next one.
                    refused++;
                    refusedNow.Add(message.Id);
                    gaveUp += Failed(Track(message), $"{(int)e.StatusCode} {e.Message}", now) ? 1 : 0;
                    await db.SaveChangesAsync(ct);
                    continue;
                }
                catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
                {
                    serverProblem = $"{Settings.Host}:{Settings.Port}: {e.Message}";
                    log.LogWarning("Mail delivery stopped after {Sent} messages: {Problem}", sent, serverProblem);
                    // This one and the ones not tried yet wait for the server, with backoff; nothing is dropped.
                    foreach (var m in due.Skip(i)) gaveUp += Failed(Track(m), serverProblem, now) ? 1 : 0;
                    await db.SaveChangesAsync(ct);
                    break;
                }
                // Marked one by one, each in its own transaction, before the next is sent: a crash here resends this
                // message at worst, never loses one.
                mark.Parameters["@id"].Value = message.Id;
                mark.Parameters["@sentAt"].Value = time.GetUtcNow().UtcDateTime;
                await mark.ExecuteNonQueryAsync(ct);
                sent++;
            }
        }
        finally
        {
            await RestoreSyncAsync(ct);
            await db.Database.CloseConnectionAsync();
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(quit: true, ct); }
            catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException) { }
        }
        return (new DeliveryResult(sent, refused, gaveUp, await QueuedCountAsync(ct), serverProblem), due.Count);
    }

    /// <summary>
    /// The one-row UPDATE that marks a message sent, prepared once for the run. On SQLite the run's connection commits
    /// with synchronous=NORMAL: in write-ahead-log mode a commit then survives the app being killed (the sender's
    /// crash case: at most the message in flight goes out again) and is written to disk at the next checkpoint, which
    /// saves a disk flush per message; a power cut could lose the last few marks and resend those messages, never lose one.
    /// </summary>
    private async Task<System.Data.Common.DbCommand> SentMarkAsync(CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite())
        {
            await using var sync = connection.CreateCommand();
            sync.CommandText = "PRAGMA synchronous=NORMAL";
            await sync.ExecuteNonQueryAsync(ct);
        }
        var command = connection.CreateCommand();
        command.CommandText = "UPDATE \"Outbox\" SET \"SentAt\" = @sentAt, \"LastError\" = NULL, \"Attempts\" = \"Attempts\" + 1 WHERE \"Id\" = @id";
        foreach (var name in new[] { "@id", "@sentAt" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Parameters["@id"].DbType = System.Data.DbType.Int64;
        command.Parameters["@sentAt"].DbType = System.Data.DbType.DateTime;
        await command.PrepareAsync(ct);
        return command;
    }

    /// <summary>The pooled connection goes back with SQLite's default durability for everyone else.</summary>
    private async Task RestoreSyncAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        await using var sync = db.Database.GetDbConnection().CreateCommand();
        sync.CommandText = "PRAGMA synchronous=FULL";
        await sync.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>
    /// The instance the context tracks for a message read untracked: the one queued in the same scope (the reminders
    /// job queues and then delivers), else this one, attached.
    /// </summary>
    private OutboxMessage Track(OutboxMessage message)
    {
        if (db.ChangeTracker.Entries<OutboxMessage>().FirstOrDefault(e => e.Entity.Id == message.Id) is { } tracked) return tracked.Entity;
        db.Attach(message);
        return message;
    }

    private Task<int> QueuedCountAsync(CancellationToken ct) =>
        db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null && m.GaveUpAt == null, ct);

    /// <summary>Counts a failed try, schedules the next with backoff; true when this was the last allowed try.</summary>
    private bool Failed(OutboxMessage message, string problem, DateTime now)
    {
        message.Attempts++;
        message.LastError = problem.Length <= 1000 ? problem : problem[..1000];
        if (message.Attempts >= Settings.MaxAttempts)
        {
            message.GaveUpAt = now;
            log.LogError("Mail to {To} ({Kind}) given up after {Attempts} tries: {Problem}", message.To, message.Kind, message.Attempts, problem);
            return true;
        }
        var wait = TimeSpan.FromMinutes(Settings.FirstRetryMinutes * Math.Pow(2, Math.Min(message.Attempts - 1, 16)));
        message.NextAttemptAt = now + (wait > TimeSpan.FromHours(6) ? TimeSpan.FromHours(6) : wait);
        return false;
    }

    /// <summary>
    /// One Message-ID for every attempt at one outbox message (its row and its key, at the sender's domain), so that a
    /// message sent again after a crash between the server's acceptance and the mark reaches the receiver as the same
    /// message, which mail systems can recognise and fold into one.
    /// </summary>
    public static string MessageIdOf(MailboxAddress from, OutboxMessage message)
    {
        var at = from.Address.LastIndexOf('@');
        var domain = at >= 0 && at < from.Address.Length - 1 ? from.Address[(at + 1)..] : "secopsdx.invalid";
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(message.Key)))[..16];
        return $"{message.Id}.{key}@{domain}";
    }

    /// <summary>A text part and an HTML part, UTF-8; MimeKit writes a Japanese subject as RFC 2047 encoded words.</summary>
    private static MimeMessage Build(MailboxAddress from, OutboxMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(from);
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = MessageIdOf(from, message);
        mime.Headers.Add("X-SecOpsDx-Kind", message.Kind);
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
