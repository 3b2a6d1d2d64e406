using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Separation;

internal sealed class ControlConfiguration :
    IEntityTypeConfiguration<SeparationSetting>, IEntityTypeConfiguration<SeparationModelChange>, IEntityTypeConfiguration<SegmentSystem>,
    IEntityTypeConfiguration<ControlState>, IEntityTypeConfiguration<ControlVerification>, IEntityTypeConfiguration<ControlEvidence>,
    IEntityTypeConfiguration<ControlException>
{
    public void Configure(EntityTypeBuilder<SeparationSetting> b)
    {
        b.Property(s => s.Model).HasMaxLength(40);
        b.Property(s => s.ChangedBy).HasMaxLength(200);
        b.Property(s => s.ChangedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<SeparationModelChange> b)
    {
        b.Property(s => s.FromModel).HasMaxLength(40);
        b.Property(s => s.ToModel).HasMaxLength(40);
        b.Property(s => s.ChangedBy).HasMaxLength(200);
        b.Property(s => s.ChangedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<SegmentSystem> b)
    {
        b.HasIndex(s => new { s.Segment, s.Name });
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Name).HasMaxLength(ControlLimits.SystemName);
        b.Property(s => s.Segment).HasMaxLength(40);
        b.Property(s => s.Vendor).HasMaxLength(ControlLimits.Vendor);
    }

    public void Configure(EntityTypeBuilder<ControlState> b)
    {
        b.HasIndex(s => new { s.ControlId, s.SystemId });
        b.HasOne<SegmentSystem>().WithMany().HasForeignKey(s => s.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.NotApplicableReason).HasMaxLength(ControlLimits.Reason);
        b.Property(s => s.OwnerName).HasMaxLength(ControlLimits.OwnerName);
        b.Property(s => s.EvidenceText).HasMaxLength(ControlLimits.EvidenceText);
        b.Property(s => s.Methods).HasMaxLength(ControlLimits.Methods);
        b.Property(s => s.UpdatedBy).HasMaxLength(200);
        b.Property(s => s.UpdatedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<ControlVerification> b)
    {
        b.HasIndex(v => new { v.ControlId, v.SystemId, v.VerifiedOn });
        b.HasOne<SegmentSystem>().WithMany().HasForeignKey(v => v.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.Property(v => v.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(v => v.Result).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Notes).HasMaxLength(ControlLimits.VerificationNotes);
        b.Property(v => v.VerifiedBy).HasMaxLength(200);
        b.Property(v => v.RecordedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<ControlEvidence> b)
    {
        b.ToTable("ControlEvidence");
        b.HasIndex(e => new { e.ControlId, e.Id });
        b.HasOne<SegmentSystem>().WithMany().HasForeignKey(e => e.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Verification).WithMany().HasForeignKey(e => e.VerificationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(e => e.FileName).HasMaxLength(255);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.Note).HasMaxLength(ControlLimits.EvidenceNote);
        b.Property(e => e.AddedBy).HasMaxLength(200);
        b.Property(e => e.AddedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<ControlException> b)
    {
        b.HasIndex(e => new { e.ControlId, e.ExpiresOn });
        b.HasOne<SegmentSystem>().WithMany().HasForeignKey(e => e.SystemId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(e => e.Reason).HasMaxLength(ControlLimits.Reason);
        b.Property(e => e.CompensatingMeasures).HasMaxLength(ControlLimits.CompensatingMeasures);
        b.Property(e => e.RequestedBy).HasMaxLength(200);
        b.Property(e => e.ApprovedBy).HasMaxLength(200);
        b.Property(e => e.RequestedAt).HasConversion(UtcTicks.Converter);
        b.Property(e => e.ApprovedAt).HasConversion(UtcTicks.NullableConverter);
    }
}
