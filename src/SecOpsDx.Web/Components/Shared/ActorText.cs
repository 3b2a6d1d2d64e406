using Microsoft.Extensions.Localization;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// Who did something, as a reader says it. People are stored by name or address and shown as stored; the app's own
/// actors are stored as codes ("system:startup", "job:reminders", "cli:sync-policies", "directory:sato") and are
/// worded here, so no code reaches the screen.
/// </summary>
public static class ActorText
{
    public static string Display(IStringLocalizer<SharedText> words, string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored)) return "";
        string? Word(string key, params object[] args) => words.GetString(key, args) is { ResourceNotFound: false } w ? w.Value : null;
        return stored switch
        {
            "system:startup" => Word("Actor.Startup") ?? stored,
            "system" => Word("Actor.System") ?? stored,
            "anonymous" => Word("Actor.Anonymous") ?? stored,
            _ when stored.StartsWith("job:", StringComparison.Ordinal) =>
                Word($"Actor.Job.{stored[4..]}") ?? Word("Actor.Job", stored[4..]) ?? stored,
            _ when stored.StartsWith("run-job ", StringComparison.Ordinal) =>
                Word($"Actor.Job.{stored[8..]}") is { } job ? Word("Actor.ByHand", job) ?? stored : stored,
            _ when stored.StartsWith("cli:", StringComparison.Ordinal) => Word("Actor.Command", stored[4..]) ?? stored,
            _ when stored.StartsWith("directory:", StringComparison.Ordinal) => stored["directory:".Length..],
            "sync-directory" => Word("Actor.Job.sync-directory") ?? stored,
            _ => stored,
        };
    }
}
