using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Separation;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// The demo municipality's three-layer controls: model α, about forty systems across the segments, the catalogue
/// with a realistic mix of statuses, a few verifications overdue, one exception about to expire and one expired.
/// Deterministic: the same day gives the same data.
/// </summary>
public static class DemoControls
{
    /// <summary>The control the demo manager (市民課) owns whose monthly check is overdue.</summary>
    public const string OverdueOwnedControl = "MN-04";

    /// <summary>
    /// Overdue controls of 情報政策課 that name the demo Admin (its system administrator) as their owner: the department
    /// has no manager account in the demo, so this person hears of them in a weekly mail of their own.
    /// </summary>
    public static readonly IReadOnlyList<string> NamedOwnerControls = ["IN-02", "LG-01"];

    /// <summary>Findings of 市民課 from last 年度's self-check: one past its corrective-action date, one due this month.</summary>
    public const string OverdueFinding = "MN-05", DueSoonFinding = "MN-06";
    /// <summary>A finding of 情報政策課 from last 年度's self-check whose corrective action was recorded as done.</summary>
    public const string CorrectedFinding = "LG-03";

    /// <summary>The control the demo keeps from an earlier catalogue, retired, with its record.</summary>
    public const string RetiredControl = "IN-90";

    private static readonly (string Segment, string Name, string Department, int Terminals, string Vendor)[] Systems =
    [
        ("mynumber", "住民記録システム", "2010", 60, "北日本情報サービス"), ("mynumber", "住民税システム", "2020", 35, "北日本情報サービス"),
        ("mynumber", "固定資産税システム", "2020", 20, "北日本情報サービス"), ("mynumber", "国民健康保険システム", "2030", 25, "東都システムズ"),
        ("mynumber", "国民年金システム", "2030", 10, "東都システムズ"), ("mynumber", "介護保険システム", "3030", 22, "東都システムズ"),
        ("mynumber", "障害福祉システム", "3010", 15, "みらい福祉ソリューション"), ("mynumber", "生活保護システム", "3010", 12, "みらい福祉ソリューション"),
        ("mynumber", "児童手当システム", "3020", 10, "みらい福祉ソリューション"), ("mynumber", "子ども・子育て支援システム", "3020", 14, "みらい福祉ソリューション"),
        ("mynumber", "就学事務システム", "5020", 6, "学びネット"), ("mynumber", "中間サーバー接続端末", "1030", 4, "地方公共団体情報システム機構"),
        ("mynumber", "戸籍システム", "2010", 8, "北日本情報サービス"), ("mynumber", "印鑑登録システム", "2010", 6, "北日本情報サービス"),
        ("lgwan", "財務会計システム", "1040", 180, "東都システムズ"), ("lgwan", "人事給与システム", "1020", 12, "東都システムズ"),
        ("lgwan", "文書管理システム", "1010", 320, "ひかり文書"), ("lgwan", "グループウェア", "1030", 350, "ひかり文書"),
        ("lgwan", "庶務事務システム", "1020", 350, "東都システムズ"), ("lgwan", "契約管理システム", "1040", 15, "東都システムズ"),
        ("lgwan", "道路台帳システム", "4020", 10, "まちづくり測量"), ("lgwan", "都市計画GIS", "4010", 12, "まちづくり測量"),
        ("lgwan", "LGWAN-ASP電子申請", "1030", 5, "地方公共団体情報システム機構"), ("lgwan", "仮想ブラウザ基盤", "1030", 350, "セキュアブラウズ"),
        ("lgwan", "ファイル無害化装置", "1030", 2, "セキュアブラウズ"), ("lgwan", "メール無害化装置", "1030", 2, "セキュアブラウズ"),
        ("lgwan", "庁内LAN(本庁舎)", "1030", 300, "県央ネットワーク"), ("lgwan", "庁内LAN(支所)", "1030", 50, "県央ネットワーク"),
        ("internet", "インターネット接続基盤", "1030", 40, "県央ネットワーク"), ("internet", "外部メールサーバー", "1030", 2, "県央ネットワーク"),
        ("internet", "公式ウェブサイト", "1010", 3, "まちのWeb工房"), ("internet", "CMS編集端末", "1010", 6, "まちのWeb工房"),
        ("internet", "自治体情報セキュリティクラウド接続", "1030", 1, "県セキュリティクラウド"), ("internet", "公衆無線LAN(庁舎ロビー)", "1030", 0, "県央ネットワーク"),
        ("internet", "SNS発信端末", "1010", 3, "まちのWeb工房"), ("internet", "Web会議端末", "1030", 8, "県央ネットワーク"),
        ("internet", "図書館利用者端末", "5010", 12, "学びネット"), ("internet", "オンライン申請受付", "1030", 2, "まちのWeb工房"),
        ("internet", "防災情報配信", "1010", 2, "県央ネットワーク"), ("internet", "観光案内サイト", "1010", 1, "まちのWeb工房"),
    ];

    /// <summary>Status per control, in catalogue order where it is listed here; anything else is met.</summary>
    private static readonly Dictionary<string, ControlStatus> Statuses = new()
    {
        ["MN-05"] = ControlStatus.Partial, ["MN-06"] = ControlStatus.Partial, ["LG-03"] = ControlStatus.Partial,
        ["IN-05"] = ControlStatus.NotMet, ["CM-02"] = ControlStatus.Partial, ["CM-03"] = ControlStatus.NotMet,
        ["CM-05"] = ControlStatus.Partial, ["AP-01"] = ControlStatus.NotMet,
    };

    /// <summary>How many days ago each control was last verified; those past their frequency are overdue.</summary>
    private static int DaysSinceVerified(ControlDefinition c, int index) => c.Id switch
    {
        OverdueOwnedControl => 45,   // monthly: overdue
        "IN-02" => 40,               // monthly: overdue
        "LG-01" => 120,              // quarterly: overdue
        "CM-01" => 400,              // yearly: overdue
        _ => c.Frequency.IsFixedMonths ? 20 : Math.Max(1, c.Frequency.EveryMonths * 30 / 2 - index % 7),
    };

    public static async Task<int> SeedAsync(SecOpsDxDbContext db, ControlCatalogue catalogue, DateTimeOffset now, CancellationToken ct = default)
    {
        if (await db.SegmentSystems.AnyAsync(ct) || await db.ControlStates.AnyAsync(ct)) return 0;
        var today = JapanTime.DateOf(now);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        if (!departments.ContainsKey("1030")) return 0;
        const string Officer = "情報政策課 情報セキュリティ担当";
        var adminHolder = DemoOrganization.AccountHolders.First(h => h.Role == Organization.Roles.Admin);
        var adminId = await db.Users.Where(u => u.Email == adminHolder.Email).Select(u => u.Id).FirstOrDefaultAsync(ct);

        db.SeparationSettings.Add(new SeparationSetting { Model = "alpha", ChangedAt = now, ChangedBy = Officer });
        db.SeparationModelChanges.Add(new SeparationModelChange { FromModel = null, ToModel = "alpha", ChangedAt = now, ChangedBy = Officer });
        var systems = Systems.Select(s => new SegmentSystem
        {
            Name = s.Name, Segment = s.Segment, OwnerDepartmentId = departments[s.Department], Terminals = s.Terminals, Vendor = s.Vendor,
        }).ToList();
        db.SegmentSystems.AddRange(systems);
        await db.SaveChangesAsync(ct);

        var index = 0;
        foreach (var c in catalogue.Controls)
        {
            index++;
            var owner = c.Id.StartsWith("MN-", StringComparison.Ordinal) ? departments["2010"] : departments["1030"];
            var applies = c.AppliesTo("alpha");
            var status = Statuses.GetValueOrDefault(c.Id, ControlStatus.Met);
            DateOnly? last = applies ? today.AddDays(-DaysSinceVerified(c, index)) : null;
            if (c.Frequency.IsFixedMonths && applies) last = LastListedMonth(c.Frequency, today);
            var named = adminId is not null && NamedOwnerControls.Contains(c.Id);
            db.ControlStates.Add(new ControlState
            {
                ControlId = c.Id, Status = status, OwnerDepartmentId = owner, LastVerifiedOn = last,
                OwnerUserId = named ? adminId : null, OwnerName = named ? adminHolder.Name : null,
                EvidenceText = applies ? $"{c.EvidenceJa}(共有フォルダ「三層対策/{c.Id}」に保管)" : null,
                // 無害化通信 in the demo: mail through the メール無害化装置, browsing through the 仮想ブラウザ基盤.
                Methods = c.Methods.Count > 0 && status != ControlStatus.NotApplicable
                    ? string.Join(',', c.Methods.Select(m => m.Code).Where(m => m != "other")) : null,
                UpdatedAt = now, UpdatedBy = Officer,
            });
            if (last is { } on)
                db.ControlVerifications.Add(new ControlVerification
                {
                    ControlId = c.Id, VerifiedOn = on, Result = status == ControlStatus.Met ? VerificationResult.Passed : VerificationResult.PartlyPassed,
                    Notes = status == ControlStatus.Met ? "点検項目をすべて確認した。" : "一部の項目に不備があり、是正を依頼した。",
                    VerifiedBy = Officer, RecordedAt = now,
                });
        }

        // Multi-factor login is tracked system by system in the My Number segment: two systems lag behind.
        foreach (var s in systems.Where(s => s.Segment == "mynumber"))
        {
            var lagging = s.Name is "戸籍システム" or "印鑑登録システム";
            db.ControlStates.Add(new ControlState
            {
                ControlId = "MN-03", SystemId = s.Id, Status = lagging ? ControlStatus.Partial : ControlStatus.Met,
                LastVerifiedOn = today.AddDays(-60), UpdatedAt = now, UpdatedBy = Officer,
                EvidenceText = lagging ? "ICカード認証の導入は端末の更新時(次年度)に予定" : "ICカードと暗証番号による認証を確認",
            });
        }

        db.ControlExceptions.AddRange(
            new ControlException
            {
                ControlId = "CM-03", Reason = "支所サーバー室の入退室管理装置が故障し、部品の入荷待ち。",
                CompensatingMeasures = "鍵を情報政策課で保管し、入退室を紙の記録簿で管理。毎週、記録を課長が確認する。",
                ExpiresOn = today.AddDays(12), RequestedAt = now.AddDays(-50), RequestedBy = Officer, ApprovedAt = now.AddDays(-48), ApprovedBy = "副島 誠一",
            },
            new ControlException
            {
                ControlId = "IN-05", Reason = "公式ウェブサイトのWAFが契約更新の谷間にある。",
                CompensatingMeasures = "改ざん検知を1時間ごとに実施し、CMSへの管理者ログインを庁内の固定端末に限定。",
                ExpiresOn = today.AddDays(-9), RequestedAt = now.AddDays(-100), RequestedBy = Officer, ApprovedAt = now.AddDays(-98), ApprovedBy = "副島 誠一",
            },
            new ControlException
            {
                ControlId = "MN-05", Reason = "税務課の繁忙期に限り、専用端末を1台共用する。",
                CompensatingMeasures = "共用する端末の利用者を2名に限り、操作ログを毎日点検する。",
                ExpiresOn = today.AddDays(120), RequestedAt = now.AddDays(-3), RequestedBy = "市民 一郎",
            });
        await db.SaveChangesAsync(ct);
        await SeedRetiredControlAsync(db, catalogue, systems, departments["1030"], now, ct);
        await SeedLastYearsSelfCheckAsync(db, catalogue, departments, now, ct);
        return catalogue.Controls.Count;
    }

    /// <summary>
    /// A control an earlier catalogue had and the current one dropped (sending attachments as password-protected ZIP
    /// files, given up for the file-sharing route), with what was recorded for it before it was retired.
    /// </summary>
    private static async Task SeedRetiredControlAsync(SecOpsDxDbContext db, ControlCatalogue catalogue, List<SegmentSystem> systems, int owner,
        DateTimeOffset now, CancellationToken ct)
    {
        if (catalogue.Control(RetiredControl) is not null || await db.CatalogueControls.AnyAsync(c => c.ControlId == RetiredControl, ct)) return;
        const string Officer = "情報政策課 情報セキュリティ担当";
        var today = JapanTime.DateOf(now);
        var mailServer = systems.Single(s => s.Name == "外部メールサーバー");
        db.CatalogueControls.Add(new CatalogueControl
        {
            ControlId = RetiredControl, NameJa = "メール添付ファイルのパスワード付きZIP送信", NameEn = "Mail attachments sent as password-protected ZIP files",
            Segments = "internet", ListedAt = now.AddYears(-3), RetiredAt = now.AddDays(-150),
        });
        db.ControlStates.AddRange(
            new ControlState
            {
                ControlId = RetiredControl, Status = ControlStatus.Met, OwnerDepartmentId = owner, LastVerifiedOn = today.AddDays(-200),
                EvidenceText = "送信時の自動ZIP化とパスワード別送の設定画面(共有フォルダ「三層対策/IN-90」に保管)", UpdatedAt = now.AddDays(-200), UpdatedBy = Officer,
            },
            new ControlState
            {
                ControlId = RetiredControl, SystemId = mailServer.Id, Status = ControlStatus.Partial, LastVerifiedOn = today.AddDays(-200),
                EvidenceText = "一部の部署で手作業のZIP化が残る", UpdatedAt = now.AddDays(-200), UpdatedBy = Officer,
            });
        db.ControlVerifications.AddRange(
            new ControlVerification
            {
                ControlId = RetiredControl, VerifiedOn = today.AddDays(-380), Result = VerificationResult.Passed,
                Notes = "自動ZIP化の設定を確認した。", VerifiedBy = Officer, RecordedAt = now.AddDays(-380),
            },
            new ControlVerification
            {
                ControlId = RetiredControl, SystemId = mailServer.Id, VerifiedOn = today.AddDays(-200), Result = VerificationResult.PartlyPassed,
                Notes = "手作業でZIP化している部署が2つあった。ファイル共有への移行で廃止予定。", VerifiedBy = "情報 太郎", RecordedAt = now.AddDays(-200),
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Last 年度's self-check, closed by the CISO with its findings (the partly met and unmet controls of that time).</summary>
    private static async Task SeedLastYearsSelfCheckAsync(SecOpsDxDbContext db, ControlCatalogue catalogue, Dictionary<string, int> departments, DateTimeOffset now, CancellationToken ct)
    {
        var year = FiscalYear.Of(now).Previous;
        var today = JapanTime.DateOf(now);
        var opened = new DateTimeOffset(year.FirstDay.AddMonths(9).ToDateTime(new TimeOnly(9, 0)), JapanTime.Offset);
        var check = new SelfCheck
        {
            FiscalYear = year.StartYear, Model = "alpha", OpenedAt = opened, OpenedBy = "情報政策課 情報セキュリティ担当",
            ClosedAt = opened.AddDays(60), ClosedBy = "副島 誠一",
            Summary = "三層の対策は概ね実施されている。管理区域の入退室管理、公開Webの保護、媒体管理に不備があり、是正計画を定めた。次年度に是正状況を確認する。",
        };
        db.SelfChecks.Add(check);
        await db.SaveChangesAsync(ct);
        foreach (var c in catalogue.Controls.Where(c => c.AppliesTo("alpha")))
        {
            var answer = Statuses.GetValueOrDefault(c.Id, ControlStatus.Met);
            var owner = c.Id.StartsWith("MN-", StringComparison.Ordinal) ? departments["2010"] : departments["1030"];
            db.SelfCheckAnswers.Add(new SelfCheckAnswer
            {
                SelfCheckId = check.Id, ControlId = c.Id, Answer = answer, AnsweredAt = opened.AddDays(20), AnsweredBy = owner == departments["2010"] ? "市民 一郎" : "情報 太郎",
                Note = answer == ControlStatus.Met ? null : "点検で不備を確認した。",
            });
            if (answer is ControlStatus.NotMet or ControlStatus.Partial)
            {
                var finding = new SelfCheckFinding
                {
                    SelfCheckId = check.Id, ControlId = c.Id, OwnerDepartmentId = owner, RaisedAt = opened.AddDays(20),
                    CorrectiveAction = $"{c.Ja}の不備を是正し、証跡を登録する。",
                    DueOn = c.Id switch
                    {
                        OverdueFinding => today.AddDays(-10),
                        DueSoonFinding => ControlQueries.DueSoonUntil(today),
                        _ => year.LastDay.AddMonths(6),
                    },
                };
                if (c.Id == CorrectedFinding)
                    (finding.CorrectedOn, finding.CorrectionNote, finding.CorrectedBy, finding.CorrectedAt) =
                        (JapanTime.DateOf(opened.AddDays(45)), "無害化を経ずに取り込める経路を塞ぎ、迂回できないことを試験して記録を登録した。", "情報 太郎", opened.AddDays(46));
                db.SelfCheckFindings.Add(finding);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateOnly LastListedMonth(VerificationFrequency f, DateOnly today)
    {
        var month = new DateOnly(today.Year, today.Month, 1);
        while (!f.InMonths.Contains(month.Month)) month = month.AddMonths(-1);
        return month.AddDays(10) <= today ? month.AddDays(10) : month;
    }
}
