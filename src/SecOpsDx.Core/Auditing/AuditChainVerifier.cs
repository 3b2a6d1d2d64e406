using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Auditing;

public sealed record AuditVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

/// <summary>Walks the audit chain from the start and reports the first entry that does not fit.</summary>
public static class AuditChainVerifier
{
    public static async Task<AuditVerification> VerifyAsync(SecOpsDxDbContext db, CancellationToken ct = default)
    {
        const int batch = 2000;
        long expected = 1;
        var previousHash = AuditEntry.GenesisHash;
        long lastSequence = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > lastSequence)
                .OrderBy(e => e.Sequence)
                .Take(batch)
                .ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var e in page)
            {
                if (e.Sequence != expected)
                    return new(false, expected - 1, expected, $"entry {expected} is missing (next present is {e.Sequence})");
                if (e.PreviousHash != previousHash)
                    return new(false, expected - 1, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1}");
                if (e.ComputeHash() != e.Hash)
                    return new(false, expected - 1, e.Sequence, $"entry {e.Sequence} was altered after it was written");
                previousHash = e.Hash;
                lastSequence = e.Sequence;
                expected++;
            }
        }
        return new(true, expected - 1, null, null);
    }
}
