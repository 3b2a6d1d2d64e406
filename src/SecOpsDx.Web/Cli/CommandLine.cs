using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Cli;

public static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;
    public const int AuditChainBroken = 3;
    /// <summary>Something the verb needs (the directory) did not answer.</summary>
    public const int Unavailable = 3;
}

/// <summary>Where a verb writes: its result on <see cref="Out"/>, notices and errors on <see cref="Error"/>.</summary>
public sealed record VerbConsole(TextWriter Out, TextWriter Error)
{
    public static VerbConsole Standard => new(Console.Out, Console.Error);
}

public delegate Task<int> VerbBody(IServiceProvider services, VerbArgs args, VerbConsole console, CancellationToken ct);

/// <summary>A verb as declared in <see cref="Verbs.All"/>; its usage text is made from these declarations.</summary>
public sealed record Verb(string Name, string Summary, IReadOnlyList<VerbArgument> Arguments, IReadOnlyList<VerbOption> Options, VerbBody Body, string? Details = null)
{
    public string Synopsis => string.Join(' ', new[] { Name }
        .Concat(Arguments.Select(a => a.Synopsis))
        .Concat(Options.Select(o => o.Required ? o.Synopsis : $"[{o.Synopsis}]")));
}

/// <summary>
/// Verbs run instead of the web server: `dotnet SecOpsDx.Web.dll VERB [arguments]`.
/// </summary>
public static class CommandLine
{
    private const string Invocation = "dotnet SecOpsDx.Web.dll";

    /// <summary>
    /// Whether the arguments name a verb rather than configure the web server. The server starts with no
    /// arguments or with host switches, and every one of those begins with '-' (`--urls X`, `--environment X`,
    /// `--contentRoot X`, `--SecOpsDx:Key=value`). So a first argument that does not begin with '-' is a verb,
    /// known or not: a misspelt verb is refused and never starts the server. `--help` and `-h` are verbs too.
    /// The consequence: configuration on the command line must be written `--key=value`, not bare `key=value`.
    /// </summary>
    public static bool IsVerb(IReadOnlyList<string> args) =>
        args.Count > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h");

    /// <summary>
    /// Reads the verb and its arguments without building the host. Returns the verb to run; or null with the
    /// exit code when there is nothing to run: help was shown (0) or the command line was refused (2).
    /// </summary>
    public static VerbCall? Parse(IReadOnlyList<string> args, VerbConsole console, out int exitCode)
    {
        exitCode = ExitCodes.Done;
        if (args.Count == 0 || args[0] is "help" or "--help" or "-h")
        {
            if (args.Count > 1) return Parse([args[1], "--help"], console, out exitCode);
            exitCode = args.Count == 0 ? ExitCodes.BadUsage : ExitCodes.Done;
            PrintVerbs(exitCode == ExitCodes.Done ? console.Out : console.Error);
            return null;
        }

        exitCode = ExitCodes.BadUsage;
        var verb = Find(args[0]);
        if (verb is null)
        {
            var hint = Closest(args[0], Verbs.All.Select(v => v.Name));
            console.Error.WriteLine($"error: unknown verb '{args[0]}'{(hint is null ? "" : $" (did you mean {hint}?)")}");
            console.Error.WriteLine();
            PrintVerbs(console.Error);
            return null;
        }

        var rest = args.Skip(1).ToList();
        if (rest.TakeWhile(a => a != "--").Any(a => a is "--help" or "-h"))
        {
            PrintUsage(verb, console.Out);
            exitCode = ExitCodes.Done;
            return null;
        }
        try
        {
            return new VerbCall(verb, VerbArgs.Parse(verb, rest));
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            console.Error.WriteLine();
            PrintUsage(verb, console.Error);
            return null;
        }
    }

    /// <summary>Parses and runs in one step (for an app already built).</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var console = new VerbConsole(output ?? Console.Out, error ?? Console.Error);
        var call = Parse(args, console, out var exitCode);
        return call is null ? exitCode : await call.RunAsync(app, console);
    }

    private static Verb? Find(string name) => Verbs.All.FirstOrDefault(v => v.Name == name);

    private static void PrintVerbs(TextWriter w)
    {
        w.WriteLine($"usage: {Invocation} VERB [arguments]   (no verb: start the web server)");
        w.WriteLine();
        w.WriteLine("verbs:");
        Table(w, Verbs.All.Select(v => (v.Name, v.Summary)));
        w.WriteLine();
        w.WriteLine($"'{Invocation} VERB --help' explains a verb's arguments.");
        w.WriteLine("exit codes: 0 done, 1 failed, 2 bad usage, 3 audit chain broken");
    }

    private static void PrintUsage(Verb verb, TextWriter w)
    {
        w.WriteLine($"usage: {Invocation} {verb.Synopsis}");
        w.WriteLine();
        w.WriteLine(verb.Summary);
        if (verb.Details is not null) w.WriteLine(verb.Details);
        if (verb.Arguments.Count + verb.Options.Count == 0) return;
        w.WriteLine();
        Table(w, verb.Arguments.Select(a => (a.Name, a.Help))
            .Concat(verb.Options.Select(o => (o.Synopsis, o.Required ? $"{o.Help} (required)" : o.Help))));
    }

    private static void Table(TextWriter w, IEnumerable<(string Term, string Text)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Term.Length) + 3;
        foreach (var (term, text) in list) w.WriteLine($"  {term.PadRight(width)}{text}");
    }

    /// <summary>The known name the typed one most likely meant: a slip of a letter or two, or a part of it.</summary>
    internal static string? Closest(string typed, IEnumerable<string> known) =>
        known.Select(k => (Name: k, Distance: Distance(typed, k)))
            .Where(c => c.Distance <= Math.Clamp(typed.Length / 3, 1, 2) || (typed.Length >= 4 && c.Name.Contains(typed, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Name)
            .FirstOrDefault();

    /// <summary>Edits (insert, delete, replace, swap two neighbours) that turn one word into the other.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}

/// <summary>A verb with its checked arguments, ready to run against the built host.</summary>
public sealed record VerbCall(Verb Verb, VerbArgs Args)
{
    public async Task<int> RunAsync(WebApplication app, VerbConsole console)
    {
        var tightened = app.Services.GetRequiredService<IOptions<SecOpsDxOptions>>().Value.EnsureDataDirectory();
        if (tightened.Count > 0)
            console.Error.WriteLine($"データフォルダのアクセス権を所有者のみに絞りました / data folder tightened to owner only (0600/0700): {tightened.Count} files and folders");
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<ActorOverride>().Actor = new AuditActor(null, $"cli:{Verb.Name}");
        try
        {
            if (Verb.Name != "migrate")
            {
                // Every verb works on an up-to-date schema.
                await DataServiceCollectionExtensions.MigrateAsync(sp.GetRequiredService<SecOpsDxDbContext>());
                await AccountProvisioning.EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());
            }
            return await Verb.Body(sp, Args, console, CancellationToken.None);
        }
        catch (VerbException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}

/// <summary>The verb could not do its work (exit code 1); the message says why.</summary>
public sealed class VerbException(string message) : Exception(message);
