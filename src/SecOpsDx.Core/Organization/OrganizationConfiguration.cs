using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Organization;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.HasIndex(d => d.Code).IsUnique();
        b.Property(d => d.Code).HasMaxLength(OrganizationLimits.Code);
        b.Property(d => d.Name).HasMaxLength(OrganizationLimits.Name);
        b.HasOne(d => d.Parent).WithMany(d => d.Children).HasForeignKey(d => d.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> b)
    {
        b.ToTable("StaffMembers");
        b.HasIndex(s => s.EmployeeNumber).IsUnique();
        b.HasIndex(s => s.UserId).IsUnique();
        b.HasIndex(s => s.Email);
        b.Property(s => s.EmployeeNumber).HasMaxLength(OrganizationLimits.EmployeeNumber);
        b.Property(s => s.FullName).HasMaxLength(OrganizationLimits.FullName);
        b.Property(s => s.Kana).HasMaxLength(OrganizationLimits.Kana);
        b.Property(s => s.Title).HasMaxLength(OrganizationLimits.Position);
        b.Property(s => s.Email).HasMaxLength(FieldErrors.MaxEmail);
        b.HasOne(s => s.Department).WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StaffDepartmentMoveConfiguration : IEntityTypeConfiguration<StaffDepartmentMove>
{
    public void Configure(EntityTypeBuilder<StaffDepartmentMove> b)
    {
        b.HasIndex(m => new { m.StaffMemberId, m.EffectiveOn });
        b.HasOne<StaffMember>().WithMany().HasForeignKey(m => m.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.FromDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(m => m.ToDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
