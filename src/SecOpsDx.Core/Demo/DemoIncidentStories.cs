using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Auditing;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Incidents;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// The incidents a newcomer finds on first start: a CSIRT that has been working for two fiscal years, with a
/// ticket in every state — a report nobody has looked at yet, a leak whose PPC 速報 is due in a few days, one being
/// contained with an overdue task, one in 事後対応, and closed ones (handled with lessons learned, judged not an
/// incident, merged as a duplicate). Timelines, tasks and PPC rows are written as the use cases write them.
/// Deterministic for the same date; does nothing when tickets exist already.
/// </summary>
public static class DemoIncidentStories
{
    public static async Task<int> SeedAsync(SecOpsDxDbContext db, IncidentTaxonomy taxonomy, RegulatoryDuty duty, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.Incidents.AnyAsync(ct)) return 0;
        var users = await db.Users.Where(u => u.Email != null).ToDictionaryAsync(u => u.Email!, u => (u.Id, Name: u.DisplayName ?? u.Email!), ct);
        AuditActor Actor(string email) => users.TryGetValue(email, out var u) ? new AuditActor(u.Id, u.Name) : new AuditActor(null, email);
        var csirt = Actor("csirt@example.jp");
        var staff = Actor("staff@example.jp");
        var today = JapanTime.DateOf(now);
        DateTimeOffset At(int daysAgo, int hour, int minute = 0) =>
            new(today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, minute)), JapanTime.Offset);

        var sequences = new Dictionary<int, int>();
        var stories = new List<Incident>();
        var tasks = new List<(Incident Incident, IncidentTask Task)>();
        Incident Ticket(string title, string description, IncidentSource source, string channel, DateTimeOffset received, AuditActor reporter, string? reporterUserId = null)
        {
            var year = FiscalYear.Of(received);
            var sequence = sequences[year.StartYear] = sequences.GetValueOrDefault(year.StartYear) + 1;
            var incident = new Incident
            {
                Title = title, Description = description, Source = source, Channel = channel, AwareAt = received.AddMinutes(-20), ReceivedAt = received,
                FiscalYear = year.StartYear, SequenceInYear = sequence, Number = taxonomy.FormatNumber(year, sequence),
                ReporterName = reporter.Name, ReporterUserId = reporterUserId,
            };
            db.Incidents.Add(incident);
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Intake, TimelineEvents.Intake, reporter, received,
                ("source", source.ToString()), ("channel", channel), ("reporter", reporter.Name)));
            stories.Add(incident);
            return incident;
        }
        void Triage(Incident i, string category, string severity, NetworkSegment segment, DateTimeOffset at, string? systems = null)
        {
            i.Classify(category, severity, segment, systems, at);
            i.AssignTo(csirt.UserId, csirt.Name);
            db.IncidentTimeline.Add(TimelineEvents.Entry(i, TimelineKind.Triage, TimelineEvents.Triage, csirt, at, ("category", category), ("severity", severity)));
            db.IncidentTimeline.Add(TimelineEvents.Entry(i, TimelineKind.Assignment, TimelineEvents.Assigned, csirt, at, ("name", csirt.Name)));
        }
        void Move(Incident i, IncidentStatus to, DateTimeOffset at, HandlingPhase? phase = null)
        {
            var before = i.Status;
            i.MoveTo(to, phase, at);
            db.IncidentTimeline.Add(TimelineEvents.Entry(i, TimelineKind.StatusChange, TimelineEvents.Status, csirt, at,
                ("from", before.ToString()), ("to", i.Status.ToString()), ("phase", i.Phase?.ToString())));
        }
        void Note(Incident i, string text, DateTimeOffset at) => db.IncidentTimeline.Add(TimelineEvents.Written(i, TimelineKind.Note, text, csirt, at));
        void Task(Incident i, string title, DateOnly due, DateTimeOffset created, DateTimeOffset? done = null)
        {
            // Tasks hold the ticket's id only: they are added once the tickets have theirs.
            tasks.Add((i, new IncidentTask
            {
                Title = title, OwnerUserId = csirt.UserId, OwnerName = csirt.Name, DueOn = due, CreatedAt = created, DoneAt = done, DoneBy = done is null ? null : csirt.Name,
            }));
            db.IncidentTimeline.Add(TimelineEvents.Entry(i, TimelineKind.Note, TimelineEvents.TaskAdded, csirt, created,
                ("title", title), ("owner", csirt.Name), ("due", TimelineEvents.Date(due))));
            if (done is { } d) db.IncidentTimeline.Add(TimelineEvents.Entry(i, TimelineKind.Note, TimelineEvents.TaskDone, csirt, d, ("title", title)));
        }

        // Last fiscal year: a misdelivery to residents, reported to the PPC and closed with its lessons.
        var lastYear = FiscalYear.Of(now).Previous;
        var closedDay = (today.DayNumber - lastYear.FirstDay.AddMonths(7).DayNumber);
        var misdelivery = Ticket("住民宛て通知の誤送付(2名分の入れ替わり)", "窓口で封入を誤り、住民2名の課税通知が入れ替わって送付された。本人から電話で連絡あり。",
            IncidentSource.Internal, "phone", At(closedDay, 10, 15), staff);
        Triage(misdelivery, "mismail", "medium", NetworkSegment.Unknown, At(closedDay, 11));
        misdelivery.RecordPersonalData(misdelivery.AwareAt, true, 2, sensitive: true, false, false, false, false, false);
        Move(misdelivery, IncidentStatus.Handling, At(closedDay, 11, 30), HandlingPhase.Containment);
        Task(misdelivery, "誤送付先を訪問して通知を回収する", lastYear.FirstDay.AddMonths(7).AddDays(1), At(closedDay, 11, 40), At(closedDay - 1, 15));
        Note(misdelivery, "誤送付先2件を訪問し、通知を回収。本人へ謝罪し、正しい通知を手渡しした。", At(closedDay - 1, 16));
        Move(misdelivery, IncidentStatus.PostIncident, At(closedDay - 5, 9));

        // Last fiscal year: a report that turned out to be ordinary spam.
        var spam = Ticket("迷惑メールが届いた", "見覚えのない差出人から英文のメールが届いた。添付ファイルはない。", IncidentSource.Internal, "form", At(closedDay - 30, 9, 5), staff);
        spam.CloseAsNotAnIncident("添付・リンクのない一般的な迷惑メール。削除を案内した。", At(closedDay - 30, 10));
        db.IncidentTimeline.Add(TimelineEvents.Entry(spam, TimelineKind.StatusChange, TimelineEvents.NotAnIncident, csirt, At(closedDay - 30, 10), ("text", spam.Resolution)));

        // This fiscal year: malware being contained, with one task overdue.
        var malware = Ticket("EDRが端末でマルウェアを検知", "LGWAN接続系の端末 PC-2041 で EDR が不審なプロセスを検知・隔離した。", IncidentSource.System, "api", At(3, 8, 50),
            new AuditActor(null, "EDR監視"));
        Triage(malware, "malware", "high", NetworkSegment.Lgwan, At(3, 9, 20), "PC-2041(LGWAN接続系)");
        Move(malware, IncidentStatus.Handling, At(3, 9, 30), HandlingPhase.Containment);
        Task(malware, "端末 PC-2041 をネットワークから切り離す", today.AddDays(-3), At(3, 9, 35), At(3, 9, 50));
        Task(malware, "同じ課の全端末をフルスキャンする", today.AddDays(-1), At(3, 10));
        Note(malware, "端末を切り離し、EDR の隔離を確認。利用者から聞き取り中。", At(3, 10, 30));

        // A second report of the same thing, merged into it once both have their ids.
        var duplicate = Ticket("パソコンに警告が出た", "画面右下にセキュリティの警告が出た。", IncidentSource.Internal, "form", At(3, 9), staff, staff.UserId);

        // A lost USB stick with 180 residents' data: the PPC 速報 is due in a few days.
        var usb = Ticket("個人情報を含むUSBメモリの紛失", "出張先から戻った後、住民180名分の健診結果を含むUSBメモリが見当たらない。", IncidentSource.Internal, "phone",
            At(1, 17, 10), Actor("manager@example.jp"));
        Triage(usb, "loss", "high", NetworkSegment.Unknown, At(1, 17, 40));
        usb.RecordPersonalData(usb.AwareAt, true, 180, sensitive: true, false, false, false, false, false);
        Task(usb, "立ち寄り先と交通機関に遺失物の照会をする", today.AddDays(1), At(1, 17, 45));

        // Website defacement suspected, now in 事後対応.
        var deface = Ticket("公開Webページの改ざんの疑い", "観光案内ページに見覚えのない外部リンクが追加されていると住民から通報。", IncidentSource.External, "mail", At(12, 14), new AuditActor(null, "住民からの通報"));
        Triage(deface, "deface", "medium", NetworkSegment.Internet, At(12, 14, 30), "CMS(インターネット接続系)");
        Move(deface, IncidentStatus.Handling, At(12, 15), HandlingPhase.Containment);
        Move(deface, IncidentStatus.Handling, At(11, 10), HandlingPhase.Recovery);
        Move(deface, IncidentStatus.PostIncident, At(8, 16));

        // A report nobody has looked at yet: this morning at 08:40, or just now when the demo starts before then (a
        // report received in the future would head every list sorted by arrival).
        var untouched = At(0, 8, 40) < now ? At(0, 8, 40) : now.AddMinutes(-10);
        Ticket("不審なメールの添付ファイルを開いてしまった", "請求書と書かれたメールの添付ファイル(ZIP)を開いた。その後の動作に変化はない。", IncidentSource.Internal, "form",
            untouched, staff, staff.UserId);

        // A resident's certificate with their My Number handed to another resident: one person, none of the cases of
        // 個人情報保護法 第68条, but a leak of 特定個人情報 without encryption, which 行政機関等 report (番号法 第29条の4).
        var myNumber = Ticket("マイナンバー入りの住民票の写しの誤交付", "窓口で、個人番号が記載された住民票の写し1名分を別の住民に交付した。翌日回収済み。",
            IncidentSource.Internal, "phone", At(4, 11, 30), Actor("manager@example.jp"));
        Triage(myNumber, "misissue", "medium", NetworkSegment.Unknown, At(4, 13));
        myNumber.RecordPersonalData(myNumber.AwareAt, true, 1, sensitive: false, false, false, false, specificPersonalInformation: true, false);
        Move(myNumber, IncidentStatus.Handling, At(4, 13, 10), HandlingPhase.Containment);

        // The PPC rows, as intake and triage keep them.
        await db.SaveChangesAsync(ct);
        duplicate.MergeInto(malware, At(3, 9, 40));
        db.IncidentTimeline.Add(TimelineEvents.Entry(duplicate, TimelineKind.StatusChange, TimelineEvents.MergedInto, csirt, At(3, 9, 40), ("number", malware.Number)));
        db.IncidentTimeline.Add(TimelineEvents.Entry(malware, TimelineKind.Note, TimelineEvents.MergedFrom, csirt, At(3, 9, 40), ("number", duplicate.Number), ("title", duplicate.Title)));
        foreach (var (incident, task) in tasks)
        {
            task.IncidentId = incident.Id;
            db.IncidentTasks.Add(task);
        }
        foreach (var i in stories) await duty.ApplyAsync(db, i, ct);
        await db.SaveChangesAsync(ct);

        // The misdelivery was reported to the PPC on time, the two residents told in person, and then closed with its lessons.
        void Sent(Incident incident, IncidentReport report, DateTimeOffset sent, string? method = null)
        {
            report.State = ReportState.Submitted;
            report.SubmittedAt = sent;
            report.SubmittedBy = csirt.Name;
            report.Method = method;
            db.IncidentTimeline.Add(TimelineEvents.Entry(incident, TimelineKind.Report, TimelineEvents.Report, csirt, sent,
                ("channel", report.Channel), ("state", nameof(ReportState.Submitted)), ("at", TimelineEvents.Moment(sent)), ("method", method)));
        }
        foreach (var report in await db.IncidentReports.Where(r => r.IncidentId == misdelivery.Id).ToListAsync(ct))
        {
            if (report.Channel == IncidentTaxonomy.NoticeIndividuals) Sent(misdelivery, report, misdelivery.AwareAt.AddDays(1), "訪問(謝罪と説明)");
            else Sent(misdelivery, report, report.DueAt!.Value.AddDays(-1));
        }
        // The My Number misissue: 速報 sent on its second day and the resident told by telephone; the 確報 is counting down.
        foreach (var report in await db.IncidentReports.Where(r => r.IncidentId == myNumber.Id && r.Channel != IncidentTaxonomy.PpcFinal).ToListAsync(ct))
            Sent(myNumber, report, myNumber.AwareAt.AddDays(1).AddHours(2), report.Channel == IncidentTaxonomy.NoticeIndividuals ? "電話" : "報告フォーム");
        misdelivery.Close("回収・謝罪・再送付を完了し、個人情報保護委員会へ速報・確報を提出した。", "封入物の照合を一人で行っていた。",
            "封入は二人で読み合わせて照合する。窓口の手順書を改訂した。", At(closedDay - 40, 17));
        db.IncidentTimeline.Add(TimelineEvents.Entry(misdelivery, TimelineKind.StatusChange, TimelineEvents.Closed, csirt, At(closedDay - 40, 17), ("text", misdelivery.Resolution)));
        await db.SaveChangesAsync(ct);
        return stories.Count;
    }
}
