using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Auditing;

public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? EntityKey = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long Sequence, DateTime AtUtc, string ActorName, string Action, string EntityType, string EntityKey, string Changes);

/// <summary>Account ids → people's names and role ids → role names (Identity's role names, e.g. "Csirt").</summary>
public sealed record AuditNames(IReadOnlyDictionary<string, string> People, IReadOnlyDictionary<string, string> Roles)
{
    public static AuditNames None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());
}

public sealed partial class AuditQueries(IDbContextFactory<SecOpsDxDbContext> factory)
{
    public async Task<Paged<AuditRow>> SearchAsync(AuditFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor)) q = q.Where(e => e.ActorName.Contains(filter.Actor.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) q = q.Where(e => e.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityKey)) q = q.Where(e => e.EntityKey == filter.EntityKey.Trim());
        if (filter.FromUtc is { } from) q = q.Where(e => e.At >= from);
        if (filter.ToUtc is { } to) q = q.Where(e => e.At < to);
        var total = await q.CountAsync(ct);
        var (page, pageSize) = Paged<AuditRow>.Clamp(filter.Page, filter.PageSize, 500);
        var items = await q.OrderByDescending(e => e.Sequence)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new AuditRow(e.Sequence, e.At, e.ActorName, e.Action, e.EntityType, e.EntityKey, e.Changes))
            .ToListAsync(ct);
        return new Paged<AuditRow>(items, total, page, pageSize);
    }

    /// <summary>
    /// The people and roles behind the account and role ids that appear in these entries (a role grant is stored as
    /// a pair of ids): id → the person's name (or address) and id → the role's name, for the trail to read as words.
    /// </summary>
    public async Task<AuditNames> NamesAsync(IEnumerable<AuditRow> rows, CancellationToken ct = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var part in row.EntityKey.Split(',')) if (Guid.TryParse(part, out _)) ids.Add(part);
            foreach (System.Text.RegularExpressions.Match m in GuidText().Matches(row.Changes)) ids.Add(m.Value);
        }
        if (ids.Count == 0) return AuditNames.None;
        await using var db = await factory.CreateDbContextAsync(ct);
        var list = ids.ToList();
        var people = await db.Users.AsNoTracking().Where(u => list.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.Email ?? u.UserName }).ToListAsync(ct);
        var roles = await db.Roles.AsNoTracking().Where(r => list.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        return new AuditNames(
            people.Where(p => p.Name is not null).ToDictionary(p => p.Id, p => p.Name!, StringComparer.Ordinal),
            roles.Where(r => r.Name is not null).ToDictionary(r => r.Id, r => r.Name!, StringComparer.Ordinal));
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex GuidText();

    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.CountAsync(ct);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AuditChainVerifier.VerifyAsync(db, ct);
    }
}

public static class AuditingServiceCollectionExtensions
{
    public static IServiceCollection AddAuditing(this IServiceCollection services) => services.AddScoped<AuditQueries>();
}
