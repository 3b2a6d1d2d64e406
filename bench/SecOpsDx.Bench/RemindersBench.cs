using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Mail;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Core.Reminders;
using SecOpsDx.Core.Training;
using SecOpsDx.Core.Training.Queries;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Jobs;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;
using SmtpServer.Storage;

/// <summary>
/// The reminder rules and the mail sender at scale. Seeds the demo city with many staff, every one with an account,
/// overdue on a course of the current 年度 and with a policy revision to acknowledge, then:
/// 1. times the rules on the first open day after the due date (every overdue person gets a digest): the whole
///    reminders run as the job does it (ReminderMailer.RunAsync: the rules, composing each mail in its recipient's
///    language, queueing in the outbox), the same run again (it must queue nothing), and ReminderQueries.NoticesAsync
///    and the two queries it reads on their own;
/// 2. sends some of those digests to an SMTP server on 127.0.0.1 in this process, through MailDelivery.DeliverAsync
///    (the outbox, batch by batch, as the send-mail job does) and through a bare MailKit loop over one connection,
///    and prints both rates and their ratio.
/// Usage: dotnet run -c Release --project bench/SecOpsDx.Bench -- --reminders [--staff 10000] [--runs 5] [--mails 2000] [--mail-rounds 3] [--stock-listener] [--keep]
/// </summary>
internal static class RemindersBench
{
    private const string From = "SecOpsDx 情報政策課 <secopsdx@city.example.jp>";

    public static async Task<int> RunAsync(string[] args)
    {
        var staffCount = Option(args, "--staff", 10_000);
        var runs = Option(args, "--runs", 5);
        var mails = Option(args, "--mails", 2000);
        var mailRounds = Option(args, "--mail-rounds", 3);
        var data = Path.Combine(Path.GetTempPath(), "secopsdx-bench", Guid.NewGuid().ToString("N"));

        await using var smtp = new CountingSmtpServer(stockListener: args.Contains("--stock-listener"));
        await smtp.StartAsync();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration["SecOpsDx:DataDirectory"] = data;
        builder.Configuration["SecOpsDx:ConfigDirectory"] = Path.Combine(AppContext.BaseDirectory, "config");
        builder.Configuration["SecOpsDx:BaseUrl"] = "https://secopsdx.city.example.jp";
        builder.Configuration["SecOpsDx:Jobs:Enabled"] = "false";
        builder.Configuration["SecOpsDx:Smtp:Host"] = "127.0.0.1";
        builder.Configuration["SecOpsDx:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture);
        builder.Configuration["SecOpsDx:Smtp:Security"] = "None";
        builder.Configuration["SecOpsDx:Smtp:From"] = From;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync();

        // The evaluation day: the first open day after the course's due date, so that every overdue person hears of it.
        var calendar = app.Services.GetRequiredService<IOptions<ReminderSettings>>().Value.Calendar();
        var day = calendar.NextOpenDay(JapanTime.Today(TimeProvider.System));
        if (day.AddDays(-1) <= FiscalYear.Of(day).FirstDay) day = calendar.NextOpenDay(FiscalYear.Of(day).FirstDay.AddDays(7));
        var dueOn = day.AddDays(-1);
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), JapanTime.Offset);

        var seed = Stopwatch.StartNew();
        int accounts, acknowledgments, documentsInForce;
        string unacknowledged;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await DemoOrganization.SeedAsync(db, staffCount, day);
            db.ChangeTracker.Clear();

            // The demo's role holders (managers and the CISO office receive escalations and weekly mails) ...
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var h in DemoOrganization.AccountHolders)
            {
                var (user, _) = await AccountProvisioning.EnsureUserAsync(users, h.Email, "Bench-Pass-2026x", h.Name, h.Role);
                await db.Staff.Where(s => s.EmployeeNumber == h.EmployeeNumber).ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, user.Id));
            }
            // ... and an account for everyone else, written directly (the bench measures the rules, not sign-up);
            // one in ten reads English with western dates, so both languages are composed.
            var staffRole = await db.Roles.Where(r => r.Name == Roles.Staff).Select(r => r.Id).SingleAsync();
            var people = await db.Staff.AsNoTracking().Where(s => s.UserId == null && s.Email != null).OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.Email, s.FullName }).ToListAsync();
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                for (var start = 0; start < people.Count; start += 500)
                {
                    var chunk = people.Skip(start).Take(500).Select((p, i) => (p, Id: Guid.NewGuid().ToString(), English: (start + i) % 10 == 9)).ToList();
                    var userRows = string.Join(",", chunk.Select(c =>
                        $"('{c.Id}','{c.p.Email}','{c.p.Email!.ToUpperInvariant()}','{c.p.Email}','{c.p.Email!.ToUpperInvariant()}',1,'{Guid.NewGuid():N}','{Guid.NewGuid()}',0,0,1,0," +
                        $"{(c.English ? "'en-US','Western'" : "NULL,NULL")},'{c.p.FullName.Replace("'", "''", StringComparison.Ordinal)}')"));
                    var insertUsers = "INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, SecurityStamp, " +
                        "ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, PreferredCulture, DateStyle, DisplayName) VALUES " + userRows;
                    var insertRoles = "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES " + string.Join(",", chunk.Select(c => $"('{c.Id}','{staffRole}')"));
                    var link = "UPDATE StaffMembers SET UserId = CASE Id " + string.Join(" ", chunk.Select(c => $"WHEN {c.p.Id} THEN '{c.Id}'")) +
                        $" END WHERE Id IN ({string.Join(",", chunk.Select(c => c.p.Id))})";
                    foreach (var statement in new[] { insertUsers, insertRoles, link }) await db.Database.ExecuteSqlRawAsync(statement);
                }
                await tx.CommitAsync();
            }
            accounts = await db.Staff.CountAsync(s => s.UserId != null);

            // Three 年度 of demo training (the current one half done, a course overdue for some) ...
            await DemoTraining.SeedAsync(db, day, pastYears: 2);
            db.ChangeTracker.Clear();
            // ... and a course of this 年度 that nobody has taken, due the day before: everyone is overdue on it.
            var year = FiscalYear.Of(day);
            await sp.GetRequiredService<SaveCourse>().ExecuteAsync(null, 0, new CourseInput(year.StartYear, "標的型攻撃メール対応研修(ベンチマーク)",
                TrainingKind.AllStaff, null, year.FirstDay, dueOn, null, [], [], 0, null, null, null));

            // The policy set, acknowledged by everyone except for one document in force: everyone has that one to read.
            var sync = sp.GetRequiredService<SyncPolicies>();
            var shipped = Path.Combine(AppContext.BaseDirectory, "policies");
            await sync.ExecuteAsync(Path.Combine(shipped, "history"), mayApprove: true);
            await sync.ExecuteAsync(shipped, mayApprove: true);
            var inForce = (await sp.GetRequiredService<PolicyQueries>().RegisterAsync()).Where(r => r.InForceNumber is not null).ToList();
            var forEveryone = await db.PolicyDocuments.Where(d => d.Audience == PolicyAudience.Everyone).Select(d => d.Id).ToListAsync();
            var left = inForce.Where(r => forEveryone.Contains(r.DocumentId)).OrderBy(r => r.Slug, StringComparer.Ordinal).First();
            unacknowledged = left.Slug;
            documentsInForce = inForce.Count;
            var revisionIds = await db.PolicyRevisions.Select(r => new { r.DocumentId, r.Number, r.Id }).ToListAsync();
            var staff = await db.Staff.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
            var now = DateTimeOffset.UtcNow;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                var sql = new StringBuilder();
                acknowledgments = 0;
                foreach (var d in inForce.Where(d => d.DocumentId != left.DocumentId))
                {
                    var revisionId = revisionIds.Single(r => r.DocumentId == d.DocumentId && r.Number == d.InForceNumber).Id;
                    foreach (var s in staff)
                    {
                        sql.Append(sql.Length == 0 ? "INSERT INTO PolicyAcknowledgments (StaffId, DocumentId, RevisionId, RevisionNumber, AcknowledgedAt, ClientAddress) VALUES " : ",")
                           .Append(CultureInfo.InvariantCulture, $"({s},{d.DocumentId},{revisionId},{d.InForceNumber},{now.UtcTicks},'10.0.0.1')");
                        if (++acknowledgments % 1000 == 0) { await db.Database.ExecuteSqlRawAsync(sql.ToString()); sql.Clear(); }
                    }
                }
                if (sql.Length > 0) await db.Database.ExecuteSqlRawAsync(sql.ToString());
                await tx.CommitAsync();
            }
        }
        seed.Stop();

        int overduePeople, outstandingRows, pendingPeople;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var outstanding = await scope.ServiceProvider.GetRequiredService<TrainingQueries>().OutstandingAsync(day);
            outstandingRows = outstanding.Count;
            overduePeople = outstanding.Where(o => o.DueOn < day).Select(o => o.StaffId).Distinct().Count();
            pendingPeople = (await scope.ServiceProvider.GetRequiredService<PolicyQueries>().PendingAcknowledgmentsOfAllAsync()).Count;
        }
        Console.WriteLine($"seeded {staffCount:N0} staff (+{DemoOrganization.AccountHolders.Count} role holders), {accounts:N0} with accounts, in {seed.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  training: {overduePeople:N0} people overdue, {outstandingRows:N0} outstanding (person, course) rows on {day:yyyy-MM-dd} ({day.DayOfWeek}; due {dueOn:yyyy-MM-dd})");
        Console.WriteLine($"  policies: {documentsInForce} documents in force, {acknowledgments:N0} acknowledgments, {pendingPeople:N0} people with '{unacknowledged}' to acknowledge");

        // 1. The rules. Each measured call gets a fresh scope, as a job run does.
        async Task<(T Value, double Seconds)> TimedAsync<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            var watch = Stopwatch.StartNew();
            var value = await work(scope.ServiceProvider);
            watch.Stop();
            return (value, watch.Elapsed.TotalSeconds);
        }
        async Task ClearOutboxAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.ExecuteDeleteAsync();
        }

        var cold = await TimedAsync(sp => sp.GetRequiredService<ReminderQueries>().NoticesAsync(day));
        var notices = cold.Value;
        var firstRuns = new List<double>();
        var reruns = new List<double>();
        var noticeTimes = new List<double>();
        var outstandingTimes = new List<double>();
        var pendingTimes = new List<double>();
        var queued = new List<int>();
        var requeued = new List<int>();
        var reported = new List<int>();
        for (var i = 0; i < runs; i++)
        {
            await ClearOutboxAsync();
            var first = await TimedAsync(sp => sp.GetRequiredService<ReminderMailer>().RunAsync(default, at));
            firstRuns.Add(first.Seconds);
            queued.Add(first.Value.Queued);
            reported.Add(first.Value.Notices);
            var again = await TimedAsync(sp => sp.GetRequiredService<ReminderMailer>().RunAsync(default, at));
            reruns.Add(again.Seconds);
            requeued.Add(again.Value.Queued);
            noticeTimes.Add((await TimedAsync(sp => sp.GetRequiredService<ReminderQueries>().NoticesAsync(day))).Seconds);
            outstandingTimes.Add((await TimedAsync(sp => sp.GetRequiredService<TrainingQueries>().OutstandingAsync(day))).Seconds);
            pendingTimes.Add((await TimedAsync(sp => sp.GetRequiredService<PolicyQueries>().PendingAcknowledgmentsOfAllAsync())).Seconds);
        }

        Console.WriteLine($"reminder rules on {day:yyyy-MM-dd} (runs={runs}; each run on an emptied outbox, then once more on the full one):");
        Console.WriteLine($"  notices: {notices.Count:N0} = {notices.Digests.Count:N0} digests, {notices.Escalations.Count} escalations, " +
                          $"{notices.DepartmentWeeklies.Count} department weeklies, {notices.OfficeWeeklies.Count} office weeklies (+ PPC deadlines: runs report {string.Join("/", reported.Distinct())} notices in all)");
        Console.WriteLine($"  ReminderMailer.RunAsync, rules + composing + queueing (Web/Jobs, as the job runs it): {Seconds(firstRuns)}; queued {string.Join("/", queued.Distinct())} new each run");
        Console.WriteLine($"  ReminderMailer.RunAsync again, same day: {Seconds(reruns)}; queued {string.Join("/", requeued.Distinct())} new");
        Console.WriteLine($"  ReminderQueries.NoticesAsync alone: {Seconds(noticeTimes)} (first call, cold: {cold.Seconds:F2} s)");
        Console.WriteLine($"    of which TrainingQueries.OutstandingAsync: {Seconds(outstandingTimes)}");
        Console.WriteLine($"    of which PolicyQueries.PendingAcknowledgmentsOfAllAsync: {Seconds(pendingTimes)}");
        var rulesMet = Median(firstRuns) < 5 && requeued.All(q => q == 0) && notices.Digests.Count >= overduePeople;
        Console.WriteLine(rulesMet
            ? $"  target met: the whole run takes {Median(firstRuns):F2} s (median) < 5 s for {overduePeople:N0} overdue staff, and a rerun queues nothing"
            : $"  TARGET MISSED: whole run {Median(firstRuns):F2} s (median, < 5 s), rerun queued {requeued.Max()} (0), digests {notices.Digests.Count} (>= {overduePeople})");

        // 2. The sender: the first N digests queued above, delivered through the outbox and by a bare MailKit loop.
        int batchSize;
        List<OutboxMessage> sample;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>();
            batchSize = scope.ServiceProvider.GetRequiredService<IOptions<MailSettings>>().Value.BatchSize;
            var keep = await db.Outbox.OrderBy(m => m.Id).Select(m => m.Id).Take(mails).ToListAsync();
            var last = keep[^1];
            await db.Outbox.Where(m => m.Id > last).ExecuteDeleteAsync();
            sample = await db.Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        }
        mails = sample.Count;
        async Task RequeueAllAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var now = DateTime.UtcNow;
            await scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>().Outbox.ExecuteUpdateAsync(u => u
                .SetProperty(m => m.SentAt, (DateTime?)null).SetProperty(m => m.Attempts, 0).SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.GaveUpAt, (DateTime?)null));
        }

        var outboxRates = new List<double>();
        var bareRates = new List<double>();
        var deliveries = 0;
        // Round 0 warms both paths up (JIT, connection pools) and is not counted.
        for (var round = 0; round <= mailRounds; round++)
        {
            await RequeueAllAsync();
            var before = smtp.Accepted;
            deliveries = 0;
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var (result, _) = await TimedAsync(sp => sp.GetRequiredService<MailDelivery>().DeliverAsync(everything: true));
                deliveries++;
                if (result.ServerProblem is not null) throw new InvalidOperationException($"delivery failed: {result.ServerProblem}");
                if (result.StillQueued == 0 || result.Sent == 0) break;
            }
            watch.Stop();
            if (smtp.Accepted - before != mails) throw new InvalidOperationException($"the server accepted {smtp.Accepted - before} of {mails} from the outbox");
            if (round > 0) outboxRates.Add(mails / watch.Elapsed.TotalSeconds);

            before = smtp.Accepted;
            watch.Restart();
            await BareLoopAsync(smtp.Port, sample);
            watch.Stop();
            if (smtp.Accepted - before != mails) throw new InvalidOperationException($"the server accepted {smtp.Accepted - before} of {mails} from the bare loop");
            if (round > 0) bareRates.Add(mails / watch.Elapsed.TotalSeconds);
        }
        var ratio = Median(outboxRates) / Median(bareRates);
        Console.WriteLine($"sender: {mails:N0} digests (average {sample.Average(m => m.TextBody.Length + (m.HtmlBody?.Length ?? 0)):N0} characters of body) to an SMTP server on 127.0.0.1 in this process ({(args.Contains("--stock-listener") ? "the package's own listener, Nagle on" : "TCP_NODELAY")}), rounds={mailRounds} after one warm-up:");
        Console.WriteLine($"  MailDelivery.DeliverAsync(everything: true), {deliveries} calls of up to {batchSize} (one connection each), marking each row sent: " +
                          $"median {Median(outboxRates):N0} messages/s (rounds: {string.Join(", ", outboxRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})");
        Console.WriteLine($"  bare MailKit loop, the same messages over one connection: median {Median(bareRates):N0} messages/s (rounds: {string.Join(", ", bareRates.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))})");
        Console.WriteLine(ratio >= 0.5
            ? $"  ratio outbox / bare: {ratio:F2} — target met (>= 0.5)"
            : $"  ratio outbox / bare: {ratio:F2} — TARGET MISSED (>= 0.5)");

        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (args.Contains("--keep")) Console.WriteLine($"database kept: {Path.Combine(data, "secopsdx.db")}");
        else try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return rulesMet && ratio >= 0.5 ? 0 : 1;
    }

    /// <summary>What an application without an outbox would do: connect once and send each message as MailDelivery composes it.</summary>
    private static async Task BareLoopAsync(int port, List<OutboxMessage> messages)
    {
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        var from = MailboxAddress.Parse(From);
        foreach (var m in messages)
        {
            var mime = new MimeMessage();
            mime.From.Add(from);
            mime.To.Add(MailboxAddress.Parse(m.To));
            mime.Subject = m.Subject;
            mime.Headers.Add("X-SecOpsDx-Kind", m.Kind);
            mime.Body = new BodyBuilder { TextBody = m.TextBody, HtmlBody = m.HtmlBody }.ToMessageBody();
            await client.SendAsync(mime);
        }
        await client.DisconnectAsync(quit: true);
    }

    /// <summary>An SMTP server on a free loopback port that accepts everything and only counts it (the same cost for both senders).</summary>
    /// <remarks>
    /// The package's own listener leaves Nagle's algorithm on, so each reply waits for the client's delayed ACK (about
    /// 40 ms on Linux loopback): every sender then manages some 20 messages a second, whatever it does, and the ratio
    /// says nothing. This listener sets TCP_NODELAY as mail servers do; --stock-listener uses the package's own.
    /// </remarks>
    private sealed class CountingSmtpServer(bool stockListener) : IAsyncDisposable
    {
        private readonly CountingStore store = new();
        private CancellationTokenSource? running;
        private Task? serving;

        public int Port { get; } = FreePort();
        public int Accepted => store.Count;

        public async Task StartAsync()
        {
            var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
            var services = new global::SmtpServer.ComponentModel.ServiceProvider();
            services.Add(store);
            if (!stockListener) services.Add((IEndpointListenerFactory)new NoDelayListenerFactory());
            running = new CancellationTokenSource();
            serving = new global::SmtpServer.SmtpServer(options, services).StartAsync(running.Token);
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, Port);
                    return;
                }
                catch (SocketException) { await Task.Delay(50); }
            }
            throw new InvalidOperationException($"the SMTP server did not listen on {Port}");
        }

        public async ValueTask DisposeAsync()
        {
            if (running is null) return;
            await running.CancelAsync();
            try { if (serving is not null) await serving; } catch (OperationCanceledException) { }
            running.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new NoDelayListener(listener);
        }
    }

    private sealed class NoDelayListener(TcpListener listener) : IEndpointListener
    {
        public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            return new PlainPipe(client);
        }

        public void Dispose() => listener.Stop();
    }

    /// <summary>A plain TCP connection as the server's pipe (the bench uses no TLS).</summary>
    private sealed class PlainPipe(TcpClient client) : ISecurableDuplexPipe
    {
        private readonly NetworkStream stream = client.GetStream();
        private PipeReader? input;
        private PipeWriter? output;

        public PipeReader Input => input ??= PipeReader.Create(stream);
        public PipeWriter Output => output ??= PipeWriter.Create(stream);
        public bool IsSecure => false;
        public SslProtocols SslProtocol => SslProtocols.None;

        public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("the bench's SMTP server offers no STARTTLS");

        public void Dispose() => client.Dispose();
    }

    private sealed class CountingStore : MessageStore
    {
        private int count;
        public int Count => Volatile.Read(ref count);

        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref count);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    private static string Seconds(List<double> s) => $"median {Median(s):F2} s, max {s.Max():F2} s";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
