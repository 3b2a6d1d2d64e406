using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Policies.Sync;
using SecOpsDx.Web.Hosting;

/// <summary>
/// The policy register at scale: 5,000 staff, 30 documents in force, most of them acknowledged by most staff.
/// Times the CISO's register and the acknowledgment page of the largest 部 as the browser receives them (server
/// rendering over loopback HTTP), and a 新旧対照表 of two forty-page revisions (the comparison alone and the page).
/// Usage: dotnet run -c Release --project bench/SecOpsDx.Bench -- --policies [--staff 5000] [--requests 30] [--keep]
/// </summary>
public static class PolicyBench
{
    private const string Password = "Bench-Pass-2026x";

    public static async Task<int> RunAsync(string[] args)
    {
        var staffCount = Option(args, "--staff", 5_000);
        var requests = Option(args, "--requests", 30);
        var data = Path.Combine(Path.GetTempPath(), "secopsdx-bench", Guid.NewGuid().ToString("N"));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration["SecOpsDx:DataDirectory"] = data;
        builder.Configuration["SecOpsDx:ConfigDirectory"] = Path.Combine(AppContext.BaseDirectory, "config");
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync();

        var seed = Stopwatch.StartNew();
        int departmentId, oldRevision, newRevision, documents;
        long acknowledgments;
        string oldText, newText;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            var now = DateTimeOffset.UtcNow;
            await DemoOrganization.SeedAsync(db, staffCount, JapanTime.DateOf(now));
            var (user, _) = await AccountProvisioning.EnsureUserAsync(sp.GetRequiredService<UserManager<ApplicationUser>>(), "ciso@bench.example.jp", Password, "CISO", Roles.Ciso);

            var sync = sp.GetRequiredService<SyncPolicies>();
            var shipped = Path.Combine(AppContext.BaseDirectory, "policies");
            await sync.ExecuteAsync(Path.Combine(shipped, "history"), mayApprove: true);
            await sync.ExecuteAsync(shipped, mayApprove: true);
            var extra = Path.Combine(data, "extra-policies");
            Directory.CreateDirectory(extra);
            var existing = await db.PolicyDocuments.CountAsync();
            for (var i = existing; i < 29; i++)
                await File.WriteAllTextAsync(Path.Combine(extra, $"proc-{i:D2}.md"), FrontMatter($"proc-{i:D2}", $"業務別実施手順 その{i}", 1, "2025-04-01") + Long(40, i, variant: -1));
            await sync.ExecuteAsync(extra, mayApprove: true);
            // The forty-page document, in force as version 1, with version 2 approved for next year.
            oldText = Long(400, 0, variant: -1);
            newText = Long(400, 0, variant: 3);
            var big = Path.Combine(data, "big");
            Directory.CreateDirectory(big);
            await File.WriteAllTextAsync(Path.Combine(big, "big.md"), FrontMatter("big-standard", "大部の対策基準", 1, "2025-04-01") + oldText);
            await sync.ExecuteAsync(big, mayApprove: true);
            await File.WriteAllTextAsync(Path.Combine(big, "big.md"), FrontMatter("big-standard", "大部の対策基準", 2, "2099-04-01") + newText);
            await sync.ExecuteAsync(big, mayApprove: true);
            oldRevision = await db.PolicyRevisions.Where(r => r.Document!.Slug == "big-standard" && r.Number == 1).Select(r => r.Id).SingleAsync();
            newRevision = await db.PolicyRevisions.Where(r => r.Document!.Slug == "big-standard" && r.Number == 2).Select(r => r.Id).SingleAsync();
            documents = await db.PolicyDocuments.CountAsync();

            // Acknowledgments: four in five staff for each document in force, written directly (the bench measures reads).
            var queries = sp.GetRequiredService<PolicyQueries>();
            var inForce = (await queries.RegisterAsync()).Where(r => r.InForceNumber is not null).ToList();
            var revisionIds = await db.PolicyRevisions.Select(r => new { r.DocumentId, r.Number, r.Id }).ToListAsync();
            var staff = await db.Staff.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var sql = new StringBuilder();
            var rows = 0;
            foreach (var d in inForce)
            {
                var revisionId = revisionIds.Single(r => r.DocumentId == d.DocumentId && r.Number == d.InForceNumber).Id;
                for (var s = 0; s < staff.Count; s++)
                {
                    if ((s + d.DocumentId) % 5 == 0) continue;
                    sql.Append(sql.Length == 0 ? "INSERT INTO PolicyAcknowledgments (StaffId, DocumentId, RevisionId, RevisionNumber, AcknowledgedAt, ClientAddress) VALUES " : ",")
                       .Append($"({staff[s]},{d.DocumentId},{revisionId},{d.InForceNumber},{now.UtcTicks},'10.0.0.1')");
                    if (++rows % 1000 == 0) { await db.Database.ExecuteSqlRawAsync(sql.ToString()); sql.Clear(); }
                }
            }
            if (sql.Length > 0) await db.Database.ExecuteSqlRawAsync(sql.ToString());
            await tx.CommitAsync();
            acknowledgments = rows;
            // The largest 部 by staff in post, with its 課.
            departmentId = (await db.Departments.Where(x => x.ParentId == null)
                .Select(x => new { x.Id, Count = db.Staff.Count(s => s.DepartmentId == x.Id || s.Department!.ParentId == x.Id) })
                .OrderByDescending(x => x.Count).FirstAsync()).Id;
        }
        seed.Stop();

        app.UseSecOpsDx();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // Outside Development the app marks its cookies Secure; over loopback HTTP the bench carries them itself.
        using var client = new HttpClient(new CookieCarrier(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })) { BaseAddress = new Uri(address) };
        await SignInAsync(client);

        var register = await TimeAsync(client, "/policies/register", "data-testid=\"register-row\"", requests);
        var manager = await TimeAsync(client, $"/policies/acknowledgments?dept={departmentId}", "data-testid=\"rate-row\"", requests);
        var comparePage = await TimeAsync(client, $"/policies/compare/{oldRevision}/{newRevision}", "data-testid=\"comparison-row\"", requests);
        var managerQuery = new List<double>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<PolicyQueries>();
            for (var i = 0; i < requests + 3; i++)
            {
                var w = Stopwatch.StartNew();
                await queries.DepartmentAcknowledgmentsAsync(departmentId);
                w.Stop();
                if (i >= 3) managerQuery.Add(w.Elapsed.TotalMilliseconds);
            }
        }
        var compareAlone = new List<double>();
        for (var i = 0; i < requests + 3; i++)
        {
            var w = Stopwatch.StartNew();
            AmendmentComparison.Compare(oldText, newText);
            w.Stop();
            if (i >= 3) compareAlone.Add(w.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"seeded {staffCount:N0} staff, {documents} documents, {acknowledgments:N0} acknowledgments in {seed.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"forty-page revision: {oldText.Length:N0} characters (old), {newText.Length:N0} (new)");
        Console.WriteLine($"GET /policies/register (n={requests}): {Summary(register)}");
        Console.WriteLine($"GET /policies/acknowledgments, largest 部 (n={requests}): {Summary(manager)}");
        Console.WriteLine($"PolicyQueries.DepartmentAcknowledgmentsAsync alone (n={requests}): {Summary(managerQuery)}");
        Console.WriteLine($"GET /policies/compare (n={requests}): {Summary(comparePage)}");
        Console.WriteLine($"AmendmentComparison.Compare alone (n={requests}): {Summary(compareAlone)}");
        var ok = Median(register) < 150 && Median(manager) < 150 && Median(comparePage) < 500;
        Console.WriteLine(ok ? "targets met: register and manager page < 150 ms, 新旧対照表 < 500 ms (medians)" : "TARGET MISSED (medians: register/manager < 150 ms, comparison < 500 ms)");

        await app.StopAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (args.Contains("--keep")) Console.WriteLine($"database kept: {Path.Combine(data, "secopsdx.db")}");
        else try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return ok ? 0 : 1;
    }

    private sealed class CookieCarrier(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var line in set)
                {
                    var pair = line.Split(';')[0];
                    var eq = pair.IndexOf('=');
                    if (eq > 0) _cookies[pair[..eq]] = pair[(eq + 1)..];
                }
            return response;
        }
    }

    private static async Task SignInAsync(HttpClient client)
    {
        var html = await client.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "login", ["Input.Email"] = "ciso@bench.example.jp", ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode}");
    }

    private static async Task<List<double>> TimeAsync(HttpClient client, string path, string mustContain, int requests)
    {
        var times = new List<double>();
        for (var i = 0; i < requests + 3; i++)
        {
            var w = Stopwatch.StartNew();
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            w.Stop();
            if (!response.IsSuccessStatusCode || !html.Contains(mustContain, StringComparison.Ordinal))
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}, expected content missing");
            if (i >= 3) times.Add(w.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    private static string FrontMatter(string id, string title, int version, string effective) =>
        $"---\nid: {id}\ntitle: {title}\nkind: 実施手順\nversion: {version}\neffective: {effective}\nowner: \"1030\"\nguideline: r7-03\napproved: true\n---\n";

    /// <summary>About 120 characters per article; 400 articles make some forty A4 pages of Japanese text.</summary>
    private static string Long(int articles, int seed, int variant) => "# 規程\n\n" + string.Join("\n\n", Enumerable.Range(1, articles).Select(i =>
        $"### 第{i}条(事項{i + seed})\n\n職員等は、第{i}条に定める事項について、情報セキュリティ管理者の指示に従い、業務の遂行に必要な範囲で適切に取り扱わなければならない。" +
        (variant >= 0 && i % 10 == variant ? "ただし、CISOが特に認めた場合はこの限りでない。" : "") +
        $"\n\n2 前項の取扱いの状況は、毎年度点検し、その結果を記録する。"));

    private static string Summary(List<double> ms) =>
        $"median {Median(ms):F1} ms, p95 {Percentile(ms, 95):F1} ms, max {ms.Max():F1} ms";

    private static double Median(List<double> ms) => Percentile(ms, 50);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
