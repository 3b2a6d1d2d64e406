using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Separation;

internal sealed class SelfCheckConfiguration :
    IEntityTypeConfiguration<SelfCheck>, IEntityTypeConfiguration<SelfCheckAnswer>, IEntityTypeConfiguration<SelfCheckFinding>
{
    public void Configure(EntityTypeBuilder<SelfCheck> b)
    {
        b.HasIndex(s => s.FiscalYear).IsUnique();
        b.Ignore(s => s.IsOpen);
        b.Property(s => s.Model).HasMaxLength(40);
        b.Property(s => s.OpenedBy).HasMaxLength(200);
        b.Property(s => s.ClosedBy).HasMaxLength(200);
        b.Property(s => s.Summary).HasMaxLength(ControlLimits.SelfCheckSummary);
        b.Property(s => s.OpenedAt).HasConversion(UtcTicks.Converter);
        b.Property(s => s.ClosedAt).HasConversion(UtcTicks.NullableConverter);
    }

    public void Configure(EntityTypeBuilder<SelfCheckAnswer> b)
    {
        b.HasIndex(a => new { a.SelfCheckId, a.ControlId }).IsUnique();
        b.HasOne<SelfCheck>().WithMany().HasForeignKey(a => a.SelfCheckId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(a => a.Answer).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Note).HasMaxLength(ControlLimits.Reason);
        b.Property(a => a.AnsweredBy).HasMaxLength(200);
        b.Property(a => a.AnsweredAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<SelfCheckFinding> b)
    {
        b.HasIndex(f => new { f.SelfCheckId, f.ControlId }).IsUnique();
        b.HasOne<SelfCheck>().WithMany().HasForeignKey(f => f.SelfCheckId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(f => f.OwnerDepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.ControlId).HasMaxLength(ControlLimits.ControlId);
        b.Property(f => f.CorrectiveAction).HasMaxLength(ControlLimits.CompensatingMeasures);
        b.Property(f => f.RaisedAt).HasConversion(UtcTicks.Converter);
        b.Property(f => f.WithdrawnAt).HasConversion(UtcTicks.NullableConverter);
        b.Ignore(f => f.IsOpen);
        b.Property(f => f.CorrectionNote).HasMaxLength(ControlLimits.CorrectionNote);
        b.Property(f => f.CorrectedBy).HasMaxLength(200);
        b.Property(f => f.CorrectedAt).HasConversion(UtcTicks.NullableConverter);
    }
}
