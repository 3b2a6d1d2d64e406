using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Auditing;

public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? EntityKey = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

public sealed record AuditRow(long Sequence, DateTime AtUtc, string ActorName, string Action, string EntityType, string EntityKey, string Changes);

public sealed class AuditQueries(IDbContextFactory<SecOpsDxDbContext> factory)
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
