using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Organization;

internal sealed class PasswordSetupLinkConfiguration : IEntityTypeConfiguration<PasswordSetupLink>
{
    public void Configure(EntityTypeBuilder<PasswordSetupLink> b)
    {
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasOne(l => l.User).WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
