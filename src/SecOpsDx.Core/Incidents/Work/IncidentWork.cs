using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecOpsDx.Core.Incidents;

/// <summary>A piece of work on a ticket with an owner and a due date. Done, never deleted.</summary>
public class IncidentTask : IVersioned
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string Title { get; set; }
    public string? OwnerUserId { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A file kept as evidence. Its SHA-256, size, and who added it when are recorded once and never change,
/// so the chain of custody can be shown; the bytes live in the evidence store under their hash.
/// </summary>
public class IncidentEvidence : IAppendOnly
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public string? AddedByUserId { get; set; }
    public required string AddedBy { get; set; }
}

/// <summary>Two tickets about the same matter (several reports of one incident, a follow-up, …).</summary>
public class IncidentLink : IAppendOnly
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public int RelatedIncidentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class IncidentWorkConfiguration :
    IEntityTypeConfiguration<IncidentTask>, IEntityTypeConfiguration<IncidentEvidence>, IEntityTypeConfiguration<IncidentLink>
{
    public void Configure(EntityTypeBuilder<IncidentTask> b)
    {
        b.HasIndex(t => new { t.IncidentId, t.Id });
        b.HasIndex(t => new { t.DoneAt, t.DueOn });
        b.HasOne<Incident>().WithMany().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Title).HasMaxLength(IncidentLimits.TaskTitle);
        b.Property(t => t.CreatedAt).HasConversion(UtcTicks.Converter);
        b.Property(t => t.DoneAt).HasConversion(UtcTicks.NullableConverter);
    }

    public void Configure(EntityTypeBuilder<IncidentEvidence> b)
    {
        b.ToTable("IncidentEvidence");
        b.HasIndex(e => new { e.IncidentId, e.Id });
        b.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(e => e.FileName).HasMaxLength(255);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.AddedAt).HasConversion(UtcTicks.Converter);
    }

    public void Configure(EntityTypeBuilder<IncidentLink> b)
    {
        b.HasIndex(l => new { l.IncidentId, l.RelatedIncidentId }).IsUnique();
        b.HasOne<Incident>().WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Incident>().WithMany().HasForeignKey(l => l.RelatedIncidentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(l => l.CreatedAt).HasConversion(UtcTicks.Converter);
    }
}

/// <summary>Evidence files on disk, named by their SHA-256; a file is written once and never overwritten.</summary>
public sealed class EvidenceStore(string directory)
{
    public const long MaxBytes = 50 * 1024 * 1024;

    public string Directory { get; } = directory;

    /// <summary>Copies the stream into the store, hashing as it goes; returns the hash and the size.</summary>
    public async Task<(string Sha256, long Size)> SaveAsync(Stream content, CancellationToken ct = default)
    {
        // Evidence may hold personal data: 0700 folders, 0600 files, for the service account alone.
        OwnerOnlyFiles.CreateFolder(Directory);
        var temp = Path.Combine(Directory, $".upload-{Guid.NewGuid():N}");
        try
        {
            long size;
            byte[] hash;
            await using (var file = new FileStream(temp, OwnerOnlyFiles.NewFile(async: true)))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                size = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > MaxBytes) throw ValidationFailedException.For("file", ErrorCodes.EvidenceTooLarge, MaxBytes / 1024 / 1024);
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                hash = sha.GetHashAndReset();
            }
            var sha256 = Convert.ToHexStringLower(hash);
            var target = PathOf(sha256);
            OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(temp); // the same bytes are already kept
            else File.Move(temp, target);
            return (sha256, size);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream? Open(string sha256) => File.Exists(PathOf(sha256)) ? File.OpenRead(PathOf(sha256)) : null;

    /// <summary>Recomputes the hash of the stored bytes: false when the file was changed or is gone.</summary>
    public async Task<bool> VerifyAsync(string sha256, CancellationToken ct = default)
    {
        await using var stream = Open(sha256);
        if (stream is null) return false;
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        return actual == sha256;
    }

    private string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit)) throw new ArgumentException("not a SHA-256", nameof(sha256));
        return Path.Combine(Directory, sha256[..2], sha256);
    }
}
