using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecOpsDx.Core.Auditing;

/// <summary>
/// One change to business data. Entries are only ever appended: each carries the hash of the entry
/// before it, so editing or removing any entry breaks the chain from that point on.
/// </summary>
public class AuditEntry : IAppendOnly
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; set; }

    /// <summary>1, 2, 3, … without gaps; unique, so two writers can never fork the chain.</summary>
    public long Sequence { get; set; }

    /// <summary>When the change was saved, UTC.</summary>
    public DateTime At { get; set; }

    public string? ActorId { get; set; }
    public required string ActorName { get; set; }

    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }

    /// <summary>JSON object: field name → {"old": …, "new": …}.</summary>
    public required string Changes { get; set; }

    public required string PreviousHash { get; set; }
    public string Hash { get; set; } = "";

    /// <summary>SHA-256 over every field but <see cref="Hash"/> itself, in a fixed unambiguous layout.</summary>
    public string ComputeHash()
    {
        var payload = JsonSerializer.Serialize(new object?[]
        {
            Sequence,
            At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
            ActorId, ActorName, Action, EntityType, EntityKey, Changes, PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(payload)));
    }
}

public static class AuditActions
{
    public const string Insert = "Insert";
    public const string Update = "Update";
    public const string Delete = "Delete";
}
