using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;

// A first argument that does not begin with '-' names a verb, known or not (CommandLine.IsVerb says why);
// help and a refused command line are answered before the host is built.
VerbCall? verb = null;
if (CommandLine.IsVerb(args))
{
    verb = CommandLine.Parse(args, VerbConsole.Standard, out var exitCode);
    if (verb is null) return exitCode;
}

// Settings files sit beside the executable, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = verb is null ? args : [],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddSecOpsDx();
if (verb is not null)
{
    // A verb's standard output is its result; diagnostics go to standard error, warnings and worse only.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
    builder.Logging.AddFilter("SecOpsDx", LogLevel.Warning);
    builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}

var app = builder.Build();

if (verb is not null)
    return await verb.RunAsync(app, VerbConsole.Standard);

try
{
    await app.PrepareDatabaseAsync();
}
catch (SecOpsDx.Core.Incidents.TaxonomyException e)
{
    Console.Error.WriteLine($"設定ファイルに誤りがあるため起動できません / cannot start, a configuration file is invalid: {e.Message}");
    return 2;
}
app.UseSecOpsDx();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests.</summary>
public partial class Program;
