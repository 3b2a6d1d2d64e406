using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;

namespace SecOpsDx.Core.Policies;

/// <summary>
/// Reads of the policy register, shaped for its pages and for the features that fold them in (My tasks,
/// reminders). Every answer is a record; states follow from today's date in Japan.
/// </summary>
public sealed class PolicyQueries(IDbContextFactory<SecOpsDxDbContext> factory, TimeProvider time, GuidelineEditions editions)
{
    private sealed record Facts(PolicyDocument Document, IReadOnlyList<RevisionFacts> Revisions, RevisionFacts? InForce);

    private DateOnly Today => JapanTime.Today(time);

    private async Task<List<Facts>> FactsAsync(SecOpsDxDbContext db, CancellationToken ct)
    {
        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync(ct);
        var revisions = (await db.PolicyRevisions.AsNoTracking()
            .Select(r => new { r.DocumentId, Facts = new RevisionFacts(r.Id, r.Number, r.Stage, r.EffectiveOn, r.Change, r.ApprovedAt) })
            .ToListAsync(ct)).ToLookup(r => r.DocumentId, r => r.Facts);
        var today = Today;
        return documents.Select(d =>
        {
            var list = revisions[d.Id].OrderBy(r => r.Number).ToList();
            return new Facts(d, list, PolicyRules.InForce(list, today, d.AbolishedOn));
        }).ToList();
    }

    private ReviewNeed NeedOf(PolicyDocument d, DateOnly? nextDue)
    {
        // An abolished document is not reviewed any more.
        if (d.AbolishedOn is { } abolished && abolished <= Today) return ReviewNeed.None;
        var overdue = nextDue is { } due && due < Today;
        var older = editions.IsOutdated(d.GuidelineEdition);
        return (overdue, older) switch
        {
            (true, true) => ReviewNeed.OverdueAndOlderEdition,
            (true, false) => ReviewNeed.Overdue,
            (false, true) => ReviewNeed.OlderEdition,
            _ => ReviewNeed.None,
        };
    }

    /// <summary>The CISO's register: every document, in kind and id order.</summary>
    public async Task<IReadOnlyList<RegisterRow>> RegisterAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var facts = await FactsAsync(db, ct);
        var owners = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var today = Today;
        return facts.Select(f =>
        {
            var d = f.Document;
            var next = PolicyRules.NextReviewDue(d.LastReviewedOn, f.InForce?.EffectiveOn, d.ReviewIntervalMonths);
            var open = f.Revisions.FirstOrDefault(r => r.Stage != PolicyRevisionStage.Approved);
            var approved = f.Revisions.Where(r => r.Stage == PolicyRevisionStage.Approved).OrderBy(r => r.Number).ToList();
            var enacted = approved.Count > 0 ? approved[0].EffectiveOn : (DateOnly?)null;
            // 改正日: the day the revision in force was approved, when it amends an earlier one.
            var amended = f.InForce is { } current && approved.Count > 0 && current.Number != approved[0].Number && current.ApprovedAt is { } at
                ? JapanTime.DateOf(at) : (DateOnly?)null;
            return new RegisterRow(d.Id, d.Slug, d.Title, d.Kind, d.RuleNumber, d.OwnerDepartmentCode, owners.GetValueOrDefault(d.OwnerDepartmentCode),
                f.InForce?.Number, f.InForce?.EffectiveOn, enacted, amended, d.LastReviewedOn, next, NeedOf(d, next), d.GuidelineEdition, d.IsPublic,
                open?.Id, open?.Number, open is null ? null : PolicyRules.StateOf(open, f.Revisions, today, d.AbolishedOn));
        }).OrderBy(r => r.Kind).ThenBy(r => r.Slug, StringComparer.Ordinal).ToList();
    }

    /// <summary>Documents whose review is overdue or whose guideline edition is behind (for the register and reminders).</summary>
    public async Task<IReadOnlyList<ReviewDue>> ReviewsOverdueAsync(CancellationToken ct = default) =>
        (await RegisterAsync(ct)).Where(r => r.ReviewNeeded)
            .Select(r => new ReviewDue(r.DocumentId, r.Slug, r.Title, r.NextReviewDue, r.Need)).ToList();

    /// <summary>Documents whose review falls due within the coming days and is not yet overdue.</summary>
    public async Task<IReadOnlyList<ReviewDue>> ReviewsDueWithinAsync(int days, CancellationToken ct = default)
    {
        var until = Today.AddDays(days);
        return (await RegisterAsync(ct)).Where(r => !r.ReviewNeeded && r.NextReviewDue is { } due && due <= until)
            .Select(r => new ReviewDue(r.DocumentId, r.Slug, r.Title, r.NextReviewDue, r.Need)).ToList();
    }

    public async Task<DocumentView?> DocumentAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == slug, ct);
        if (d is null) return null;
        var revisions = await db.PolicyRevisions.AsNoTracking().Where(r => r.DocumentId == d.Id).OrderByDescending(r => r.Number)
            .Select(r => new { r.Id, r.Number, r.Title, r.Change, r.Stage, r.EffectiveOn, r.DraftedByUserId, r.DraftedByName, r.DraftedAt,
                r.ApprovedByUserId, r.ApprovedByName, r.ApprovedAt, r.ReturnComment })
            .ToListAsync(ct);
        var names = await PeopleAsync(db, revisions.SelectMany(r => new[] { r.DraftedByUserId, r.ApprovedByUserId }), ct);
        var facts = revisions.Select(r => new RevisionFacts(r.Id, r.Number, r.Stage, r.EffectiveOn, r.Change)).ToList();
        var today = Today;
        var rows = revisions.Select(r => new RevisionRow(r.Id, r.Number, r.Title, r.Change,
            PolicyRules.StateOf(facts.First(f => f.Id == r.Id), facts, today, d.AbolishedOn), r.EffectiveOn,
            names.Of(r.DraftedByUserId, r.DraftedByName), r.DraftedAt, names.Of(r.ApprovedByUserId, r.ApprovedByName), r.ApprovedAt, r.ReturnComment)).ToList();
        var inForce = PolicyRules.InForce(facts, today, d.AbolishedOn);
        string? html = null;
        if (inForce is not null)
            html = PolicyMarkdown.ToSafeHtml(await db.PolicyRevisions.Where(r => r.Id == inForce.Id).Select(r => r.Body).SingleAsync(ct));
        var owner = await db.Departments.Where(x => x.Code == d.OwnerDepartmentCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var next = PolicyRules.NextReviewDue(d.LastReviewedOn, inForce?.EffectiveOn, d.ReviewIntervalMonths);
        return new DocumentView(d.Id, d.Slug, d.Title, d.Kind, d.RuleNumber, d.OwnerDepartmentCode, owner, d.ReviewIntervalMonths, d.GuidelineEdition,
            PolicyAudience.Parse(d.Audience), d.IsPublic, d.LastReviewedOn, next, NeedOf(d, next),
            inForce is null ? null : rows.First(r => r.Id == inForce.Id), html, rows, d.Version, d.AbolishedOn, d.AbolitionReason);
    }

    public async Task<RevisionView?> RevisionAsync(int revisionId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await db.PolicyRevisions.AsNoTracking().Include(x => x.Document).SingleOrDefaultAsync(x => x.Id == revisionId, ct);
        if (r is null) return null;
        var facts = await db.PolicyRevisions.AsNoTracking().Where(x => x.DocumentId == r.DocumentId)
            .Select(x => new RevisionFacts(x.Id, x.Number, x.Stage, x.EffectiveOn, x.Change)).ToListAsync(ct);
        var state = PolicyRules.StateOf(facts.First(f => f.Id == r.Id), facts, Today, r.Document!.AbolishedOn);
        var names = await PeopleAsync(db, [r.DraftedByUserId, r.ApprovedByUserId], ct);
        return new RevisionView(r.Id, r.DocumentId, r.Document.Slug, r.Document.Title, r.Number, r.Title, r.Body, r.Change, state, r.EffectiveOn,
            r.DraftedByUserId, names.Of(r.DraftedByUserId, r.DraftedByName), names.Of(r.ApprovedByUserId, r.ApprovedByName), r.ApprovedAt, r.ReturnComment, r.Version);
    }

    /// <summary>
    /// People by the name on their account. A revision stores who drafted and approved it as the audit trail does (the
    /// sign-in address); the pages show the name, and the stored one when the account has no name or is gone.
    /// </summary>
    private sealed class People(Dictionary<string, string> names)
    {
        [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(stored))]
        public string? Of(string? userId, string? stored) => userId is not null && names.TryGetValue(userId, out var name) ? name : stored;
    }

    private static async Task<People> PeopleAsync(SecOpsDxDbContext db, IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return new People(ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.DisplayName != null)
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName!, ct));
    }

    /// <summary>For the public page: documents marked public with a revision in force, and nothing else.</summary>
    public async Task<IReadOnlyList<PublicDocument>> PublicDocumentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await FactsAsync(db, ct)).Where(f => f.Document.IsPublic && f.InForce is not null)
            .OrderBy(f => f.Document.Kind).ThenBy(f => f.Document.Slug, StringComparer.Ordinal)
            .Select(f => new PublicDocument(f.Document.Slug, f.Document.Title, f.Document.Kind, f.Document.RuleNumber, f.InForce!.EffectiveOn)).ToList();
    }

    /// <summary>The text in force of a public document, as safe HTML; null when the document is not public or not in force.</summary>
    public async Task<(PublicDocument Document, string Html)?> PublicTextAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var f = (await FactsAsync(db, ct)).FirstOrDefault(x => x.Document.Slug == slug && x.Document.IsPublic && x.InForce is not null);
        if (f is null) return null;
        var body = await db.PolicyRevisions.Where(r => r.Id == f.InForce!.Id).Select(r => new { r.Title, r.Body }).SingleAsync(ct);
        return (new PublicDocument(f.Document.Slug, body.Title, f.Document.Kind, f.Document.RuleNumber, f.InForce!.EffectiveOn), PolicyMarkdown.ToSafeHtml(body.Body));
    }

    /// <summary>
    /// What a signed-in person may read: every 基本方針 and 対策基準 in force, and the 実施手順 in force whose audience
    /// includes them. Privileged readers (the register's users) pass <paramref name="everything"/>.
    /// </summary>
    public async Task<IReadOnlyList<ReadableDocument>> ReadableAsync(int? staffId, bool everything, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var reader = staffId is { } id ? await PolicyPeople.ReaderAsync(db, id, Today, ct) : null;
        return (await FactsAsync(db, ct)).Where(f => f.InForce is not null && (everything || MayRead(f.Document, reader)))
            .OrderBy(f => f.Document.Kind).ThenBy(f => f.Document.Slug, StringComparer.Ordinal)
            .Select(f => new ReadableDocument(f.Document.Slug, f.Document.Title, f.Document.Kind, f.Document.RuleNumber, f.InForce!.Number, f.InForce.EffectiveOn))
            .ToList();
    }

    public async Task<bool> MayReadAsync(string slug, int? staffId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == slug, ct);
        if (d is null) return false;
        var reader = staffId is { } id ? await PolicyPeople.ReaderAsync(db, id, Today, ct) : null;
        return MayRead(d, reader);
    }

    private static bool MayRead(PolicyDocument d, PolicyReader? reader) =>
        d.Kind != PolicyKind.Procedure || (reader is not null && PolicyAudience.Parse(d.Audience).Includes(reader.Roles, reader.DepartmentCode, reader.ParentCode));

    /// <summary>
    /// Whether the account may start and edit revisions of the document and record its reviews: the CISO office, or a
    /// manager of its owner department (or of a 課 of the owning 部). The pages ask this before they show the editor.
    /// </summary>
    public async Task<bool> MayDraftAsync(string? userId, int documentId, CancellationToken ct = default)
    {
        if (userId is null) return false;
        await using var db = await factory.CreateDbContextAsync(ct);
        var owner = await db.PolicyDocuments.Where(d => d.Id == documentId).Select(d => d.OwnerDepartmentCode).SingleOrDefaultAsync(ct);
        if (owner is null) return false;
        return (await PolicyActor.ResolveAsync(db, new Auditing.AuditActor(userId, ""), ct)).MayDraft(owner);
    }

    public async Task<int?> StaffIdOfUserAsync(string? userId, CancellationToken ct = default) =>
        (await StaffOfUserAsync(userId, ct))?.StaffId;

    /// <summary>The staff record behind a sign-in account and its department.</summary>
    public async Task<StaffOfUser?> StaffOfUserAsync(string? userId, CancellationToken ct = default)
    {
        if (userId is null) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Staff.Where(s => s.UserId == userId).Select(s => new StaffOfUser(s.Id, s.DepartmentId)).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(ct))
            .Select(d => (d.Id, d.Name)).ToList();
    }

    /// <summary>
    /// The revisions in force that apply to the person and that they have not acknowledged, counting an acknowledgment
    /// of an earlier revision when only editorial revisions came after it. Empty for someone not in post.
    /// </summary>
    public async Task<IReadOnlyList<PendingAcknowledgment>> PendingAcknowledgmentsAsync(int staffId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var reader = await PolicyPeople.ReaderAsync(db, staffId, Today, ct);
        if (reader is not { InPost: true }) return [];
        var facts = await FactsAsync(db, ct);
        var acks = await db.PolicyAcknowledgments.AsNoTracking().Where(a => a.StaffId == staffId)
            .Select(a => new AckFact(a.DocumentId, a.RevisionNumber)).ToListAsync(ct);
        return Pending(facts, reader, acks);
    }

    /// <summary>
    /// <see cref="PendingAcknowledgmentsAsync"/> for everyone in post who has an account, in a few reads whatever the
    /// number of staff (for the reminders). People with nothing pending are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<PendingAcknowledgment>>> PendingAcknowledgmentsOfAllAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var facts = await FactsAsync(db, ct);
        if (!facts.Any(f => f.InForce is not null)) return new Dictionary<int, IReadOnlyList<PendingAcknowledgment>>();
        var readers = await PolicyPeople.ReadersInPostAsync(db, today, ct);
        var acks = (await db.PolicyAcknowledgments.AsNoTracking()
            .Select(a => new { a.StaffId, Fact = new AckFact(a.DocumentId, a.RevisionNumber) }).ToListAsync(ct))
            .ToLookup(a => a.StaffId, a => a.Fact);
        var result = new Dictionary<int, IReadOnlyList<PendingAcknowledgment>>();
        foreach (var reader in readers)
        {
            var pending = Pending(facts, reader, acks[reader.StaffId].ToList());
            if (pending.Count > 0) result[reader.StaffId] = pending;
        }
        return result;
    }

    private sealed record AckFact(int DocumentId, int RevisionNumber);

    private static List<PendingAcknowledgment> Pending(List<Facts> facts, PolicyReader reader, List<AckFact> acks)
    {
        var result = new List<PendingAcknowledgment>();
        foreach (var f in facts.Where(f => f.InForce is not null)
                     .OrderBy(f => f.Document.Kind).ThenBy(f => f.Document.Slug, StringComparer.Ordinal))
        {
            var d = f.Document;
            if (!PolicyAudience.Parse(d.Audience).Includes(reader.Roles, reader.DepartmentCode, reader.ParentCode)) continue;
            var current = f.InForce!;
            var from = PolicyRules.AcknowledgedFrom(f.Revisions, current);
            var mine = acks.Where(a => a.DocumentId == d.Id).Select(a => a.RevisionNumber).ToList();
            if (mine.Any(n => n >= from && n <= current.Number)) continue;
            result.Add(new PendingAcknowledgment(current.Id, d.Id, d.Slug, d.Title, d.Kind, d.RuleNumber, current.Number, current.EffectiveOn,
                current.Change, mine.Count > 0));
        }
        return result;
    }

    public async Task<int> PendingAcknowledgmentCountAsync(int staffId, CancellationToken ct = default) =>
        (await PendingAcknowledgmentsAsync(staffId, ct)).Count;

    /// <summary>
    /// Per document in force, how many of the department's staff in post (its 課 included) it applies to and how many
    /// acknowledged the revision in force. Staff who left, or have yet to join, are not counted.
    /// </summary>
    public async Task<DepartmentAcknowledgments?> DepartmentAcknowledgmentsAsync(int departmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) return null;
        return new DepartmentAcknowledgments(department.Id, department.Name, await RatesAsync(db, departmentId, ct));
    }

    /// <summary>The same counts over everyone in post in the organisation, in one pass (the CISO's figures).</summary>
    public async Task<IReadOnlyList<DepartmentRate>> OrganisationAcknowledgmentsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RatesAsync(db, null, ct);
    }

    /// <param name="departmentId">A department with its 課; null for the whole organisation.</param>
    private async Task<List<DepartmentRate>> RatesAsync(SecOpsDxDbContext db, int? departmentId, CancellationToken ct)
    {
        var facts = (await FactsAsync(db, ct)).Where(f => f.InForce is not null)
            .OrderBy(f => f.Document.Kind).ThenBy(f => f.Document.Slug, StringComparer.Ordinal).ToList();
        // Documents for everyone are counted in the database (one row per version, not per person); only those meant for
        // some roles or departments need each person's acknowledgments beside their roles.
        var forEveryone = facts.Where(f => PolicyAudience.Parse(f.Document.Audience).IsEveryone).Select(f => f.Document.Id).ToList();
        var restricted = facts.Select(f => f.Document.Id).Except(forEveryone).ToList();
        var inPost = PolicyPeople.InPost(db, Today, departmentId);
        var everyone = forEveryone.Count == 0 ? 0 : await inPost.CountAsync(ct);
        var restrictedCounts = await RestrictedCountsAsync(db, inPost, facts.Where(f => restricted.Contains(f.Document.Id)).ToList(), ct);
        var counted = forEveryone.Count == 0 ? [] : await EveryoneCountsAsync(db, inPost, Today, departmentId is null, ct);
        var rows = new List<DepartmentRate>();
        foreach (var f in facts)
        {
            int applicable, acknowledged;
            if (forEveryone.Contains(f.Document.Id))
            {
                // A person acknowledges once within the versions that count (AcknowledgePolicy adds nothing after that).
                var from = PolicyRules.AcknowledgedFrom(f.Revisions, f.InForce!);
                applicable = everyone;
                acknowledged = Math.Min(applicable, counted
                    .Where(c => c.Key.DocumentId == f.Document.Id && c.Key.RevisionNumber >= from && c.Key.RevisionNumber <= f.InForce!.Number).Sum(c => c.Value));
            }
            else (applicable, acknowledged) = restrictedCounts[f.Document.Id];
            rows.Add(new DepartmentRate(f.Document.Id, f.Document.Slug, f.Document.Title, f.InForce!.Number, applicable, acknowledged));
        }
        return rows;
    }

    /// <summary>People in post who acknowledged each revision (document, revision number → people).</summary>
    /// <remarks>
    /// For the whole organisation the count is taken over everyone (read off the (DocumentId, RevisionNumber, StaffId)
    /// index in order) less those not in post, who are few: filtering the acknowledgments by the people in post instead
    /// made SQLite look up every one of them, most of the dashboard's policy time at 50,000 staff. A department's count is
    /// filtered by its own people, who are few.
    /// </remarks>
    private static async Task<Dictionary<(int DocumentId, int RevisionNumber), int>> EveryoneCountsAsync(SecOpsDxDbContext db,
        IQueryable<Organization.StaffMember> inPost, DateOnly today, bool wholeOrganisation, CancellationToken ct)
    {
        // People per revision among the acknowledgments of the given staff (everyone when null).
        async Task<Dictionary<(int DocumentId, int RevisionNumber), int>> PeopleAsync(IQueryable<int>? staffIds) =>
            (await (staffIds is null ? db.PolicyAcknowledgments.AsNoTracking() : db.PolicyAcknowledgments.AsNoTracking().Where(a => staffIds.Contains(a.StaffId)))
                .GroupBy(a => new { a.DocumentId, a.RevisionNumber })
                .Select(g => new { g.Key.DocumentId, g.Key.RevisionNumber, People = g.Select(a => a.StaffId).Distinct().Count() })
                .ToListAsync(ct))
            .ToDictionary(c => (c.DocumentId, c.RevisionNumber), c => c.People);

        if (!wholeOrganisation) return await PeopleAsync(inPost.Select(s => s.Id));
        var counts = await PeopleAsync(null);
        // "StaffId IN (those not in post)", so SQLite looks up each of them in the StaffId index; written as a join it
        // walked every acknowledgment instead (60 ms at 50,000 staff against 7).
        foreach (var (revision, people) in await PeopleAsync(PolicyPeople.NotInPost(db, today).Select(p => p.Id))) counts[revision] -= people;
        return counts;
    }

    /// <summary>
    /// For documents meant for some roles or departments: how many of the given staff in post it applies to (their
    /// department's code or its parent's named, or one of the roles held) and how many of them acknowledged a revision
    /// that counts for the one in force. Counted in the database, one statement per document.
    /// </summary>
    private static async Task<Dictionary<int, (int Applicable, int Acknowledged)>> RestrictedCountsAsync(SecOpsDxDbContext db,
        IQueryable<Organization.StaffMember> inPost, List<Facts> documents, CancellationToken ct)
    {
        var result = new Dictionary<int, (int, int)>();
        if (documents.Count == 0) return result;
        var departments = await db.Departments.AsNoTracking()
            .Select(d => new { d.Id, d.Code, ParentCode = d.Parent != null ? d.Parent.Code : null }).ToListAsync(ct);
        foreach (var f in documents)
        {
            var audience = PolicyAudience.Parse(f.Document.Audience);
            var departmentIds = departments
                .Where(d => audience.Includes([], d.Code, d.ParentCode)).Select(d => d.Id).ToList();
            var roles = audience.Roles.ToList();
            var roleHolders = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where roles.Contains(r.Name!) select ur.UserId;
            var documentId = f.Document.Id;
            var from = PolicyRules.AcknowledgedFrom(f.Revisions, f.InForce!);
            var number = f.InForce!.Number;
            var counts = await inPost
                .Where(s => departmentIds.Contains(s.DepartmentId) || (s.UserId != null && roleHolders.Contains(s.UserId)))
                .GroupBy(s => 1)
                .Select(g => new
                {
                    Applicable = g.Count(),
                    Acknowledged = g.Count(s => db.PolicyAcknowledgments.Any(a =>
                        a.StaffId == s.Id && a.DocumentId == documentId && a.RevisionNumber >= from && a.RevisionNumber <= number)),
                })
                .SingleOrDefaultAsync(ct);
            result[documentId] = counts is null ? (0, 0) : (counts.Applicable, counts.Acknowledged);
        }
        return result;
    }

    /// <summary>The department's staff in post to whom the document applies and who have not acknowledged its revision in force.</summary>
    public async Task<IReadOnlyList<MissingStaff>> MissingAcknowledgmentsAsync(int departmentId, int documentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var f = (await FactsAsync(db, ct)).FirstOrDefault(x => x.Document.Id == documentId && x.InForce is not null);
        if (f is null) return [];
        var (people, acks) = await DepartmentPeopleAsync(db, departmentId, [documentId], ct);
        var from = PolicyRules.AcknowledgedFrom(f.Revisions, f.InForce!);
        var done = acks.Where(a => a.DocumentId == documentId && a.RevisionNumber >= from && a.RevisionNumber <= f.InForce!.Number)
            .Select(a => a.StaffId).ToHashSet();
        var audience = PolicyAudience.Parse(f.Document.Audience);
        return people.Where(p => audience.Includes(p.Roles, p.DepartmentCode, p.ParentCode) && !done.Contains(p.StaffId))
            .OrderBy(p => p.EmployeeNumber, StringComparer.Ordinal)
            .Select(p => new MissingStaff(p.StaffId, p.EmployeeNumber, p.FullName, p.DepartmentName, p.Title)).ToList();
    }

    /// <summary>新旧対照表 between two revisions of one document, the older one as 改正前 whatever order they are given in.</summary>
    public async Task<ComparisonView?> CompareAsync(int revisionA, int revisionB, bool collapseUnchanged, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pair = await db.PolicyRevisions.AsNoTracking().Include(r => r.Document)
            .Where(r => r.Id == revisionA || r.Id == revisionB).ToListAsync(ct);
        if (pair.Count != 2 || pair[0].DocumentId != pair[1].DocumentId) return null;
        var older = pair.MinBy(r => r.Number)!;
        var newer = pair.MaxBy(r => r.Number)!;
        var rows = AmendmentComparison.Compare(older.Body, newer.Body, collapseUnchanged);
        var d = newer.Document!;
        return new ComparisonView(d.Id, d.Slug, d.Title, d.RuleNumber, older.Id, older.Number, older.EffectiveOn, newer.Id, newer.Number,
            newer.EffectiveOn, rows);
    }

    private sealed record Person(int StaffId, string EmployeeNumber, string FullName, string? Title, string DepartmentCode, string DepartmentName,
        string? ParentCode, IReadOnlyCollection<string> Roles);

    private sealed record Ack(int StaffId, int DocumentId, int RevisionNumber);

    /// <summary>The department's staff in post with their roles, and their acknowledgments of the given documents.</summary>
    private async Task<(List<Person> People, List<Ack> Acks)> DepartmentPeopleAsync(SecOpsDxDbContext db, int? departmentId,
        IReadOnlyCollection<int> documentIds, CancellationToken ct)
    {
        var staff = await PolicyPeople.InPost(db, Today, departmentId)
            .Select(s => new { s.Id, s.EmployeeNumber, s.FullName, s.Title, s.UserId, s.Department!.Code, s.Department.Name,
                Parent = s.Department.Parent != null ? s.Department.Parent.Code : null })
            .ToListAsync(ct);
        var userIds = staff.Where(s => s.UserId != null).Select(s => s.UserId!).ToList();
        var roles = userIds.Count == 0 ? [] : await PolicyPeople.RolesAsync(db, userIds, ct);
        var people = staff.Select(s => new Person(s.Id, s.EmployeeNumber, s.FullName, s.Title, s.Code, s.Name, s.Parent,
            s.UserId is not null && roles.TryGetValue(s.UserId, out var r) ? r : [])).ToList();
        // By the staff index rather than a join per acknowledgment: a 部 of a thousand people reads only their rows.
        var staffIds = PolicyPeople.InPost(db, Today, departmentId).Select(s => s.Id);
        var acks = documentIds.Count == 0 ? [] : await db.PolicyAcknowledgments.AsNoTracking()
            .Where(a => staffIds.Contains(a.StaffId) && documentIds.Contains(a.DocumentId))
            .Select(a => new Ack(a.StaffId, a.DocumentId, a.RevisionNumber)).ToListAsync(ct);
        return (people, acks);
    }
}
