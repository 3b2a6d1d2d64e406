using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Tests.Support;

/// <summary>Creates contexts on fixed options, audited as a fixed actor.</summary>
public sealed class TestDbContextFactory(DbContextOptions<SecOpsDxDbContext> options, string actor = "test")
    : IDbContextFactory<SecOpsDxDbContext>
{
    public SecOpsDxDbContext CreateDbContext() => new(options, new FixedActor(actor));
}
