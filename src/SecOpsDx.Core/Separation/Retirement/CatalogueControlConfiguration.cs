using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Separation;

internal sealed class CatalogueControlConfiguration : IEntityTypeConfiguration<CatalogueControl>
{
    public void Configure(EntityTypeBuilder<CatalogueControl> b)
    {
        b.HasIndex(c => c.ControlId).IsUnique();
        b.Property(c => c.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(c => c.NameJa).HasMaxLength(ControlLimits.ControlName);
        b.Property(c => c.NameEn).HasMaxLength(ControlLimits.ControlName);
        b.Property(c => c.Segments).HasMaxLength(200);
        b.Ignore(c => c.SegmentCodes);
        b.Property(c => c.ListedAt).HasConversion(UtcTicks.Converter);
        b.Property(c => c.RetiredAt).HasConversion(UtcTicks.NullableConverter);
    }
}
