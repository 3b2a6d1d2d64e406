using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Mail;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("Outbox");
        b.HasIndex(m => m.Key).IsUnique();
        b.HasIndex(m => new { m.SentAt, m.GaveUpAt, m.NextAttemptAt });
        // A person's own list of the reminders they were sent, and whether they ever had a digest.
        b.HasIndex(m => new { m.RecipientUserId, m.Kind });
        b.Property(m => m.Key).HasMaxLength(300);
        b.Property(m => m.Kind).HasMaxLength(64);
        b.Property(m => m.To).HasMaxLength(FieldErrors.MaxEmail);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.LastError).HasMaxLength(1000);
    }
}
