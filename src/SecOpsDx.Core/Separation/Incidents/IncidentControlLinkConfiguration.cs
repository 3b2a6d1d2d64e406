using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Separation;

internal sealed class IncidentControlLinkConfiguration : IEntityTypeConfiguration<IncidentControlLink>
{
    public void Configure(EntityTypeBuilder<IncidentControlLink> b)
    {
        b.HasIndex(l => new { l.IncidentId, l.ControlId }).IsUnique();
        b.HasIndex(l => l.ControlId);
        b.HasOne<Incident>().WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(l => l.CreatedBy).HasMaxLength(200);
        b.Property(l => l.CreatedAt).HasConversion(UtcTicks.Converter);
    }
}
