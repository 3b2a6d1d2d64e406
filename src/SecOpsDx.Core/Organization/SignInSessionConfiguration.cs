using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Organization;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.Property(s => s.Id).HasMaxLength(SignInSessions.IdLength);
        b.Property(s => s.SecurityStamp).HasMaxLength(256);
        b.Property(s => s.ClientAddress).HasMaxLength(SignInSessions.MaxClientAddress);
        b.Property(s => s.ClientAgent).HasMaxLength(SignInSessions.MaxClientAgent);
        b.HasIndex(s => new { s.UserId, s.EndedAt });
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
