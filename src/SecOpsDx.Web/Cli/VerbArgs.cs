using System.Globalization;

namespace SecOpsDx.Web.Cli;

/// <summary>A positional argument of a verb: required, unless <see cref="Optional"/> (optional ones come last).</summary>
public sealed record VerbArgument(string Name, string Help, bool Optional = false)
{
    public string Synopsis => Optional ? $"[{Name}]" : Name;
}

/// <summary>An option of a verb: `--name VALUE`, or a flag when <see cref="ValueName"/> is null.</summary>
public sealed record VerbOption(string Name, string? ValueName, string Help, bool Required = false, ValueCheck? Check = null)
{
    public string Synopsis => ValueName is null ? $"--{Name}" : $"--{Name} {ValueName}";
}

/// <summary>What a value must be; <see cref="Must"/> completes the error "--name must be ...".</summary>
public sealed record ValueCheck(string Must, Func<string, bool> Accepts)
{
    public static ValueCheck WholeNumber(int min, int max) =>
        new($"must be a whole number from {min} to {max}",
            v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max);

    public static readonly ValueCheck Email = new("must be an e-mail address", v => System.Net.Mail.MailAddress.TryCreate(v, out _));

    public static ValueCheck CommaSeparated(IReadOnlyList<string> allowed) =>
        new($"must be one or more of {string.Join(",", allowed)}, separated by commas",
            v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items
                 && items.All(i => allowed.Contains(i, StringComparer.OrdinalIgnoreCase)));
}

/// <summary>The command line of a verb is wrong: the message names the argument at fault.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The arguments of one verb, checked against what the verb declares: an unknown option, a missing required
/// one, a value that fails its check or a stray argument is refused before the verb runs.
/// </summary>
public sealed class VerbArgs
{
    private readonly Verb _verb;
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    private VerbArgs(Verb verb) => _verb = verb;

    public static VerbArgs Parse(Verb verb, IReadOnlyList<string> tokens)
    {
        var result = new VerbArgs(verb);
        var onlyPositional = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (onlyPositional || token == "-" || !token.StartsWith('-'))
            {
                if (result._positional.Count == verb.Arguments.Count)
                    throw new UsageException($"unexpected argument '{token}'");
                result._positional.Add(token);
                continue;
            }
            if (token == "--") { onlyPositional = true; continue; }

            var eq = token.IndexOf('=');
            var name = (eq < 0 ? token : token[..eq]).TrimStart('-');
            var option = token.StartsWith("--", StringComparison.Ordinal) ? verb.Options.FirstOrDefault(o => o.Name == name) : null;
            if (option is null)
            {
                var hint = CommandLine.Closest(name, verb.Options.Select(o => o.Name));
                throw new UsageException($"unknown option {(eq < 0 ? token : token[..eq])}{(hint is null ? "" : $" (did you mean --{hint}?)")}");
            }
            if (result._options.ContainsKey(name)) throw new UsageException($"--{name} is given twice");

            string? value;
            if (option.ValueName is null)
            {
                if (eq >= 0) throw new UsageException($"--{name} takes no value");
                value = null;
            }
            else
            {
                // A following switch is never taken as the value: `--name --scopes x` means --name was left empty.
                value = eq >= 0 ? token[(eq + 1)..]
                    : i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal) ? tokens[++i]
                    : null;
                if (string.IsNullOrWhiteSpace(value)) throw new UsageException($"--{name} needs a value ({option.ValueName})");
                if (option.Check is { } check && !check.Accepts(value))
                    throw new UsageException($"--{name} {check.Must}, not '{value}'");
            }
            result._options.Add(name, value);
        }

        if (verb.Options.FirstOrDefault(o => o.Required && !result._options.ContainsKey(o.Name)) is { } missing)
            throw new UsageException($"--{missing.Name} is required");
        if (result._positional.Count < verb.Arguments.Count(a => !a.Optional))
            throw new UsageException($"{verb.Arguments[result._positional.Count].Name} is required");
        return result;
    }

    public string Argument(string name)
    {
        var index = _verb.Arguments.Select(a => a.Name).ToList().IndexOf(name);
        return index >= 0 ? _positional[index] : throw Undeclared(name);
    }

    /// <summary>An optional argument, or null when it was not given.</summary>
    public string? OptionalArgument(string name)
    {
        var index = _verb.Arguments.Select(a => a.Name).ToList().IndexOf(name);
        return index >= 0 ? (index < _positional.Count ? _positional[index] : null) : throw Undeclared(name);
    }

    public bool Flag(string name) => Declared(name, flag: true) && _options.ContainsKey(name);

    public string? Value(string name) => Declared(name, flag: false) ? _options.GetValueOrDefault(name) : null;

    /// <summary>The value of an option declared with <see cref="ValueCheck.WholeNumber"/>, already checked.</summary>
    public int? Number(string name) => Value(name) is { } text ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : null;

    private bool Declared(string name, bool flag) =>
        _verb.Options.Any(o => o.Name == name && (o.ValueName is null) == flag) ? true : throw Undeclared(name);

    private InvalidOperationException Undeclared(string name) => new($"{_verb.Name} does not declare '{name}' that way");
}
