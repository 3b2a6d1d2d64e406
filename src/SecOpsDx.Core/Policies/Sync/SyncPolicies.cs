using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Policies.Sync;

public enum PolicySyncOutcome
{
    /// <summary>A new document with its first revision.</summary>
    Added,
    /// <summary>A new revision of a known document.</summary>
    Revised,
    /// <summary>Only the register's facts (owner, audience, …) changed.</summary>
    Updated,
    Unchanged,
    Refused,
}

public sealed record PolicySyncFile(string FileName, PolicySyncOutcome Outcome, string? Slug = null, int? Number = null,
    PolicyRevisionStage? Stage = null, DomainException? Problem = null);

public sealed record PolicySyncReport(IReadOnlyList<PolicySyncFile> Files)
{
    public bool AnyRefused => Files.Any(f => f.Outcome == PolicySyncOutcome.Refused);
    public int Count(PolicySyncOutcome outcome) => Files.Count(f => f.Outcome == outcome);
}

/// <summary>
/// Imports the Markdown policy files of a folder (policies/) into the register. Each file is its own step: a new
/// id becomes a document, a raised version a new draft revision (approved, when the file says so and the settings
/// allow it), an unchanged file writes nothing at all, and a file that cannot be read is reported with its reason
/// while the others still import. Files are UTF-8 or Shift_JIS (CP932), as the other imports read them.
/// </summary>
public sealed class SyncPolicies(IDbContextFactory<SecOpsDxDbContext> factory, ICurrentActor actor, TimeProvider time,
    GuidelineEditions editions, PolicySettings settings)
{
    /// <param name="mayApprove">Overrides the setting; the demo imports its policy set as approved.</param>
    public async Task<PolicySyncReport> ExecuteAsync(string directory, CancellationToken ct = default, bool? mayApprove = null)
    {
        if (!Directory.Exists(directory)) throw new DomainException(ErrorCodes.PolicyFolderMissing, directory);
        var files = Directory.GetFiles(directory, "*.md")
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        var results = new List<PolicySyncFile>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            try
            {
                var content = PolicyFile.Parse(await ReadAsync(path, ct), editions);
                if (seen.TryGetValue(content.Slug, out var other)) throw new DomainException(ErrorCodes.DuplicateId, content.Slug, other);
                seen[content.Slug] = name;
                results.Add(await ImportAsync(name, content, ct, mayApprove));
            }
            catch (DomainException e)
            {
                results.Add(new PolicySyncFile(name, PolicySyncOutcome.Refused, Problem: e));
            }
        }
        return new PolicySyncReport(results);
    }

    /// <summary>
    /// The file's text, or a refusal naming why it cannot be read: a broken link, a permission or a disk error is one
    /// file's problem, and the files after it still import.
    /// </summary>
    private static async Task<string> ReadAsync(string path, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DomainException(ErrorCodes.FileMissing);
        }
        catch (UnauthorizedAccessException)
        {
            throw new DomainException(ErrorCodes.FileDenied);
        }
        catch (IOException e)
        {
            throw new DomainException(ErrorCodes.FileUnreadable, e.Message);
        }
        var (text, _, error) = ImportText.Decode(bytes);
        if (error is not null) throw new DomainException(error.Code, error.Args);
        return text!;
    }

    public async Task<PolicySyncFile> ImportAsync(string fileName, PolicyFileContent file, CancellationToken ct = default, bool? mayApprove = null)
    {
        var who = await actor.GetActorAsync();
        var now = time.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Departments.AnyAsync(d => d.Code == file.OwnerDepartmentCode, ct))
            throw ValidationFailedException.For("ownerDepartment", ErrorCodes.UnknownCode, file.OwnerDepartmentCode);

        var document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Slug == file.Slug, ct);
        var approve = file.Approved && (mayApprove ?? settings.SyncMayApprove);
        if (document is null)
        {
            document = new PolicyDocument
            {
                Slug = file.Slug, Title = file.Title, OwnerDepartmentCode = file.OwnerDepartmentCode, GuidelineEdition = file.GuidelineEdition,
            };
            Describe(document, file);
            db.PolicyDocuments.Add(document);
            db.PolicyRevisions.Add(NewRevision(document, file, approve, who, now));
            await db.SaveChangesAsync(ct);
            return new PolicySyncFile(fileName, PolicySyncOutcome.Added, file.Slug, file.Number, Stage(approve));
        }

        var revisions = await db.PolicyRevisions.Where(r => r.DocumentId == document.Id)
            .Select(r => new { r.Number, r.Stage, r.EffectiveOn, r.SourceHash }).ToListAsync(ct);
        var newest = revisions.Max(r => r.Number);
        var same = revisions.FirstOrDefault(r => r.Number == file.Number);
        if (same is not null)
        {
            if (same.SourceHash == file.Hash) return new PolicySyncFile(fileName, PolicySyncOutcome.Unchanged, file.Slug, file.Number);
            var body = await db.PolicyRevisions.Where(r => r.DocumentId == document.Id && r.Number == file.Number).Select(r => r.Body).SingleAsync(ct);
            // A different text under the same version would replace what was approved or acknowledged: refused.
            if (body != file.Body) throw ValidationFailedException.For("version", ErrorCodes.VersionNotRaised, file.Number, newest);
            if (SameFacts(document, file)) return new PolicySyncFile(fileName, PolicySyncOutcome.Unchanged, file.Slug, file.Number);
            Describe(document, file);
            await db.SaveOrConflictAsync(ct);
            return new PolicySyncFile(fileName, PolicySyncOutcome.Updated, file.Slug, file.Number);
        }
        if (file.Number < newest) throw ValidationFailedException.For("version", ErrorCodes.VersionBehind, file.Number, newest);
        if (revisions.FirstOrDefault(r => r.Stage != PolicyRevisionStage.Approved) is { } open)
            throw new DomainException(ErrorCodes.RevisionAlreadyOpen, open.Number);
        var previous = revisions.Where(r => r.Stage == PolicyRevisionStage.Approved).MaxBy(r => r.EffectiveOn);
        if (previous is not null && file.EffectiveOn < previous.EffectiveOn)
            throw ValidationFailedException.For("effectiveOn", ErrorCodes.EffectiveBeforePrevious, previous.EffectiveOn.ToString("yyyy-MM-dd"));

        // A draft does not yet change what the document follows: its guideline edition moves when it is approved.
        Describe(document, file, includeEdition: approve);
        db.PolicyRevisions.Add(NewRevision(document, file, approve, who, now));
        await db.SaveOrConflictAsync(ct);
        return new PolicySyncFile(fileName, PolicySyncOutcome.Revised, file.Slug, file.Number, Stage(approve));
    }

    private static PolicyRevisionStage Stage(bool approve) => approve ? PolicyRevisionStage.Approved : PolicyRevisionStage.Draft;

    private static bool SameFacts(PolicyDocument d, PolicyFileContent f) =>
        d.Title == f.Title && d.Kind == f.Kind && d.RuleNumber == f.RuleNumber && d.OwnerDepartmentCode == f.OwnerDepartmentCode
        && d.ReviewIntervalMonths == f.ReviewIntervalMonths && d.GuidelineEdition == f.GuidelineEdition
        && d.Audience == f.Audience.ToString() && d.IsPublic == f.IsPublic;

    /// <summary>Sets only what differs, so that an unchanged value never reaches the audit trail.</summary>
    private static void Describe(PolicyDocument d, PolicyFileContent f, bool includeEdition = true)
    {
        if (d.Title != f.Title) d.Title = f.Title;
        if (d.Kind != f.Kind) d.Kind = f.Kind;
        if (d.RuleNumber != f.RuleNumber) d.RuleNumber = f.RuleNumber;
        if (d.OwnerDepartmentCode != f.OwnerDepartmentCode) d.OwnerDepartmentCode = f.OwnerDepartmentCode;
        if (d.ReviewIntervalMonths != f.ReviewIntervalMonths) d.ReviewIntervalMonths = f.ReviewIntervalMonths;
        if (includeEdition && d.GuidelineEdition != f.GuidelineEdition) d.GuidelineEdition = f.GuidelineEdition;
        if (d.Audience != f.Audience.ToString()) d.Audience = f.Audience.ToString();
        if (d.IsPublic != f.IsPublic) d.IsPublic = f.IsPublic;
    }

    private static PolicyRevision NewRevision(PolicyDocument document, PolicyFileContent f, bool approve, AuditActor who, DateTimeOffset now) => new()
    {
        Document = document, Number = f.Number, Title = f.Title, Body = f.Body, Change = f.Change, EffectiveOn = f.EffectiveOn,
        Stage = Stage(approve), DraftedByUserId = who.UserId, DraftedByName = who.Name, DraftedAt = now, SourceHash = f.Hash,
        SubmittedAt = approve ? now : null, ApprovedAt = approve ? now : null,
        ApprovedByUserId = approve ? who.UserId : null, ApprovedByName = approve ? who.Name : null,
    };
}
