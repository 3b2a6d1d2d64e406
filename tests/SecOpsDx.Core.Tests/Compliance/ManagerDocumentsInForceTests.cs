using Microsoft.Extensions.Options;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Policies;
using SecOpsDx.Core.Tests.Incidents;
using SecOpsDx.Core.Tests.Policies;
using SecOpsDx.Core.Tests.Separation;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Tests.Training;

namespace SecOpsDx.Core.Tests.Compliance;

/// <summary>
/// A manager's "documents in force" counts the documents whose audience includes their department: the basic policy
/// (for everyone), 市民部's procedure (a 部 includes its 課) and the CSIRT procedure only where it has readers.
/// </summary>
public sealed class ManagerDocumentsInForceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PolicyDesk _policies = default!;
    private ComplianceQueries _queries = default!;
    private Dictionary<string, int> _departments = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _policies = new PolicyDesk(_db, new PolicySettings { SyncMayApprove = true });
        _departments = await _policies.DepartmentsAsync();
        var folder = PolicyDesk.WriteFile(null, "basic.md", PolicyDesk.File_("basic", 1, "2025-04-01", "# 方針\n\n第1条 本文。"));
        PolicyDesk.WriteFile(folder, "csirt.md", PolicyDesk.File_("csirt", 1, "2025-04-01", "手順", kind: "実施手順", audience: "role:Csirt dept:1030", title: "CSIRT手順"));
        PolicyDesk.WriteFile(folder, "counter.md", PolicyDesk.File_("counter", 1, "2025-04-01", "手順", kind: "実施手順", audience: "dept:2000", title: "窓口手順"));
        Assert.False((await _policies.Sync.ExecuteAsync(folder)).AnyRefused);
        await _policies.StaffAsync("S001", "2010");
        await _policies.StaffAsync("S002", "1020");

        var training = new TrainingDesk(_db, JapanTime.DateOf(PolicyDesk.Start));
        var controls = new ControlDesk(_db, training.Time, new AuditActor(null, "system:test"), Path.GetTempPath());
        _queries = new ComplianceQueries(training, training.Time, Options.Create(new ComplianceSettings()),
            training.Queries, training.DrillQueries, new PolicyQueries(training, training.Time, PolicyDesk.Editions), controls.Queries, controls.SelfChecks,
            new IncidentQueries(training, IncidentDesk.Taxonomy, training.Time, new RegulatoryDuty(IncidentDesk.Taxonomy)), IncidentDesk.Taxonomy,
            new OrganPublicationQueries(training, training.Time, PolicyDesk.Organs));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(null, 3)]     // the whole register
    [InlineData("2010", 2)]   // 市民課: the basic policy and 市民部's procedure
    [InlineData("2000", 2)]   // 市民部 with its 課
    [InlineData("1030", 2)]   // 情報政策課: the basic policy and the CSIRT procedure, which names it
    [InlineData("1020", 1)]   // 人事課: the basic policy only
    public async Task A_managers_documents_in_force_are_those_meant_for_their_department(string? code, int expected)
    {
        var year = FiscalYear.Of(JapanTime.DateOf(PolicyDesk.Start));
        var summary = (await _queries.SummaryAsync(year, code is null ? null : _departments[code]))!;

        Assert.Equal(expected, summary.Policies.DocumentsInForce);
    }
}
