using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// Past incident tickets for demonstrations and scale tests, spread over the current and the previous fiscal
/// year. Deterministic for the same count and date; tickets already there are kept and numbering continues.
/// </summary>
public static class DemoIncidents
{
    private static readonly string[] Titles =
    [
        "メールの誤送信(CCとBCCの取り違え)", "USBメモリの紛失", "EDRがマルウェアを検知", "標的型攻撃メールの受信",
        "住民宛て通知の誤送付", "公開Webページへの個人情報の誤掲載", "ノートPCの置き忘れ", "不審な外部からのアクセス",
        "委託先からの情報漏えいの報告", "基幹システムの障害",
    ];

    private static readonly Auditing.AuditActor SeedActor = new(null, "seed-demo");

    private static readonly string[] Categories = ["missend", "loss", "malware", "phish", "mismail", "mispublish", "loss", "unauth", "vendor", "outage"];

    public static async Task<int> SeedAsync(SecOpsDxDbContext db, IncidentTaxonomy taxonomy, int count, DateTimeOffset now, CancellationToken ct = default)
    {
        if (count <= 0) return 0;
        var random = new Random(4_2026 + count);
        var thisYear = FiscalYear.Of(now);
        var start = new DateTimeOffset(thisYear.Previous.FirstDay.ToDateTime(TimeOnly.MinValue), JapanTime.Offset);
        var span = now - start;
        var lastSequence = await db.Incidents.GroupBy(i => i.FiscalYear)
            .Select(g => new { Year = g.Key, Last = g.Max(i => i.SequenceInYear) })
            .ToDictionaryAsync(x => x.Year, x => x.Last, ct);

        // Received times in order, so numbers rise with time as they do in real use.
        var received = Enumerable.Range(0, count).Select(_ => start + span * random.NextDouble()).Order().ToList();
        var added = 0;
        foreach (var batch in received.Chunk(1000))
        {
            foreach (var at in batch)
            {
                var pick = random.Next(Titles.Length);
                var year = FiscalYear.Of(at).StartYear;
                var sequence = lastSequence[year] = lastSequence.GetValueOrDefault(year) + 1;
                var incident = new Incident
                {
                    Title = Titles[pick],
                    Description = "デモデータ",
                    Source = (IncidentSource)random.Next(3),
                    Channel = random.Next(2) == 0 ? "form" : "api",
                    Category = Categories[pick],
                    Severity = new[] { "low", "medium", "medium", "high", "critical" }[random.Next(5)],
                    AwareAt = at.AddHours(-random.Next(0, 48)),
                    ReceivedAt = at,
                    FiscalYear = year,
                    SequenceInYear = sequence,
                    Number = taxonomy.FormatNumber(FiscalYear.Of(at), sequence),
                    PersonalDataInvolved = random.Next(3) == 0,
                };
                // Older tickets are mostly finished; the recent ones are still being worked.
                var age = now - at;
                if (age > TimeSpan.FromDays(2)) incident.StartTriage(at.AddHours(random.Next(1, 30)));
                if (age > TimeSpan.FromDays(5)) incident.StartHandling();
                if (age > TimeSpan.FromDays(20))
                {
                    incident.StartPostIncident();
                    incident.Close("対応完了(デモ)", "デモデータ", "デモデータ", at.AddDays(random.Next(3, 20)));
                }
                db.Incidents.Add(incident);
                db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Intake, TimelineEvents.Intake, SeedActor, at,
                    ("source", incident.Source.ToString()), ("channel", incident.Channel)));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            added += batch.Length;
        }
        return added;
    }
}
