using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Demo;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

/// <summary>
/// The CISO's compliance summary over a seeded database: the demo city with many staff (five 年度 of training, the
/// policy set, the control catalogue) and many incidents. Prints the median and p95 of the whole summary in process
/// (repeated, and first after a change), of the dashboard page and the summary API over HTTP, of each area's reads,
/// and of one hand-written SQL query per headline figure with the ratio.
/// Usage: dotnet run -c Release --project bench/SecOpsDx.Bench -- --compliance [--staff 5000] [--incidents 2000] [--runs 20] [--data DIR] [--log-sql]
/// (with --data the seeded database stays in DIR and a later run with the same DIR reuses it, the same day).
/// </summary>
internal static class ComplianceBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var staff = Option(args, "--staff", 5000);
        var incidents = Option(args, "--incidents", 2000);
        var runs = Option(args, "--runs", 20);
        // --data DIR keeps the seeded database there and reuses it on the next run (seeding 50,000 staff takes minutes).
        var kept = Text(args, "--data");
        var data = kept ?? Path.Combine(Path.GetTempPath(), "secopsdx-bench", Guid.NewGuid().ToString("N"));
        var reuse = kept is not null && File.Exists(Path.Combine(kept, "secopsdx.db"));

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Configuration["SecOpsDx:DataDirectory"] = data;
        builder.Configuration["SecOpsDx:ConfigDirectory"] = Path.Combine(AppContext.BaseDirectory, "config");
        builder.Configuration["SecOpsDx:Jobs:Enabled"] = "false";
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        // The CISO's account is set-up, not what is measured: a cheap password hash keeps it short.
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1000);
        // Plain HTTP over loopback (no TLS proxy in front), so cookies follow the request's scheme.
        builder.Services.PostConfigure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.Logging.ClearProviders();
        if (args.Contains("--log-sql"))
        {
            // Every EF command with its time, to find which read a figure's time goes to.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information);
        }
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        await app.PrepareDatabaseAsync();

        var seed = Stopwatch.StartNew();
        if (!reuse)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            await DemoSeeding.SeedAsync(sp, staff, includeAccounts: false);
            var db = sp.GetRequiredService<SecOpsDxDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await DemoIncidents.SeedAsync(db, sp.GetRequiredService<IncidentTaxonomy>(), incidents, DateTimeOffset.UtcNow);
        }
        seed.Stop();

        // The CISO signs in to the dashboard page; a reporting system calls the summary API with a compliance:read token.
        string apiToken;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            await AccountProvisioning.EnsureUserAsync(sp.GetRequiredService<UserManager<ApplicationUser>>(), "ciso@example.jp", TrainingBench.Password, "CISO", Roles.Ciso);
            apiToken = (await sp.GetRequiredService<SecOpsDx.Core.Api.ApiTokenService>()
                .CreateAsync("bench " + Guid.NewGuid().ToString("N")[..8], [SecOpsDx.Core.Api.ApiScopes.ComplianceRead])).Token;
        }
        app.UseSecOpsDx();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var year = FiscalYear.Current(TimeProvider.System);
        var summaryTimes = new List<double>();
        var incidentTimes = new List<double>();
        var trainingTimes = new List<double>();
        var policyTimes = new List<double>();
        var controlTimes = new List<double>();
        ComplianceSummary? last = null;
        var coldTimes = new List<double>();
        var busyTimes = new List<double>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var queries = scope.ServiceProvider.GetRequiredService<ComplianceQueries>();
            var incidentQueries = scope.ServiceProvider.GetRequiredService<IncidentQueries>();
            var trainingQueries = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Training.Queries.TrainingQueries>();
            // The first view after any change recounts the ended 年度 too (their figures are kept only while nothing changes).
            var ended = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Training.Queries.EndedYearFigures>();
            for (var i = 0; i < runs + 2; i++)
            {
                ended.Forget();
                var cold = Stopwatch.StartNew();
                await queries.SummaryAsync(year);
                cold.Stop();
                if (i >= 2) coldTimes.Add(cold.Elapsed.TotalMilliseconds);
            }
            // The last weeks of a 年度: someone confirms this 年度's course between two views. Only this 年度 is counted
            // again; the ended ones stay kept.
            scope.ServiceProvider.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, "bench");
            var confirm = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Training.ConfirmTraining>();
            var paper = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Training.RecordPaperCompletion>();
            int course;
            List<int> pending;
            await using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<SecOpsDxDbContext>>().CreateDbContext())
            {
                course = await db.TrainingCourses.Where(c => c.FiscalYear == year.StartYear && c.Kind == SecOpsDx.Core.Training.TrainingKind.AllStaff && c.RetiredAt == null)
                    .Select(c => c.Id).FirstAsync();
                pending = await db.Staff.Where(s => s.RetiredOn == null && s.HiredOn < year.FirstDay
                        && !db.TrainingRecords.Any(r => r.CourseId == course && r.StaffMemberId == s.Id && r.Passed))
                    .OrderBy(s => s.Id).Select(s => s.Id).Take(200).ToListAsync();
            }
            await queries.SummaryAsync(year);
            var day = JapanTime.Today(TimeProvider.System);
            for (int i = 0, next = 0; i < runs + 2 && next < pending.Count; next++)
            {
                try
                {
                    await paper.ExecuteAsync(course, pending[next], day, "紙の受講票(ベンチマーク)", null);
                }
                catch (DomainException)
                {
                    continue; // not assigned the course (an employment category outside its audience and the like)
                }
                var watch = Stopwatch.StartNew();
                await queries.SummaryAsync(year);
                watch.Stop();
                if (i++ >= 2) busyTimes.Add(watch.Elapsed.TotalMilliseconds);
            }
            // Each read in a loop of its own (two runs to warm up), so that one read's garbage is not collected in another's time.
            async Task TimeReadAsync(List<double> into, Func<Task> read)
            {
                for (var i = 0; i < runs + 2; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await read();
                    watch.Stop();
                    if (i >= 2) into.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
            await TimeReadAsync(summaryTimes, async () => last = await queries.SummaryAsync(year));
            await TimeReadAsync(incidentTimes, () => incidentQueries.DashboardAsync(year));
            await TimeReadAsync(trainingTimes, () => trainingQueries.OverviewsAsync()); // every 年度 with courses, as the summary reads them
            // The policy area: the register and the acknowledgment counts of every top department.
            var policyQueries = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Policies.PolicyQueries>();
            await TimeReadAsync(policyTimes, async () =>
            {
                await policyQueries.RegisterAsync();
                await policyQueries.OrganisationAcknowledgmentsAsync();
            });
            // The control area: matrix, due list, exceptions.
            var controlQueries = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Separation.ControlQueries>();
            await TimeReadAsync(controlTimes, async () =>
            {
                await controlQueries.MatrixAsync();
                await controlQueries.DueAsync(day);
                await controlQueries.ExceptionsAsync(day);
            });
        }

        // Over HTTP, as people and systems get them: the dashboard page (rendered on the server) and the summary API.
        var pageTimes = new List<double>();
        var apiTimes = new List<double>();
        var ciso = await TrainingBench.SignedInClientAsync(address, "ciso@example.jp");
        using var api = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            using (var response = await ciso.GetAsync($"/compliance?year={year.StartYear}"))
            {
                var html = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK || !html.Contains("data-testid=\"compliance-scope\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"dashboard page: {(int)response.StatusCode}");
            }
            if (i >= 2) pageTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            using (var response = await api.GetAsync($"/api/v1/compliance/summary?fiscalYear={year.StartYear}"))
            {
                var json = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK || !json.Contains("\"staffCount\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"summary API: {(int)response.StatusCode}");
            }
            if (i >= 2) apiTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        await app.StopAsync();

        // Each headline figure once more, by one hand-written SQL query over the same SQLite file, checked against the app's.
        var database = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecOpsDxOptions>>().Value.DatabasePath;
        var s0 = last!;
        var hand = new List<(string Figure, double App, double Sql)>();
        var incidentHand = new List<(string Figure, double Ms)>();
        await using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            var today = JapanTime.Today(TimeProvider.System);
            var day = s0.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var parameters = new Dictionary<string, object>
            {
                ["$day"] = day, ["$year"] = year.StartYear, ["$today"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };

            var overall = await TimeAsync(connection, HandSql.TrainingOverall, parameters, runs, r => (r.GetInt64(0), r.GetInt64(1)));
            Check("training completed/assigned", (overall.Value[0].Item1, overall.Value[0].Item2), ((long)s0.Training.Overall.Completed, (long)s0.Training.Overall.Assigned));
            hand.Add(("training completion rate, overall", Percentile(trainingTimes, 50), overall.Median));

            var perDepartment = await TimeAsync(connection, HandSql.TrainingByDepartment, parameters, runs, r => (r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)));
            Check("training per department", string.Join(";", perDepartment.Value.OrderBy(x => x.Item1).Select(x => $"{x.Item1}:{x.Item2}/{x.Item3}")),
                string.Join(";", s0.Training.ByDepartment.Where(d => d.Rate.Assigned > 0).OrderBy(d => d.DepartmentId)
                    .Select(d => $"{d.DepartmentId}:{d.Rate.Completed}/{d.Rate.Assigned}")));
            hand.Add(("training completion rate, per department", Percentile(trainingTimes, 50), perDepartment.Median));

            var acks = await TimeAsync(connection, HandSql.PolicyAcknowledgments, parameters, runs, r => (r.GetInt64(0), r.GetInt64(1)));
            Check("policy acknowledged/applicable", (acks.Value[0].Item1, acks.Value[0].Item2), ((long)s0.Policies.Acknowledged, (long)s0.Policies.Applicable));
            hand.Add(("policy acknowledgment rate", Percentile(policyTimes, 50), acks.Median));

            // The incident area: one hand-written query per figure it shows, each checked against the app's, and the
            // area's own read set against their sum.
            var open = await TimeAsync(connection, HandSql.IncidentsOpenBySeverity, parameters, runs, r => (r.IsDBNull(0) ? "" : r.GetString(0), r.GetInt64(1)));
            Check("open incidents by severity", string.Join(";", open.Value.OrderBy(x => x.Item1, StringComparer.Ordinal).Select(x => $"{x.Item1}:{x.Item2}")),
                string.Join(";", s0.Incidents!.BySeverity.Where(x => x.Count > 0).Select(x => (Severity: x.Severity ?? "", x.Count)).OrderBy(x => x.Severity, StringComparer.Ordinal).Select(x => $"{x.Severity}:{x.Count}")));
            var byState = await TimeAsync(connection, HandSql.IncidentsOpenByState, parameters, runs, r => (r.GetString(0), r.GetInt64(1)));
            Check("open incidents by state", string.Join(";", byState.Value.OrderBy(x => x.Item1, StringComparer.Ordinal).Select(x => $"{x.Item1}:{x.Item2}")),
                string.Join(";", s0.Incidents!.ByState.Where(x => x.Count > 0).Select(x => (State: x.Status.ToString(), x.Count)).OrderBy(x => x.State, StringComparer.Ordinal).Select(x => $"{x.State}:{x.Count}")));

            var now = DateTimeOffset.UtcNow;
            var settings = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecOpsDx.Core.Compliance.ComplianceSettings>>().Value;
            parameters["$now"] = now.UtcTicks;
            parameters["$soon"] = now.AddHours(settings.PpcDueSoonHours).UtcTicks;
            var ppc = await TimeAsync(connection, HandSql.PpcMissedAndSoon, parameters, runs, r => (r.GetInt64(0), r.GetInt64(1)));
            Check("PPC reports missed / due soon", (ppc.Value[0].Item1, ppc.Value[0].Item2), ((long)s0.Incidents!.PpcMissed, (long)s0.Incidents.PpcDueSoon));

            var ticks = (DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(9)).UtcTicks;
            parameters["$from"] = ticks(year.FirstDay);
            parameters["$to"] = ticks(year.Next.FirstDay);
            var months = await TimeAsync(connection, HandSql.IncidentsReceivedAndClosedByMonth, parameters, runs, r => (r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
            Check("incidents received and closed per month",
                string.Join(";", months.Value.Where(x => x.Item2 + x.Item3 > 0).OrderBy(x => x.Item1, StringComparer.Ordinal).Select(x => $"{x.Item1}:{x.Item2}/{x.Item3}")),
                string.Join(";", s0.Incidents!.Months.Where(m => m.Received + m.Closed > 0).Select(m => $"{m.Year:0000}-{m.Month:00}:{m.Received}/{m.Closed}")));
            var monthly = await TimeAsync(connection, HandSql.IncidentsByMonthAndCategory, parameters, runs, r => (r.GetString(0), r.GetString(1), r.GetInt64(2)));
            Check("incidents per month and category",
                string.Join(";", monthly.Value.OrderBy(x => x.Item1, StringComparer.Ordinal).ThenBy(x => x.Item2, StringComparer.Ordinal).Select(x => $"{x.Item1}/{x.Item2}:{x.Item3}")),
                string.Join(";", s0.Incidents!.MonthsByCategory.Select(m => (Month: $"{m.Year:0000}-{m.Month:00}", m.Category, m.Count))
                    .OrderBy(x => x.Month, StringComparer.Ordinal).ThenBy(x => x.Category, StringComparer.Ordinal).Select(x => $"{x.Month}/{x.Category}:{x.Count}")));
            double? Hours(SqliteDataReader r) => r.IsDBNull(0) ? null : Math.Round(r.GetDouble(0), 1);
            var triage = await TimeAsync(connection, HandSql.MedianHoursToTriage, parameters, runs, Hours);
            Check("median hours to triage", triage.Value[0], s0.Incidents!.MedianHoursToTriage);
            var close = await TimeAsync(connection, HandSql.MedianHoursToClose, parameters, runs, Hours);
            Check("median hours to close", close.Value[0], s0.Incidents!.MedianHoursToClose);

            var incidentSql = new (string Figure, double Ms)[]
            {
                ("open by severity", open.Median), ("open by state", byState.Median), ("PPC reports missed / due soon", ppc.Median),
                ("received and closed per month", months.Median), ("per month and category", monthly.Median),
                ("median hours to triage", triage.Median), ("median hours to close", close.Median),
            };
            foreach (var (figure, ms) in incidentSql) incidentHand.Add((figure, ms));
            hand.Add(("incident area, its seven figures", Percentile(incidentTimes, 50), incidentSql.Sum(x => x.Ms)));
        }

        var s = last!;
        Console.WriteLine($"compliance summary: {staff} staff ({s.StaffCount} in post), {incidents} generated incidents + demo stories, seeded in {seed.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  figures: training {s.Training.Overall.Completed}/{s.Training.Overall.Assigned}, {s.Training.ByDepartment.Count} departments, " +
                          $"{s.Policies.DocumentsInForce} policies in force, {s.Controls.BySegment.Count} segments, {s.Incidents!.Open} open incidents");
        Console.WriteLine($"  whole summary (in process)         median {Percentile(summaryTimes, 50),8:0.0} ms   p95 {Percentile(summaryTimes, 95),8:0.0} ms   {(staff >= 50_000 ? "(target < 300 ms at 50,000 staff)" : "(target < 100 ms at 5,000 staff)")}");
        Console.WriteLine($"  whole summary, first after a change median {Percentile(coldTimes, 50),7:0.0} ms   p95 {Percentile(coldTimes, 95),8:0.0} ms   (every 年度 recounted)");
        Console.WriteLine(busyTimes.Count == 0 ? "  whole summary, after this 年度's record: nobody left to record"
            : $"  whole summary, after this 年度's record median {Percentile(busyTimes, 50),6:0.0} ms   p95 {Percentile(busyTimes, 95),8:0.0} ms   (a paper sheet of this 年度 before each view; ended 年度 stay kept)");
        Console.WriteLine($"  dashboard page GET /compliance     median {Percentile(pageTimes, 50),8:0.0} ms   p95 {Percentile(pageTimes, 95),8:0.0} ms   (HTTP, rendered on the server)");
        Console.WriteLine($"  summary API GET /api/v1/compliance/summary median {Percentile(apiTimes, 50),0:0.0} ms   p95 {Percentile(apiTimes, 95),0:0.0} ms   (HTTP, JSON)");
        Console.WriteLine($"  training overview it reads         median {Percentile(trainingTimes, 50),8:0.0} ms   p95 {Percentile(trainingTimes, 95),8:0.0} ms");
        Console.WriteLine($"  policy register + acknowledgments  median {Percentile(policyTimes, 50),8:0.0} ms   p95 {Percentile(policyTimes, 95),8:0.0} ms   (the organisation in one pass)");
        Console.WriteLine($"  control matrix, due list, exceptions median {Percentile(controlTimes, 50),6:0.0} ms   p95 {Percentile(controlTimes, 95),8:0.0} ms");
        Console.WriteLine($"  incident statistics it reads       median {Percentile(incidentTimes, 50),8:0.0} ms   p95 {Percentile(incidentTimes, 95),8:0.0} ms");
        Console.WriteLine("  per figure: the app's read (median) / one hand-written SQL query (median), goal within 1.5x");
        foreach (var (figure, appMs, sqlMs) in hand)
            Console.WriteLine($"    {figure,-42} app {appMs,8:0.0} ms   SQL {sqlMs,8:0.0} ms   ratio {appMs / sqlMs,5:0.0}x");
        Console.WriteLine($"      (the incident area's hand-written queries: {string.Join(", ", incidentHand.Select(x => $"{x.Figure} {x.Ms:0.0} ms"))})");
        Console.WriteLine("    (controls per segment: no hand-written SQL, the matrix's applicability comes from the catalogue file, not the database)");
        Console.WriteLine($"  machine load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (kept is null) try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        return 0;
    }

    private static void Check<T>(string figure, T fromSql, T fromApp)
    {
        if (!EqualityComparer<T>.Default.Equals(fromSql, fromApp))
            throw new InvalidOperationException($"{figure}: the hand-written SQL gives {fromSql}, the app {fromApp}");
    }

    private static async Task<(List<T> Value, double Median)> TimeAsync<T>(SqliteConnection connection, string sql, Dictionary<string, object> parameters,
        int runs, Func<SqliteDataReader, T> read)
    {
        var times = new List<double>();
        var rows = new List<T>();
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
                if (sql.Contains(name, StringComparison.Ordinal)) command.Parameters.AddWithValue(name, value);
            await using var reader = await command.ExecuteReaderAsync();
            rows = [];
            while (await reader.ReadAsync()) rows.Add(read(reader));
            watch.Stop();
            if (i >= 2) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return (rows, Percentile(times, 50));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
