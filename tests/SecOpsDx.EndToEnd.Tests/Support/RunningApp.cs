using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SecOpsDx.EndToEnd.Tests.Support;

/// <summary>
/// The built SecOpsDx.Web started as its own process on 127.0.0.1 with a fresh SQLite file, exactly as
/// `dotnet SecOpsDx.Web.dll` runs in production, but in Development so that the demo city is seeded.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    public const string DemoPassword = "E2e-Pass-2026x";

    private readonly Process _process;
    private readonly List<string> _output = [];

    public Uri BaseUrl { get; private set; }
    public string DataDirectory { get; }

    private RunningApp(Process process, Uri baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();

    public static async Task<RunningApp> StartAsync(IDictionary<string, string>? settings = null)
    {
        var dll = LocateWebDll();
        var data = Path.Combine(Path.GetTempPath(), "secopsdx-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add("http://127.0.0.1:0");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["SecOpsDx__DataDirectory"] = data;
        psi.Environment["SecOpsDx__DemoStaffCount"] = "30";
        psi.Environment["SECOPSDX_DEMO_PASSWORD"] = DemoPassword;
        // Every browser of the suite signs in from 127.0.0.1: the per-client allowance of failed sign-ins is for
        // strangers, not for a test suite that types a wrong password on purpose now and then.
        psi.Environment["SecOpsDx__SignIn__FailedPerClient"] = "1000";
        psi.Environment["SecOpsDx__SignIn__FailedPerAccountAndClient"] = "1000";
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) psi.Environment[k] = v;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the app");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = new RunningApp(process, new Uri("http://127.0.0.1"), data);
        void OnLine(string? line)
        {
            if (line is null) return;
            lock (app._output) app._output.Add(line);
            var m = ListeningPattern().Match(line);
            if (m.Success) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the app exited:\n" + app.Output));

        var started = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (started != listening.Task)
        {
            await app.DisposeAsync();
            throw new TimeoutException("the app did not start within 90 s:\n" + app.Output);
        }
        app.BaseUrl = await listening.Task;
        return app;
    }

    public string Output
    {
        get { lock (_output) return string.Join('\n', _output); }
    }

    private static string LocateWebDll()
    {
        // tests/SecOpsDx.EndToEnd.Tests/bin/<Configuration>/net10.0 → src/SecOpsDx.Web/bin/<Configuration>/net10.0
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var tfm = Path.GetFileName(here);
        var configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        var root = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        var dll = Path.Combine(root, "src", "SecOpsDx.Web", "bin", configuration, tfm, "SecOpsDx.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/SecOpsDx.Web first", dll);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
