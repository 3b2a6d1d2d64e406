using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace SecOpsDx.Core.Auditing;

/// <summary>
/// Captures what a SaveChanges is about to do and turns it into chained <see cref="AuditEntry"/> rows.
/// Split in two steps because generated keys are known only after the first save.
/// </summary>
internal sealed class AuditRecorder
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Credentials and stamps: the audit says they changed, never what they are.</summary>
    private static readonly HashSet<string> MaskedProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "SecretHash"];

    /// <summary>Identity's token and login tables hold secrets (authenticator keys) and add nothing for an auditor.</summary>
    private static readonly HashSet<Type> IgnoredTypes =
    [
        typeof(AuditEntry), typeof(IdentityUserToken<string>), typeof(IdentityUserLogin<string>),
        typeof(IdentityUserPasskey<string>),
        // The outbox is a log of mail, shown to the Admin on its own page; copying every body into the trail adds nothing.
        typeof(Mail.OutboxMessage),
        // Job runs are the scheduler's own log (every five minutes), shown on the same page; they change no one's data.
        typeof(Mail.JobRun),
    ];

    private sealed record Pending(EntityEntry Entry, string Action, string? KeyBeforeSave, Dictionary<string, object?> Changes);

    private readonly List<Pending> _pending = [];

    public bool HasChanges => _pending.Count > 0;

    public static bool IsAudited(EntityEntry entry) =>
        !IgnoredTypes.Contains(entry.Metadata.ClrType) && !entry.Metadata.IsOwned();

    public void Capture(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (!IsAudited(entry)) continue;
            switch (entry.State)
            {
                case EntityState.Added:
                    _pending.Add(new Pending(entry, AuditActions.Insert, null, []));
                    break;
                case EntityState.Modified:
                    var changed = new Dictionary<string, object?>();
                    foreach (var p in entry.Properties)
                    {
                        if (!p.IsModified || Equals(p.OriginalValue, p.CurrentValue)) continue;
                        changed[p.Metadata.Name] = new Dictionary<string, string?>
                        {
                            ["old"] = Render(p.Metadata.Name, p.OriginalValue),
                            ["new"] = Render(p.Metadata.Name, p.CurrentValue),
                        };
                    }
                    if (changed.Count > 0)
                        _pending.Add(new Pending(entry, AuditActions.Update, KeyOf(entry), changed));
                    break;
                case EntityState.Deleted:
                    var old = entry.Properties.ToDictionary(
                        p => p.Metadata.Name,
                        p => (object?)new Dictionary<string, string?> { ["old"] = Render(p.Metadata.Name, p.OriginalValue) });
                    _pending.Add(new Pending(entry, AuditActions.Delete, KeyOf(entry), old));
                    break;
            }
        }
    }

    /// <summary>Builds the entries after the business rows were saved (keys are known now) and chains them.</summary>
    public List<AuditEntry> Build(AuditActor actor, DateTime atUtc, long lastSequence, string lastHash)
    {
        var result = new List<AuditEntry>(_pending.Count);
        foreach (var p in _pending)
        {
            var changes = p.Changes;
            if (p.Action == AuditActions.Insert)
            {
                changes = p.Entry.Properties.ToDictionary(
                    x => x.Metadata.Name,
                    x => (object?)new Dictionary<string, string?> { ["new"] = Render(x.Metadata.Name, x.CurrentValue) });
            }
            var entry = new AuditEntry
            {
                Sequence = ++lastSequence,
                At = atUtc,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                Action = p.Action,
                EntityType = p.Entry.Metadata.ClrType.Name,
                EntityKey = p.KeyBeforeSave ?? KeyOf(p.Entry),
                Changes = JsonSerializer.Serialize(changes, JsonOptions),
                PreviousHash = lastHash,
            };
            entry.Hash = entry.ComputeHash();
            lastHash = entry.Hash;
            result.Add(entry);
        }
        _pending.Clear();
        return result;
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return "";
        return string.Join(",", key.Properties.Select(p => Render(p.Name, entry.Property(p.Name).CurrentValue)));
    }

    private static string? Render(string property, object? value)
    {
        if (value is null) return null;
        if (MaskedProperties.Contains(property)) return "***";
        return value switch
        {
            DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            byte[] b => Convert.ToBase64String(b),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
