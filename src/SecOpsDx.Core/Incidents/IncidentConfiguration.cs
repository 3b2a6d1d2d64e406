using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Incidents;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => i.Number).IsUnique();
        b.HasIndex(i => new { i.FiscalYear, i.SequenceInYear }).IsUnique();
        // Both cover what the incident statistics read, so the counts never touch the wide ticket rows:
        // open tickets by state and severity, and the 年度's tickets with their times, category and closure.
        b.HasIndex(i => new { i.Status, i.Severity });
        b.HasIndex(i => new { i.ReceivedAt, i.TriagedAt, i.ClosedAt, i.Category, i.Closure });
        b.HasIndex(i => i.ReporterUserId);
        b.HasIndex(i => i.IdempotencyKey).IsUnique();
        b.Property(i => i.IdempotencyKey).HasMaxLength(ReceiveIncident.MaxIdempotencyKey + 20);
        b.Property(i => i.Number).HasMaxLength(20);
        b.Property(i => i.Title).HasMaxLength(IncidentLimits.Title);
        b.Property(i => i.Channel).HasMaxLength(20);
        b.Property(i => i.Category).HasMaxLength(40);
        b.Property(i => i.Severity).HasMaxLength(40);
        // Stored as text so that the database reads as the domain does and survives reordering of the enums.
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Phase).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Closure).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Segment).HasConversion<string>().HasMaxLength(20);
        // SQLite cannot order or compare DateTimeOffset; UTC ticks keep the queries in the database.
        foreach (var p in new[] { nameof(Incident.OccurredAt), nameof(Incident.AwareAt), nameof(Incident.ReceivedAt), nameof(Incident.TriagedAt), nameof(Incident.ClosedAt) })
            b.Property(p).HasConversion(p is nameof(Incident.AwareAt) or nameof(Incident.ReceivedAt) ? UtcTicks.Converter : UtcTicks.NullableConverter);
    }
}

internal sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> b)
    {
        b.ToTable("IncidentTimeline");
        b.HasIndex(e => new { e.IncidentId, e.Id });
        b.HasOne(e => e.Incident).WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.Event).HasMaxLength(40);
        b.Property(e => e.At).HasConversion(UtcTicks.Converter);
    }
}

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> b)
    {
        b.HasIndex(r => new { r.IncidentId, r.Channel }).IsUnique();
        b.HasIndex(r => new { r.State, r.DueAt });
        b.HasOne(r => r.Incident).WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Channel).HasMaxLength(40);
        b.Property(r => r.Method).HasMaxLength(IncidentLimits.ReportMethod);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.DueAt).HasConversion(UtcTicks.NullableConverter);
        b.Property(r => r.SubmittedAt).HasConversion(UtcTicks.NullableConverter);
    }
}

/// <summary>DateTimeOffset as UTC ticks: comparable and sortable in SQLite and PostgreSQL alike.</summary>
internal static class UtcTicks
{
    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long> Converter =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset?, long?> NullableConverter =
        new(v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);
}
