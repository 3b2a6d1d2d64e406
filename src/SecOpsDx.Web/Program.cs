using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;

var builder = WebApplication.CreateBuilder(CommandLine.HostArguments(args));
builder.AddSecOpsDx();

var app = builder.Build();

if (CommandLine.IsVerb(args))
    return await CommandLine.RunAsync(app, args);

await app.PrepareDatabaseAsync();
app.UseSecOpsDx();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the integration tests.</summary>
public partial class Program;
