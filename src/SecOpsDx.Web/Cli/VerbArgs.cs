using System.Globalization;

namespace SecOpsDx.Web.Cli;

/// <summary>Positional arguments and `--name value` / `--flag` options of one verb.</summary>
public sealed class VerbArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = [];
    private readonly List<string> _positional = [];
    private int _positionalUsed;

    public static VerbArgs Parse(IEnumerable<string> args)
    {
        var result = new VerbArgs();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                result._positional.Add(a);
                continue;
            }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            else if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) && !IsFlag(name)) value = list[++i];
            if (name.Length == 0) throw new ArgumentException($"bad option '{a}'");
            if (!result._options.TryAdd(name, value)) throw new ArgumentException($"option --{name} given twice");
        }
        return result;
    }

    /// <summary>Options that never take a value, so that `--skip-invalid FILE` keeps FILE positional.</summary>
    private static bool IsFlag(string name) => name is "skip-invalid" or "dry-run";

    public string Positional(string what)
    {
        if (_positionalUsed >= _positional.Count) throw new VerbException($"missing {what}");
        return _positional[_positionalUsed++];
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is not null) throw new VerbException($"--{name} takes no value");
        return true;
    }

    public string Required(string name) =>
        Optional(name) ?? throw new VerbException($"--{name} is required");

    public string? Optional(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        return string.IsNullOrWhiteSpace(v) ? throw new VerbException($"--{name} needs a value") : v;
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        var text = Optional(name);
        if (text is null) return defaultValue;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new VerbException($"--{name} must be a whole number from {min} to {max}");
        return n;
    }

    public void EnsureNoOthers()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0) throw new VerbException($"unknown option --{unknown[0]}");
        if (_positionalUsed < _positional.Count) throw new VerbException($"unexpected argument '{_positional[_positionalUsed]}'");
    }
}
