using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Organization.Ldap;

internal sealed class DirectoryFindingConfiguration : IEntityTypeConfiguration<DirectoryFinding>
{
    public void Configure(EntityTypeBuilder<DirectoryFinding> b)
    {
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(f => f.Resolution).HasConversion<string>().HasMaxLength(24);
        b.Property(f => f.ResolvedBy).HasMaxLength(256);
        b.HasIndex(f => new { f.StaffMemberId, f.ResolvedAt });
        b.HasOne(f => f.StaffMember).WithMany().HasForeignKey(f => f.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
