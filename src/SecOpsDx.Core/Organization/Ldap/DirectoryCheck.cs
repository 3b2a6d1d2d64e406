using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Organization.Ldap;

public sealed record DirectorySyncResult(int PeopleInDirectory, int LinkedStaff, int NewFindings, int OpenFindings, int Restored);

/// <summary>An open finding as the Admin's page shows it.</summary>
public sealed record DirectoryFindingView(
    int Id, int Version, int StaffId, string EmployeeNumber, string FullName, string DepartmentName, DateOnly? HiredOn,
    DirectoryFindingKind Kind, DateTime FoundAt);

public sealed record DirectoryRefusalView(DateTime At, string LoginName, DirectoryRefusalReason Reason, string? EmployeeNumber, string? ClientAddress);

/// <summary>
/// sync-directory: compares the linked staff with the directory. Staff whose directory account is gone or disabled
/// become findings for an Admin to confirm as retired (or dismiss); nothing is retired without that confirmation.
/// </summary>
public sealed class DirectoryCheck(SecOpsDxDbContext db, IDirectory directory, UserManager<ApplicationUser> users, ICurrentActor actor, TimeProvider time)
{
    /// <summary>Why the last <see cref="SyncAsync"/> could not read the directory.</summary>
    public DirectoryProblem? LastProblem { get; private set; }

    /// <summary>Null when the directory cannot be reached (nothing is changed then; <see cref="LastProblem"/> says why).</summary>
    public async Task<DirectorySyncResult?> SyncAsync(CancellationToken ct = default)
    {
        var listing = await directory.ListPeopleAsync(ct);
        LastProblem = listing.Problem;
        if (listing.People is not { } people) return null;
        var now = time.GetUtcNow();
        var byId = people.GroupBy(p => p.Id).ToDictionary(g => g.Key, g => g.First());
        var links = await db.UserLogins.AsNoTracking().Where(l => l.LoginProvider == DirectoryAccounts.LoginProvider)
            .Select(l => new { l.UserId, l.ProviderKey }).ToListAsync(ct);
        var linkOf = links.GroupBy(l => l.UserId).ToDictionary(g => g.Key, g => g.First().ProviderKey);
        var userIds = linkOf.Keys.ToList();
        var today = JapanTime.Today(time);
        var staff = (await db.Staff.Where(s => s.UserId != null && userIds.Contains(s.UserId)).ToListAsync(ct))
            // Someone whose date of leaving is recorded (even today or ahead) needs no confirmation any more.
            .Where(s => s.RetiredOn is null && s.IsActiveOn(today)).ToList();
        var open = await db.Set<DirectoryFinding>().Where(f => f.ResolvedAt == null).ToListAsync(ct);
        // A finding an Admin dismissed is not raised again for the same person and the same kind.
        var dismissed = (await db.Set<DirectoryFinding>().AsNoTracking()
                .Where(f => f.Resolution == DirectoryFindingResolution.Dismissed).Select(f => new { f.StaffMemberId, f.Kind }).ToListAsync(ct))
            .Select(f => (f.StaffMemberId, f.Kind)).ToHashSet();
        var nowUtc = now.UtcDateTime;
        int added = 0, restored = 0;
        foreach (var member in staff)
        {
            var person = byId.GetValueOrDefault(linkOf[member.UserId!]);
            DirectoryFindingKind? kind = person is null ? DirectoryFindingKind.Missing
                : person.Disabled ? DirectoryFindingKind.Disabled
                : person.ExpiredAt(now) ? DirectoryFindingKind.Expired
                : null;
            var existing = open.FirstOrDefault(f => f.StaffMemberId == member.Id);
            if (kind is null)
            {
                if (existing is null) continue;
                existing.ResolvedAt = nowUtc;
                existing.Resolution = DirectoryFindingResolution.Restored;
                existing.ResolvedBy = "sync-directory";
                restored++;
            }
            else if (existing is null)
            {
                if (dismissed.Contains((member.Id, kind.Value))) continue;
                db.Add(new DirectoryFinding { StaffMemberId = member.Id, Kind = kind.Value, FoundAt = nowUtc });
                added++;
            }
            else if (existing.Kind != kind)
            {
                existing.Kind = kind.Value;
            }
        }
        await db.SaveChangesAsync(ct);
        var stillOpen = await db.Set<DirectoryFinding>().CountAsync(f => f.ResolvedAt == null, ct);
        return new DirectorySyncResult(people.Count, staff.Count, added, stillOpen, restored);
    }

    public async Task<IReadOnlyList<DirectoryFindingView>> OpenFindingsAsync(CancellationToken ct = default) =>
        (await db.Set<DirectoryFinding>().AsNoTracking().Where(f => f.ResolvedAt == null)
            .Select(f => new DirectoryFindingView(f.Id, f.Version, f.StaffMemberId, f.StaffMember!.EmployeeNumber, f.StaffMember.FullName,
                f.StaffMember.Department!.Name, f.StaffMember.HiredOn, f.Kind, f.FoundAt))
            .ToListAsync(ct)).OrderBy(f => f.FoundAt).ThenBy(f => f.EmployeeNumber, StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<DirectoryRefusalView>> RecentRefusalsAsync(int count = 50, CancellationToken ct = default) =>
        (await db.DirectoryRefusals.AsNoTracking().OrderByDescending(r => r.Id).Take(count)
            .Select(r => new DirectoryRefusalView(r.At, r.LoginName, r.Reason, r.EmployeeNumber, r.ClientAddress)).ToListAsync(ct));

    /// <summary>The person has left: the staff record gets its 退職日 and the account is locked and its sessions end.</summary>
    public async Task ConfirmRetiredAsync(int findingId, int version, DateOnly? retiredOn, CancellationToken ct = default)
    {
        var finding = await OpenFindingAsync(findingId, version, ct);
        var errors = new FieldErrors();
        var today = JapanTime.Today(time);
        if (retiredOn is null) errors.Add("retiredOn", ErrorCodes.Required);
        else if (retiredOn > today) errors.Add("retiredOn", ErrorCodes.InFuture);
        var staff = await db.Staff.SingleAsync(s => s.Id == finding.StaffMemberId, ct);
        if (retiredOn is { } d && staff.HiredOn is { } hired && d < hired) errors.Add("retiredOn", ErrorCodes.RetiredBeforeHired);
        errors.ThrowIfAny();
        staff.RetiredOn = retiredOn;
        await ResolveAsync(finding, DirectoryFindingResolution.ConfirmedRetired, ct);
        if (staff.UserId is not null && await users.FindByIdAsync(staff.UserId) is { } account)
        {
            await BulkAccounts.CancelOutstandingLinksAsync(db, account.Id, time.GetUtcNow().UtcDateTime, ct);
            AccountProvisioning.Check(await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue));
            AccountProvisioning.Check(await users.UpdateSecurityStampAsync(account));
        }
    }

    public async Task DismissAsync(int findingId, int version, CancellationToken ct = default)
    {
        var finding = await OpenFindingAsync(findingId, version, ct);
        await ResolveAsync(finding, DirectoryFindingResolution.Dismissed, ct);
    }

    private async Task<DirectoryFinding> OpenFindingAsync(int id, int version, CancellationToken ct)
    {
        var finding = await db.Set<DirectoryFinding>().SingleOrDefaultAsync(f => f.Id == id, ct)
                      ?? throw new DomainException(ErrorCodes.FindingNotFound);
        if (finding.ResolvedAt is not null) throw new DomainException(ErrorCodes.FindingResolved);
        db.ExpectVersion(finding, version);
        return finding;
    }

    private async Task ResolveAsync(DirectoryFinding finding, DirectoryFindingResolution resolution, CancellationToken ct)
    {
        finding.ResolvedAt = time.GetUtcNow().UtcDateTime;
        finding.Resolution = resolution;
        finding.ResolvedBy = (await actor.GetActorAsync()).Name;
        await db.SaveOrConflictAsync(ct);
    }
}
