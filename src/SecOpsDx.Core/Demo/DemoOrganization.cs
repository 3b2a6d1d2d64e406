using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Data;
using SecOpsDx.Core.Organization;

namespace SecOpsDx.Core.Demo;

/// <summary>
/// A fictional city for demonstrations and tests. Deterministic: the same staff count and the same
/// date give the same data, and running it again updates rather than duplicates.
/// </summary>
public static class DemoOrganization
{
    public sealed record DemoDepartment(string Code, string Name, string? ParentCode);

    public static readonly IReadOnlyList<DemoDepartment> Departments =
    [
        new("1000", "総務部", null),
        new("1010", "総務課", "1000"),
        new("1020", "人事課", "1000"),
        new("1030", "情報政策課", "1000"),
        new("1040", "財政課", "1000"),
        new("2000", "市民部", null),
        new("2010", "市民課", "2000"),
        new("2020", "税務課", "2000"),
        new("2030", "保険年金課", "2000"),
        new("3000", "福祉部", null),
        new("3010", "福祉課", "3000"),
        new("3020", "子育て支援課", "3000"),
        new("3030", "高齢介護課", "3000"),
        new("4000", "建設部", null),
        new("4010", "都市計画課", "4000"),
        new("4020", "道路課", "4000"),
        new("5000", "教育委員会事務局", null),
        new("5010", "教育総務課", "5000"),
        new("5020", "学校教育課", "5000"),
    ];

    private static readonly (string Name, string Kana)[] FamilyNames =
    [
        ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
        ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
        ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"),
        ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
        ("髙橋", "たかはし"), ("山﨑", "やまさき"),
    ];

    private static readonly (string Name, string Kana)[] GivenNames =
    [
        ("翔太", "しょうた"), ("陽菜", "ひな"), ("大輔", "だいすけ"), ("美咲", "みさき"), ("健一", "けんいち"),
        ("由美", "ゆみ"), ("拓也", "たくや"), ("真由美", "まゆみ"), ("直樹", "なおき"), ("恵子", "けいこ"),
        ("浩二", "こうじ"), ("さくら", "さくら"), ("誠", "まこと"), ("愛", "あい"), ("隆", "たかし"),
        ("優子", "ゆうこ"), ("亮", "りょう"), ("彩", "あや"),
    ];

    private static readonly string[] Titles = ["主事", "主事", "主事", "主任", "主査", "係長", "課長補佐", "会計年度任用職員"];

    /// <summary>The people behind the demo accounts; their 職員番号 are fixed.</summary>
    public static readonly IReadOnlyList<(string Role, string Email, string EmployeeNumber, string Name, string Kana, string DepartmentCode, string Title)> AccountHolders =
    [
        (Roles.Admin, "admin@example.jp", "D0001", "情報 太郎", "じょうほう たろう", "1030", "システム管理者"),
        (Roles.Ciso, "ciso@example.jp", "D0002", "副島 誠一", "そえじま せいいち", "1010", "副市長"),
        (Roles.Csirt, "csirt@example.jp", "D0003", "安全 花子", "あんぜん はなこ", "1030", "主査"),
        (Roles.Manager, "manager@example.jp", "D0004", "市民 一郎", "しみん いちろう", "2010", "課長"),
        (Roles.Staff, "staff@example.jp", "D0005", "窓口 さくら", "まどぐち さくら", "2010", "主事"),
    ];

    public sealed record Result(int DepartmentsAdded, int StaffAdded, int StaffUpdated);

    public static async Task<Result> SeedAsync(SecOpsDxDbContext db, int staffCount, DateOnly today, CancellationToken ct = default)
    {
        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, ct);
        var added = 0;
        var order = 0;
        foreach (var d in Departments)
        {
            order += 10;
            if (departments.ContainsKey(d.Code)) continue;
            var entity = new Department
            {
                Code = d.Code, Name = d.Name, SortOrder = order,
                Parent = d.ParentCode is null ? null : departments[d.ParentCode],
            };
            db.Departments.Add(entity);
            departments[d.Code] = entity;
            added++;
        }

        var sections = Departments.Where(d => d.ParentCode is not null).Select(d => departments[d.Code]).ToList();
        var existing = await db.Staff.ToDictionaryAsync(s => s.EmployeeNumber, ct);
        var random = new Random(20190501 + staffCount);
        var fiscalYearStart = FiscalYear.Of(today).FirstDay;
        int inserted = 0, updated = 0;

        void Upsert(string number, string name, string? kana, Department dept, string title, string? email, DateOnly hired)
        {
            if (existing.TryGetValue(number, out var s))
            {
                if (s.FullName != name || s.Kana != kana || s.DepartmentId != dept.Id || s.Title != title || s.Email != email || s.HiredOn != hired)
                    updated++;
                s.FullName = name; s.Kana = kana; s.Department = dept; s.Title = title; s.Email = email; s.HiredOn = hired;
                return;
            }
            s = new StaffMember
            {
                EmployeeNumber = number, FullName = name, Kana = kana, Department = dept, Title = title, Email = email, HiredOn = hired,
                Category = title == "会計年度任用職員" ? EmploymentCategory.FiscalYearAppointed : EmploymentCategory.Regular,
            };
            db.Staff.Add(s);
            existing[number] = s;
            inserted++;
        }

        foreach (var h in AccountHolders)
            Upsert(h.EmployeeNumber, h.Name, h.Kana, departments[h.DepartmentCode], h.Title, h.Email, fiscalYearStart.AddYears(-10));

        for (var i = 1; i <= staffCount; i++)
        {
            var family = FamilyNames[random.Next(FamilyNames.Length)];
            var given = GivenNames[random.Next(GivenNames.Length)];
            var dept = sections[random.Next(sections.Count)];
            var title = Titles[random.Next(Titles.Length)];
            // Most staff joined on an April 1, as Japanese offices hire.
            var hired = fiscalYearStart.AddYears(-random.Next(0, 30));
            var number = (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Upsert(number, $"{family.Name} {given.Name}", $"{family.Kana} {given.Kana}", dept, title, $"staff{i:D5}@city.example.jp", hired);
        }

        await db.SaveChangesAsync(ct);
        return new Result(added, inserted, updated);
    }
}
