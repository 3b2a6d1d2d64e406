using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Organization.Ldap;

internal sealed class DirectoryRefusalConfiguration : IEntityTypeConfiguration<DirectoryRefusal>
{
    public void Configure(EntityTypeBuilder<DirectoryRefusal> b)
    {
        b.Property(r => r.LoginName).HasMaxLength(DirectoryAccounts.MaxLoginName);
        b.Property(r => r.EmployeeNumber).HasMaxLength(OrganizationLimits.EmployeeNumber);
        b.Property(r => r.ClientAddress).HasMaxLength(SignInSessions.MaxClientAddress);
        b.Property(r => r.Reason).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(r => r.At);
    }
}
