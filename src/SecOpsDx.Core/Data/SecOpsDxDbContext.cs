using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;

namespace SecOpsDx.Core.Data;

/// <summary>
/// The one database of the product. Every save of business data writes its audit entries in the same
/// transaction; see <see cref="SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public class SecOpsDxDbContext(
    DbContextOptions<SecOpsDxDbContext> options,
    ICurrentActor? actor = null,
    TimeProvider? time = null) : IdentityDbContext<ApplicationUser>(options)
{
    /// <summary>
    /// Serialises appends to the audit chain within this process, so two saves never read the same
    /// chain head. The unique index on <see cref="AuditEntry.Sequence"/> backs this up at the database.
    /// </summary>
    private static readonly SemaphoreSlim AuditLock = new(1, 1);

    private readonly ICurrentActor _actor = actor ?? new FixedActor(AuditActor.System);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentTimelineEntry> IncidentTimeline => Set<IncidentTimelineEntry>();
    public DbSet<IncidentReport> IncidentReports => Set<IncidentReport>();
    public DbSet<IncidentTask> IncidentTasks => Set<IncidentTask>();
    public DbSet<IncidentEvidence> IncidentEvidence => Set<IncidentEvidence>();
    public DbSet<IncidentLink> IncidentLinks => Set<IncidentLink>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<PasswordSetupLink> PasswordSetupLinks => Set<PasswordSetupLink>();
    public DbSet<Mail.OutboxMessage> Outbox => Set<Mail.OutboxMessage>();
    public DbSet<Mail.JobRun> JobRuns => Set<Mail.JobRun>();
    public DbSet<Organization.Ldap.DirectoryRefusal> DirectoryRefusals => Set<Organization.Ldap.DirectoryRefusal>();
    public DbSet<Organization.Ldap.DirectoryFinding> DirectoryFindings => Set<Organization.Ldap.DirectoryFinding>();
    public DbSet<StaffDepartmentMove> StaffDepartmentMoves => Set<StaffDepartmentMove>();
    public DbSet<Training.TrainingCourse> TrainingCourses => Set<Training.TrainingCourse>();
    public DbSet<Training.TrainingQuestion> TrainingQuestions => Set<Training.TrainingQuestion>();
    public DbSet<Training.TrainingRecord> TrainingRecords => Set<Training.TrainingRecord>();
    public DbSet<Training.TrainingExemption> TrainingExemptions => Set<Training.TrainingExemption>();
    public DbSet<Training.TrainingAssignee> TrainingAssignees => Set<Training.TrainingAssignee>();
    public DbSet<Training.TrainingRecordWithdrawal> TrainingRecordWithdrawals => Set<Training.TrainingRecordWithdrawal>();
    public DbSet<Training.Drill> Drills => Set<Training.Drill>();
    public DbSet<Training.DrillResult> DrillResults => Set<Training.DrillResult>();
    public DbSet<Training.DrillManualReport> DrillManualReports => Set<Training.DrillManualReport>();
    public DbSet<PolicyDocument> PolicyDocuments => Set<PolicyDocument>();
    public DbSet<PolicyRevision> PolicyRevisions => Set<PolicyRevision>();
    public DbSet<PolicyAcknowledgment> PolicyAcknowledgments => Set<PolicyAcknowledgment>();
    public DbSet<PolicyReview> PolicyReviews => Set<PolicyReview>();
    public DbSet<OrganPublication> OrganPublications => Set<OrganPublication>();
    public DbSet<Separation.SeparationSetting> SeparationSettings => Set<Separation.SeparationSetting>();
    public DbSet<Separation.SeparationModelChange> SeparationModelChanges => Set<Separation.SeparationModelChange>();
    public DbSet<Separation.SegmentSystem> SegmentSystems => Set<Separation.SegmentSystem>();
    public DbSet<Separation.ControlState> ControlStates => Set<Separation.ControlState>();
    public DbSet<Separation.ControlVerification> ControlVerifications => Set<Separation.ControlVerification>();
    public DbSet<Separation.ControlEvidence> ControlEvidence => Set<Separation.ControlEvidence>();
    public DbSet<Separation.ControlException> ControlExceptions => Set<Separation.ControlException>();
    public DbSet<Separation.SelfCheck> SelfChecks => Set<Separation.SelfCheck>();
    public DbSet<Separation.SelfCheckAnswer> SelfCheckAnswers => Set<Separation.SelfCheckAnswer>();
    public DbSet<Separation.SelfCheckFinding> SelfCheckFindings => Set<Separation.SelfCheckFinding>();
    public DbSet<Separation.IncidentControlLink> IncidentControlLinks => Set<Separation.IncidentControlLink>();
    public DbSet<Separation.CatalogueControl> CatalogueControls => Set<Separation.CatalogueControl>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SecOpsDxDbContext).Assembly);
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        StaffMoves.Record(ChangeTracker, Calendar.JapanTime.Today(_time));
        GuardAuditTrail();
        BumpVersions();

        var recorder = new AuditRecorder();
        recorder.Capture(ChangeTracker);
        if (!recorder.HasChanges)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var actor = await _actor.GetActorAsync();
        await AuditLock.WaitAsync(cancellationToken);
        try
        {
            var ownTransaction = Database.CurrentTransaction is null
                ? await Database.BeginTransactionAsync(cancellationToken)
                : null;
            try
            {
                var written = await base.SaveChangesAsync(true, cancellationToken);
                var head = await AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(cancellationToken);
                var entries = recorder.Build(actor, _time.GetUtcNow().UtcDateTime,
                    head?.Sequence ?? 0, head?.Hash ?? AuditEntry.GenesisHash);
                AuditEntries.AddRange(entries);
                await base.SaveChangesAsync(true, cancellationToken);
                foreach (var e in entries) Entry(e).State = EntityState.Detached;
                if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
                return written;
            }
            finally
            {
                if (ownTransaction is not null) await ownTransaction.DisposeAsync();
            }
        }
        finally
        {
            AuditLock.Release();
        }
    }

    private void GuardAuditTrail()
    {
        if (ChangeTracker.Entries<IAppendOnly>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted) is { } entry)
            throw new InvalidOperationException($"{entry.Metadata.ClrType.Name} rows are append-only: they cannot be changed or deleted.");
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
            entry.Entity.Version++;
    }
}
