using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Incidents;

/// <summary>Every incident use case wired to one test database, acting as one person at a time the test controls.</summary>
public sealed class IncidentDesk
{
    public static readonly IncidentTaxonomy Taxonomy =
        IncidentTaxonomy.Load(Path.Combine(AppContext.BaseDirectory, "config", IncidentTaxonomy.FileName));

    public IncidentDesk(TestDatabase db, TimeProvider time, string actor = "csirt@example.jp", string? evidenceDirectory = null)
    {
        var writes = new TicketWrites(db.Factory, new FixedActor(new AuditActor("u-" + actor, actor)), time);
        var duty = new RegulatoryDuty(Taxonomy);
        Duty = duty;
        Receive = new ReceiveIncident(writes, Taxonomy, duty);
        Triage = new TriageIncident(writes, Taxonomy, duty);
        Move = new MoveIncident(writes);
        Close = new CloseIncident(writes);
        Timeline = new AddTimelineEntry(writes);
        Reports = new RecordAuthorityReport(writes, Taxonomy);
        AddTask = new AddIncidentTask(writes);
        CompleteTask = new CompleteIncidentTask(writes);
        Evidence = new AddEvidence(writes, new EvidenceStore(evidenceDirectory ?? Path.GetTempPath()));
        Links = new LinkIncidents(writes);
        FollowUp = new AddReporterFollowUp(writes, new EvidenceStore(evidenceDirectory ?? Path.GetTempPath()));
        Queries = new IncidentQueries(db.Factory, Taxonomy, time, duty);
    }

    public RegulatoryDuty Duty { get; }
    public ReceiveIncident Receive { get; }
    public TriageIncident Triage { get; }
    public MoveIncident Move { get; }
    public CloseIncident Close { get; }
    public AddTimelineEntry Timeline { get; }
    public RecordAuthorityReport Reports { get; }
    public AddIncidentTask AddTask { get; }
    public CompleteIncidentTask CompleteTask { get; }
    public AddEvidence Evidence { get; }
    public LinkIncidents Links { get; }
    public AddReporterFollowUp FollowUp { get; }
    public IncidentQueries Queries { get; }
}
