using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Auditing;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(e => e.Sequence).IsUnique();
        b.HasIndex(e => e.At);
        b.HasIndex(e => new { e.EntityType, e.EntityKey });
        // The newest entry about one type in one seek (EndedYearFigures.VersionAsync).
        b.HasIndex(e => new { e.EntityType, e.Sequence });
        b.HasIndex(e => e.ActorName);
        b.Property(e => e.Action).HasMaxLength(16);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityKey).HasMaxLength(200);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}
