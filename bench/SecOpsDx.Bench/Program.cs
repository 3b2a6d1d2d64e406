using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Web.Hosting;

// `training` as the first argument runs the training benchmark instead (TrainingBench.cs).
if (args.Length > 0 && args[0] == "training") return await TrainingBench.RunAsync(args);

// Measures the incident intake API of the real app over loopback HTTP, on a SQLite file that already holds
// many incidents. Usage: dotnet run -c Release --project bench/SecOpsDx.Bench -- [--incidents 20000] [--requests 500]
// With --policies it measures the policy register instead (PolicyBench.cs).
if (args.Contains("--policies")) return await PolicyBench.RunAsync(args);
// or -- --matrix [--systems 200] for the three-layer matrix.
// --matrix measures the three-layer matrix instead (MatrixBench.cs).
// --compliance times the CISO's compliance summary (ComplianceBench.cs).
// --reminders [--staff 10000] [--runs 5] [--mails 2000] [--mail-rounds 3] times the reminder rules and the mail sender (RemindersBench.cs).
if (args.Contains("--reminders")) return await RemindersBench.RunAsync(args);
if (args.Contains("--compliance")) return await ComplianceBench.RunAsync(args);
if (args.Contains("--matrix"))
{
    return await MatrixBench.RunAsync(args);
}
var incidents = Option("--incidents", 20_000);
var requests = Option("--requests", 500);
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
string token;
await using (var scope = app.Services.CreateAsyncScope())
{
    scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
    await DemoIncidents.SeedAsync(scope.ServiceProvider.GetRequiredService<SecOpsDxDbContext>(),
        scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Incidents.IncidentTaxonomy>(), incidents, DateTimeOffset.UtcNow);
    token = (await scope.ServiceProvider.GetRequiredService<ApiTokenService>().CreateAsync("bench", [ApiScopes.IncidentsWrite, ApiScopes.IncidentsRead])).Token;
}
seed.Stop();

app.UseSecOpsDx();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var client = new HttpClient { BaseAddress = new Uri(address) };
client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

const string body = """
    {"title":"EDRがマルウェアを検知","description":"端末で不審なプロセスを検知","category":"malware","source":"system","severity":"high",
     "reporter":{"name":"監視センター","organization":"SOC"},"personalDataInvolved":false,"segment":"lgwan"}
    """;

async Task<double> PostOnceAsync()
{
    var watch = Stopwatch.StartNew();
    using var response = await client.PostAsync("/api/v1/incidents", new StringContent(body, Encoding.UTF8, "application/json"));
    watch.Stop();
    if ((int)response.StatusCode != 201) throw new InvalidOperationException($"unexpected {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    return watch.Elapsed.TotalMilliseconds;
}

async Task<double> GetListOnceAsync()
{
    var watch = Stopwatch.StartNew();
    using var response = await client.GetAsync("/api/v1/incidents?limit=50");
    watch.Stop();
    response.EnsureSuccessStatusCode();
    return watch.Elapsed.TotalMilliseconds;
}

for (var i = 0; i < 50; i++) await PostOnceAsync();
var posts = new List<double>(requests);
for (var i = 0; i < requests; i++) posts.Add(await PostOnceAsync());
var lists = new List<double>(100);
for (var i = 0; i < 100; i++) lists.Add(await GetListOnceAsync());

var dbSize = new FileInfo(Path.Combine(data, "secopsdx.db")).Length;
Console.WriteLine($"incidents stored before the run : {incidents:N0} (seeded in {seed.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"POST /api/v1/incidents (n={requests}): {Summary(posts)}");
Console.WriteLine($"GET  /api/v1/incidents?limit=50 (n=100): {Summary(lists)}");
Console.WriteLine($"database file: {dbSize / 1024.0 / 1024.0:F1} MiB; process working set: {Environment.WorkingSet / 1024.0 / 1024.0:F0} MiB; managed heap: {GC.GetTotalMemory(false) / 1024.0 / 1024.0:F0} MiB");
var median = Percentile(posts, 50);
Console.WriteLine(median < 20 ? $"target met: median {median:F2} ms < 20 ms" : $"TARGET MISSED: median {median:F2} ms >= 20 ms");

await app.StopAsync();
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try { Directory.Delete(data, recursive: true); } catch (IOException) { }
return median < 20 ? 0 : 1;

static string Summary(List<double> ms) =>
    $"median {Percentile(ms, 50):F2} ms, p95 {Percentile(ms, 95):F2} ms, p99 {Percentile(ms, 99):F2} ms, mean {ms.Average():F2} ms, max {ms.Max():F2} ms";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}
