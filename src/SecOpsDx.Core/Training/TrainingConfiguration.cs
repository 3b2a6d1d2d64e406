using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Training;

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> b)
    {
        b.HasIndex(c => c.FiscalYear);
        b.Property(c => c.Title).HasMaxLength(TrainingLimits.Title);
        b.Property(c => c.MaterialUrl).HasMaxLength(TrainingLimits.MaterialUrl);
        b.Property(c => c.AudienceRoles).HasMaxLength(TrainingLimits.RoleList);
        b.Ignore(c => c.DepartmentIds);
        b.Ignore(c => c.RoleNames);
        b.Ignore(c => c.IsRetired);
        b.Property(c => c.RetiredReason).HasMaxLength(TrainingLimits.Reason);
        b.Property(c => c.RetiredByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TrainingQuestionConfiguration : IEntityTypeConfiguration<TrainingQuestion>
{
    public void Configure(EntityTypeBuilder<TrainingQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(TrainingLimits.QuestionText);
        b.Ignore(q => q.ChoiceList);
    }
}

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> b)
    {
        b.HasIndex(r => new { r.CourseId, r.StaffMemberId });
        b.HasIndex(r => r.StaffMemberId);
        b.Property(r => r.Reason).HasMaxLength(TrainingLimits.Reason);
        b.Property(r => r.RecordedByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasOne(r => r.Course).WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingRecordWithdrawalConfiguration : IEntityTypeConfiguration<TrainingRecordWithdrawal>
{
    public void Configure(EntityTypeBuilder<TrainingRecordWithdrawal> b)
    {
        // A record is withdrawn once; the index also stops two people withdrawing it at the same moment.
        b.HasIndex(w => w.RecordId).IsUnique();
        b.Property(w => w.Reason).HasMaxLength(TrainingLimits.Reason);
        b.Property(w => w.WithdrawnByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasOne(w => w.Record).WithMany().HasForeignKey(w => w.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingExemptionConfiguration : IEntityTypeConfiguration<TrainingExemption>
{
    public void Configure(EntityTypeBuilder<TrainingExemption> b)
    {
        b.HasIndex(e => new { e.CourseId, e.StaffMemberId });
        b.Property(e => e.Reason).HasMaxLength(TrainingLimits.Reason);
        b.Property(e => e.RecordedByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasOne<TrainingCourse>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(e => e.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingAssigneeConfiguration : IEntityTypeConfiguration<TrainingAssignee>
{
    public void Configure(EntityTypeBuilder<TrainingAssignee> b)
    {
        b.HasIndex(a => new { a.CourseId, a.StaffMemberId }).IsUnique();
        b.Property(a => a.Note).HasMaxLength(TrainingLimits.Reason);
        b.HasOne<TrainingCourse>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DrillConfiguration : IEntityTypeConfiguration<Drill>
{
    public void Configure(EntityTypeBuilder<Drill> b)
    {
        b.Property(d => d.Name).HasMaxLength(TrainingLimits.DrillName);
        b.Property(d => d.ImportedByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasMany(d => d.Results).WithOne().HasForeignKey(r => r.DrillId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DrillResultConfiguration : IEntityTypeConfiguration<DrillResult>
{
    public void Configure(EntityTypeBuilder<DrillResult> b)
    {
        // Covers the per-drill counts (DrillQueries.DrillsAsync) so they are read off the index in order.
        b.HasIndex(r => new { r.DrillId, r.Step, r.Reported });
        b.Property(r => r.Email).HasMaxLength(FieldErrors.MaxEmail);
        b.Property(r => r.Name).HasMaxLength(OrganizationLimits.FullName);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(r => r.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DrillManualReportConfiguration : IEntityTypeConfiguration<DrillManualReport>
{
    public void Configure(EntityTypeBuilder<DrillManualReport> b)
    {
        // One hand-recorded report per recipient: two managers recording the same person at once cannot count them twice.
        b.HasIndex(m => m.DrillResultId).IsUnique();
        b.HasIndex(m => m.DrillId);
        b.Property(m => m.Note).HasMaxLength(TrainingLimits.Reason);
        b.Property(m => m.RecordedByName).HasMaxLength(OrganizationLimits.FullName);
        b.HasOne<Drill>().WithMany().HasForeignKey(m => m.DrillId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DrillResult>().WithMany().HasForeignKey(m => m.DrillResultId).OnDelete(DeleteBehavior.Restrict);
    }
}
