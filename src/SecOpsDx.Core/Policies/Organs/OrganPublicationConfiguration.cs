using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Policies;

internal sealed class OrganPublicationConfiguration : IEntityTypeConfiguration<OrganPublication>
{
    public void Configure(EntityTypeBuilder<OrganPublication> b)
    {
        b.HasIndex(p => new { p.DocumentId, p.OrganCode }).IsUnique();
        b.HasOne(p => p.Document).WithMany().HasForeignKey(p => p.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.OrganCode).HasMaxLength(MunicipalOrgans.MaxCodeLength);
        b.Property(p => p.Place).HasMaxLength(PolicyLimits.PublicationPlace);
    }
}
