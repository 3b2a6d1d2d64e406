using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The built executable started as an operator or a script starts it: what reaches standard output,
/// standard error and the exit code, and whether the web server starts.
/// </summary>
public sealed class CommandLineProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "secopsdx-cli-process-tests", Guid.NewGuid().ToString("N"));

    private async Task<(int ExitCode, string Output, string Error)> StartAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SecOpsDx.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["SecOpsDx__DataDirectory"] = _data;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("SECOPSDX_ADMIN_PASSWORD");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{string.Join(' ', args)}' did not exit within 90 s (is it serving?)");
        }
        return (process.ExitCode, await output, await error);
    }


    private async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration["SecOpsDx:DataDirectory"] = _data;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    [Fact]
    public async Task A_misspelt_verb_exits_2_with_the_list_of_verbs_and_never_starts_the_server()
    {
        var port = Support.Loopback.FreePort();
        var url = $"http://127.0.0.1:{port}";

        // A server would run until stopped; the process must end by itself, having said why.
        var (code, output, error) = await StartAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = url },
            "import-staf", "roster.csv", "--urls", url);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: unknown verb 'import-staf' (did you mean import-staff?)", error);
        Assert.Contains("  import-staff ", error);
        Assert.DoesNotContain("Now listening", error);
        Assert.False(Directory.Exists(_data), "the refused command must not create the data folder");
    }

    [Fact]
    public async Task Create_api_token_prints_only_the_token_and_that_token_authenticates()
    {
        var (code, output, error) = await StartAsync(null, "create-api-token", "--name", "monitor", "--scopes", "incidents:write,incidents:read");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var token = Assert.Single(lines);
        Assert.StartsWith("sdx_", token);
        Assert.Contains("not shown again", error);
        Assert.DoesNotContain(token, error);

        var client = await WithServicesAsync(sp => sp.GetRequiredService<ApiTokenService>().AuthenticateAsync(token));
        Assert.NotNull(client);
        Assert.Equal("monitor", client.Name);
        Assert.Equal([ApiScopes.IncidentsWrite, ApiScopes.IncidentsRead], client.Scopes);
    }

    [Fact]
    public async Task Create_admin_prints_only_a_generated_password_and_nothing_when_the_password_is_given()
    {
        var (code, output, error) = await StartAsync(null, "create-admin", "--email", "root@city.example.jp");

        Assert.Equal(0, code);
        var password = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.Contains("administrator created: root@city.example.jp", error);
        Assert.DoesNotContain(password, error);
        Assert.True(await WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByEmailAsync("root@city.example.jp");
            return user is not null && await users.CheckPasswordAsync(user, password) && await users.IsInRoleAsync(user, Roles.Admin);
        }), "the printed password signs the new administrator in");

        var (givenCode, givenOutput, givenError) = await StartAsync(
            new Dictionary<string, string> { ["SECOPSDX_ADMIN_PASSWORD"] = "Given-Pass-2026x" }, "create-admin", "--email", "second@city.example.jp");
        Assert.Equal(0, givenCode);
        Assert.Equal("", givenOutput);
        Assert.Contains("administrator created: second@city.example.jp", givenError);
    }

    [Fact]
    public async Task A_sender_killed_half_way_loses_nothing_and_resends_at_most_the_one_message_it_was_marking()
    {
        await using var smtp = new Support.TestSmtpServer { AcceptDelay = TimeSpan.FromMilliseconds(150) };
        await smtp.StartAsync();
        var environment = smtp.AppSettings().ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value!);
        Assert.Equal(0, (await StartAsync(environment, "migrate")).ExitCode);
        const int count = 30;
        await WithServicesAsync(async sp => await sp.GetRequiredService<SecOpsDx.Core.Mail.Outbox>().EnqueueAsync(
            Enumerable.Range(1, count).Select(i => new SecOpsDx.Core.Mail.OutgoingMail($"kill-{i}", "test", $"person{i}@city.example.jp", null,
                $"【SecOpsDx】停止試験 {i}", "本文", null)).ToList()));

        // The sender is killed (as by a power cut) while the server is taking the messages one by one.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SecOpsDx.Web.dll"));
        start.ArgumentList.Add("run-job");
        start.ArgumentList.Add("send-mail");
        start.Environment["SecOpsDx__DataDirectory"] = _data;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using (var sender = Process.Start(start)!)
        {
            for (var i = 0; i < 600 && smtp.Received.Count < 5 && !sender.HasExited; i++) await Task.Delay(50);
            Assert.False(sender.HasExited, "the sender was still at work when it was killed");
            sender.Kill(entireProcessTree: true);
            await sender.WaitForExitAsync();
        }
        var beforeRestart = smtp.Received.Count;
        Assert.InRange(beforeRestart, 5, count - 1);

        smtp.AcceptDelay = TimeSpan.Zero;
        var (code, _, _) = await StartAsync(environment, "run-job", "send-mail");

        Assert.Equal(0, code);
        var subjects = smtp.Received.Select(m => m.Subject).ToList();
        Assert.All(Enumerable.Range(1, count), i => Assert.Contains($"【SecOpsDx】停止試験 {i}", subjects));
        Assert.InRange(subjects.Count - count, 0, 1);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
