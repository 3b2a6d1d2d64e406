using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Api;

public static class ApiScopes
{
    public const string IncidentsWrite = "incidents:write";
    public const string IncidentsRead = "incidents:read";
    /// <summary>The compliance dashboard's figures (GET /api/v1/compliance/summary).</summary>
    public const string ComplianceRead = "compliance:read";
    public static readonly IReadOnlyList<string> All = [IncidentsWrite, IncidentsRead, ComplianceRead];
}

/// <summary>
/// A credential for another system (a monitoring service, a mail gateway). Only a hash of the token is stored;
/// the token itself is shown once when made. Tokens are revoked, never deleted.
/// </summary>
public class ApiToken : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Public part of the token, used to find the row without scanning hashes.</summary>
    public required string Prefix { get; set; }
    /// <summary>SHA-256 of the whole token, lower-case hex.</summary>
    public required string SecretHash { get; set; }
    /// <summary>Space-separated scopes.</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public int Version { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasIndex(t => t.Prefix).IsUnique();
        b.Property(t => t.Name).HasMaxLength(ApiTokenService.MaxName);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.Property(t => t.Scopes).HasMaxLength(200);
        b.Property(t => t.CreatedBy).HasMaxLength(256);
        b.Property(t => t.RevokedBy).HasMaxLength(256);
    }
}

public sealed record ApiTokenRow(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy);

public sealed record IssuedApiToken(int Id, string Name, string Token, IReadOnlyList<string> Scopes);

/// <summary>The caller behind a valid token.</summary>
public sealed record ApiClient(int TokenId, string Name, IReadOnlyList<string> Scopes);

public sealed class ApiTokenService(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time)
{
    private const string Marker = "sdx";
    public const int MaxName = 100;

    public async Task<IssuedApiToken> CreateAsync(string? name, IEnumerable<string> scopes, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var cleanName = errors.Text("tokenName", name, MaxName, required: true);
        var scopeList = scopes.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (scopeList.Count == 0) errors.Add("scopes", ErrorCodes.Required);
        foreach (var unknown in scopeList.Where(s => !ApiScopes.All.Contains(s)))
            errors.Add("scopes", ErrorCodes.UnknownScope, unknown, string.Join(", ", ApiScopes.All));
        errors.ThrowIfAny();

        var prefix = Base32(RandomNumberGenerator.GetBytes(5));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"{Marker}_{prefix}_{secret}";
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = new ApiToken
        {
            Name = cleanName!, Prefix = prefix, SecretHash = Hash(token), Scopes = string.Join(' ', scopeList),
            CreatedAt = time.GetUtcNow(), CreatedBy = who.Name,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return new IssuedApiToken(row.Id, row.Name, token, scopeList);
    }

    public async Task<IReadOnlyList<ApiTokenRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<ApiToken>().AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return rows.Select(t => new ApiTokenRow(t.Id, t.Name, t.Prefix, t.ScopeList, t.CreatedAt, t.CreatedBy, t.RevokedAt, t.RevokedBy)).ToList();
    }

    public async Task RevokeAsync(int id, CancellationToken ct = default)
    {
        var who = await actor.GetActorAsync();
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new DomainException(ErrorCodes.TokenNotFound);
        if (token.RevokedAt is not null) return;
        token.RevokedAt = time.GetUtcNow();
        token.RevokedBy = who.Name;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The client a bearer token belongs to, or null for anything malformed, unknown or revoked.</summary>
    public async Task<ApiClient?> AuthenticateAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200) return null;
        var parts = token.Split('_', 3);
        if (parts.Length != 3 || parts[0] != Marker || parts[1].Length != 8) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.Prefix == parts[1], ct);
        if (row is null || row.RevokedAt is not null) return null;
        var expected = Convert.FromHexString(row.SecretHash);
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? new ApiClient(row.Id, row.Name, row.ScopeList) : null;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var bits = bytes.Aggregate(0UL, (acc, b) => (acc << 8) | b);
        var chars = new char[bytes.Length * 8 / 5];
        for (var i = chars.Length - 1; i >= 0; i--, bits >>= 5) chars[i] = alphabet[(int)(bits & 31)];
        return new string(chars);
    }
}

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddApiTokens(this IServiceCollection services) => services.AddScoped<ApiTokenService>();
}
