using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1 (the SmtpServer package, in process) that keeps what it accepts, can refuse
/// chosen recipients, and can be stopped and started on the same port to play a server that is down.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly ConcurrentDictionary<string, bool> _refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Action> _whenAccepted = new(StringComparer.OrdinalIgnoreCase);
    private CancellationTokenSource? _running;
    private Task? _serving;

    public int Port { get; } = Loopback.FreePort();

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    public void Refuse(string address) => _refused[address] = true;

    /// <summary>How long the server takes to accept each message (a slow server, to stop a sender half-way).</summary>
    public TimeSpan AcceptDelay { get; set; }

    /// <summary>Runs <paramref name="action"/> once, when the server has kept a message to the address and before it answers 250.</summary>
    public void WhenAccepted(string address, Action action) => _whenAccepted[address] = action;

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new ServiceProvider();
        services.Add(new Store(_received, _whenAccepted, () => AcceptDelay));
        services.Add(new Filter(_refused));
        _running = new CancellationTokenSource();
        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
        if (await Loopback.WaitForListenerAsync(Port, TimeSpan.FromSeconds(5))) return;
        throw new InvalidOperationException($"the test SMTP server did not listen on {Port}");
    }

    public async Task StopAsync()
    {
        if (_running is null) return;
        await _running.CancelAsync();
        try { if (_serving is not null) await _serving; } catch (OperationCanceledException) { }
        _running.Dispose();
        _running = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>Settings that point the app at this server.</summary>
    public Dictionary<string, string?> AppSettings() => new()
    {
        ["SecOpsDx:Smtp:Host"] = "127.0.0.1",
        ["SecOpsDx:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["SecOpsDx:Smtp:Security"] = "None",
        ["SecOpsDx:Smtp:From"] = "SecOpsDx 情報政策課 <secopsdx@city.example.jp>",
        ["SecOpsDx:Smtp:TimeoutSeconds"] = "5",
    };


    private sealed class Store(ConcurrentQueue<MimeMessage> received, ConcurrentDictionary<string, Action> whenAccepted, Func<TimeSpan> delay) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (delay() is { Ticks: > 0 } wait) await Task.Delay(wait, cancellationToken);
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Enqueue(message);
            foreach (var to in message.To.Mailboxes)
                if (whenAccepted.TryRemove(to.Address, out var action)) action();
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(ConcurrentDictionary<string, bool> refused) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refused.ContainsKey(to.AsAddress()));
    }
}
