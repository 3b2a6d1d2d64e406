using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Auditing;

/// <summary>The newest entry of the audit chain: its sequence and hash, written "SEQ:HASH".</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    public override string ToString() => $"{Sequence.ToString(CultureInfo.InvariantCulture)}:{Hash}";

    public static bool TryParse(string? text, out AuditHead head)
    {
        head = new(0, AuditEntry.GenesisHash);
        var parts = (text ?? "").Trim().Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || parts[1].Length != 64 || !parts[1].All(Uri.IsHexDigit)) return false;
        head = new(sequence, parts[1].ToLowerInvariant());
        return true;
    }

    public static async Task<AuditHead> OfAsync(SecOpsDxDbContext db, CancellationToken ct = default) =>
        await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new AuditHead(e.Sequence, e.Hash)).FirstOrDefaultAsync(ct)
        ?? new AuditHead(0, AuditEntry.GenesisHash);

    /// <summary>
    /// The hash chain alone cannot show that its newest entries were deleted: what is left still links up.
    /// A head saved earlier can: the chain must still hold that entry, unchanged. Null when it does.
    /// </summary>
    public async Task<string?> FindMismatchAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        if (Sequence == 0) return null;
        var hash = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == Sequence).Select(e => e.Hash).FirstOrDefaultAsync(ct);
        if (hash is null)
        {
            var now = await OfAsync(db, ct);
            return $"truncated: the trail ends at entry {now.Sequence} but entry {Sequence} was recorded before; the newest entries were removed";
        }
        return string.Equals(hash, Hash, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"entry {Sequence} is not the one recorded before (hash differs); the trail was rewritten from there";
    }
}

/// <summary>
/// A head signed with HMAC-SHA256, kept as a file beside the database with its key in another folder, so that
/// someone who can edit the database cannot quietly move the head back.
/// </summary>
public sealed class AuditCheckpoint(string checkpointPath, string keyPath)
{
    public sealed record Saved(AuditHead Head, DateTimeOffset At);

    /// <summary>The last checkpoint; null when there is none yet. Throws when the file was edited or its key changed.</summary>
    public Saved? Read()
    {
        if (!File.Exists(checkpointPath)) return null;
        var lines = File.ReadAllLines(checkpointPath);
        if (lines.Length < 2 || !File.Exists(keyPath) || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(Sign(lines[0], Key())), Encoding.ASCII.GetBytes(lines[1].Trim())))
            throw new InvalidDataException($"the checkpoint {checkpointPath} does not carry a valid signature");
        var fields = lines[0].Split(' ');
        if (fields.Length != 2 || !AuditHead.TryParse(fields[0], out var head)
            || !DateTimeOffset.TryParse(fields[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            throw new InvalidDataException($"the checkpoint {checkpointPath} cannot be read");
        return new(head, at);
    }

    public void Write(AuditHead head, DateTimeOffset at)
    {
        var body = $"{head} {at.ToString("O", CultureInfo.InvariantCulture)}";
        var temp = checkpointPath + ".tmp";
        var text = Encoding.UTF8.GetBytes(body + "\n" + Sign(body, Key()) + "\n");
        // 0600: the checkpoint is for the service account alone (a leftover temp file from a crash is replaced).
        using (var stream = new FileStream(temp, OwnerOnlyFiles.NewFile(FileMode.Create))) stream.Write(text);
        File.Move(temp, checkpointPath, overwrite: true);
    }

    private byte[] Key()
    {
        if (!File.Exists(keyPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(keyPath)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(keyPath, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        }
        return Convert.FromBase64String(File.ReadAllText(keyPath).Trim());
    }

    private static string Sign(string body, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body)));
}
