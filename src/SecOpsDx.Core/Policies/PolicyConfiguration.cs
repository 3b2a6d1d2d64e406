using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Policies;

internal sealed class PolicyDocumentConfiguration : IEntityTypeConfiguration<PolicyDocument>
{
    public void Configure(EntityTypeBuilder<PolicyDocument> b)
    {
        b.HasIndex(d => d.Slug).IsUnique();
        b.Property(d => d.Slug).HasMaxLength(PolicyLimits.Slug);
        b.Property(d => d.Title).HasMaxLength(PolicyLimits.Title);
        b.Property(d => d.RuleNumber).HasMaxLength(PolicyLimits.RuleNumber);
        b.Property(d => d.OwnerDepartmentCode).HasMaxLength(20);
        b.Property(d => d.GuidelineEdition).HasMaxLength(20);
        b.Property(d => d.Audience).HasMaxLength(PolicyLimits.Audience);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class PolicyRevisionConfiguration : IEntityTypeConfiguration<PolicyRevision>
{
    public void Configure(EntityTypeBuilder<PolicyRevision> b)
    {
        b.HasIndex(r => new { r.DocumentId, r.Number }).IsUnique();
        b.HasOne(r => r.Document).WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Title).HasMaxLength(PolicyLimits.Title);
        b.Property(r => r.Change).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DraftedByName).HasMaxLength(200);
        b.Property(r => r.ApprovedByName).HasMaxLength(200);
        b.Property(r => r.ReturnComment).HasMaxLength(PolicyLimits.Comment);
        b.Property(r => r.SourceHash).HasMaxLength(64);
        b.Property(r => r.DraftedAt).HasConversion(UtcTicks.Converter);
        b.Property(r => r.SubmittedAt).HasConversion(UtcTicks.NullableConverter);
        b.Property(r => r.ApprovedAt).HasConversion(UtcTicks.NullableConverter);
    }
}

internal sealed class PolicyAcknowledgmentConfiguration : IEntityTypeConfiguration<PolicyAcknowledgment>
{
    public void Configure(EntityTypeBuilder<PolicyAcknowledgment> b)
    {
        b.HasIndex(a => new { a.StaffId, a.DocumentId, a.RevisionNumber });
        // Covers the organisation's acknowledgment counts (distinct people per revision) so they are read off the index.
        b.HasIndex(a => new { a.DocumentId, a.RevisionNumber, a.StaffId });
        b.HasOne(a => a.Revision).WithMany().HasForeignKey(a => a.RevisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization.StaffMember>().WithMany().HasForeignKey(a => a.StaffId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.ClientAddress).HasMaxLength(PolicyLimits.ClientAddress);
        b.Property(a => a.AcknowledgedAt).HasConversion(UtcTicks.Converter);
    }
}

internal sealed class PolicyReviewConfiguration : IEntityTypeConfiguration<PolicyReview>
{
    public void Configure(EntityTypeBuilder<PolicyReview> b)
    {
        b.HasIndex(r => new { r.DocumentId, r.ReviewedOn });
        b.HasOne(r => r.Document).WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Note).HasMaxLength(PolicyLimits.ReviewNote);
        b.Property(r => r.ReviewerName).HasMaxLength(200);
        b.Property(r => r.GuidelineEdition).HasMaxLength(20);
        b.Property(r => r.RecordedAt).HasConversion(UtcTicks.Converter);
    }
}
