using System.Text;
using SecOpsDx.Core.Organization.Roster;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Tests.Training;

public sealed class DrillImportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _tax, _citizens;
    private int _tanaka, _suzuki, _sato;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, Today);
        _tax = await _desk.DepartmentAsync("2020", "税務課");
        _citizens = await _desk.DepartmentAsync("2010", "市民課");
        _tanaka = await _desk.StaffAsync("1", _tax, email: "tanaka@city.example.jp");
        _suzuki = await _desk.StaffAsync("2", _tax, email: "suzuki@city.example.jp");
        _sato = await _desk.StaffAsync("3", _citizens, email: "sato@city.example.jp");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private const string Header = "id,status,ip,latitude,longitude,send_date,reported,modified_date,email,first_name,last_name,position\n";

    private static string Row(string status, string email, bool reported = false, string position = "主事", string first = "太郎") =>
        $"x1,{status},10.0.0.1,0,0,2026-10-01T09:00:00+09:00,{(reported ? "true" : "false")},2026-10-01T09:05:00+09:00,{email},{first},試験,{position}\n";

    [Fact]
    public async Task Results_count_the_furthest_step_per_department_keep_unknown_addresses_and_strip_formula_escapes()
    {
        var csv = Header
            + Row("Clicked Link", "tanaka@city.example.jp", position: "'=1+2")
            + Row("Email Opened", "SUZUKI@city.example.jp", reported: true)
            + Row("Submitted Data", "sato@city.example.jp")
            + Row("Email Sent", "'-stranger@example.com", first: "'@外部");
        var result = await _desk.Drills.ImportAsync("令和8年度 第1回", Encoding.UTF8.GetBytes(csv));

        Assert.True(result.Applied);
        Assert.Equal((4, 3, 0), (result.RowsRead, result.Matched, result.Refused));
        var unknown = Assert.Single(result.Unknown);
        Assert.Equal("-stranger@example.com", unknown.Email);
        Assert.Equal(new DateOnly(2026, 10, 1), result.HeldOn);

        var report = (await _desk.DrillQueries.ReportAsync(result.DrillId!.Value))!;
        Assert.Equal(new DrillCounts(4, 3, 2, 1, 1), report.Counts);
        Assert.Equal(new DrillCounts(2, 2, 1, 0, 1), report.Departments.Single(d => d.DepartmentId == _tax).Counts);
        Assert.Equal(new DrillCounts(1, 1, 1, 1, 0), report.Departments.Single(d => d.DepartmentId == _citizens).Counts);
        Assert.Equal("試験 @外部", Assert.Single(report.Unknown.Items).Name);
        Assert.Null(report.Previous);
    }

    [Fact]
    public async Task A_CP932_export_without_modified_date_is_read_by_header_name()
    {
        var csv = "email,first_name,last_name,status,reported,send_date\r\ntanaka@city.example.jp,太郎,髙橋,Clicked Link,False,2026-09-01T10:00:00Z\r\n";
        var result = await _desk.Drills.ImportAsync("訓練", RosterReader.ShiftJis.GetBytes(csv));
        Assert.True(result.Applied);
        var person = Assert.Single((await _desk.DrillQueries.ReportAsync(result.DrillId!.Value))!.People.Items);
        Assert.Equal((DrillStep.Clicked, false, "職員 1"), (person.Step, person.Reported, person.Name));
    }

    [Fact]
    public async Task Bad_rows_are_named_and_nothing_is_imported_unless_they_are_skipped()
    {
        var csv = Header + Row("Clicked Link", "tanaka@city.example.jp") + Row("Exploded", "suzuki@city.example.jp")
            + "x,Email Sent,,,,,maybe,,sato@city.example.jp,,,\n" + Row("Email Sent", "tanaka@city.example.jp");
        var refused = await _desk.Drills.ImportAsync("訓練", Encoding.UTF8.GetBytes(csv));
        Assert.False(refused.Applied);
        Assert.Equal([(3, "status", DrillImportProblem.UnknownStatus), (4, "reported", DrillImportProblem.BadReported), (5, "email", DrillImportProblem.Duplicate)],
            refused.Errors.Select(e => (e.Line, e.Column, e.Problem)));
        Assert.Empty(await _desk.DrillQueries.DrillsAsync());

        var skipped = await _desk.Drills.ImportAsync("訓練", Encoding.UTF8.GetBytes(csv), skipInvalid: true);
        Assert.True(skipped.Applied);
        Assert.Equal(1, (await _desk.DrillQueries.DrillsAsync()).Single().Counts.Sent);
    }

    [Fact]
    public async Task A_drill_is_compared_with_the_one_before_and_a_follow_up_goes_to_those_who_clicked_or_submitted()
    {
        await _desk.Drills.ImportAsync("第1回", Encoding.UTF8.GetBytes(Header + Row("Clicked Link", "tanaka@city.example.jp") + Row("Clicked Link", "suzuki@city.example.jp")));
        var second = await _desk.Drills.ImportAsync("第2回", Encoding.UTF8.GetBytes(
            Header.Replace("2026-10-01", "2026-11-01") + Row("Email Opened", "tanaka@city.example.jp").Replace("2026-10-01", "2026-11-01")
            + Row("Submitted Data", "suzuki@city.example.jp").Replace("2026-10-01", "2026-11-01")
            + Row("Email Sent", "sato@city.example.jp").Replace("2026-10-01", "2026-11-01")));
        var report = (await _desk.DrillQueries.ReportAsync(second.DrillId!.Value))!;
        Assert.Equal("第1回", report.Previous!.Name);
        Assert.Equal(1.0, report.Previous.Counts.Rate(report.Previous.Counts.Clicked));
        Assert.Equal(1.0 / 3, report.Counts.Rate(report.Counts.Clicked)!.Value, 6);
        Assert.Equal(new DrillCounts(2, 2, 2, 0, 0), report.Departments.Single(d => d.DepartmentId == _tax).Previous);

        var (courseId, assigned) = await _desk.FollowUp.ExecuteAsync(second.DrillId!.Value, "標的型メール訓練 フォローアップ研修", null);
        Assert.Equal(1, assigned);
        Assert.Equal(courseId, Assert.Single((await _desk.Queries.MyTasksAsync(_suzuki)).Tasks).CourseId);
        Assert.Empty((await _desk.Queries.MyTasksAsync(_tanaka)).Tasks);
        Assert.Empty((await _desk.Queries.MyTasksAsync(_sato)).Tasks);
        Assert.Equal(Today.AddDays(30), (await _desk.Queries.MyTasksAsync(_suzuki)).Tasks.Single().DueOn);
    }

    [Fact]
    public async Task Names_lose_control_characters_and_direction_overrides_as_every_other_text_does()
    {
        var csv = Header + Row("Email Sent", "stranger@example.com", first: "\u202Eevil\u0007太郎\u2066").Replace(",試験,", ",試\u0000験\u202D,");

        var result = await _desk.Drills.ImportAsync("訓練", Encoding.UTF8.GetBytes(csv));

        Assert.Equal("試験 evil太郎", Assert.Single(result.Unknown).Name);
        var report = (await _desk.DrillQueries.ReportAsync(result.DrillId!.Value))!;
        Assert.Equal("試験 evil太郎", Assert.Single(report.Unknown.Items).Name);
    }

    [Fact]
    public async Task The_same_results_imported_twice_are_refused_with_a_warning_unless_asked_for_again()
    {
        var file = Encoding.UTF8.GetBytes(Header + Row("Clicked Link", "tanaka@city.example.jp") + Row("Email Sent", "suzuki@city.example.jp"));
        var first = await _desk.Drills.ImportAsync("第1回", file);
        Assert.Null(first.SameAs);

        var preview = await _desk.Drills.PreviewAsync(file);
        var again = await _desk.Drills.ImportAsync("第1回 (再)", file);

        Assert.Equal((first.DrillId, "第1回"), (preview.SameAs?.DrillId, preview.SameAs?.Name));
        Assert.False(again.Applied);
        Assert.Equal(first.DrillId, again.SameAs!.DrillId);
        Assert.Single(await _desk.DrillQueries.DrillsAsync());

        // Another drill the same day with other results is no repeat.
        var other = await _desk.Drills.ImportAsync("別の訓練", Encoding.UTF8.GetBytes(Header + Row("Email Opened", "tanaka@city.example.jp") + Row("Email Sent", "suzuki@city.example.jp")));
        Assert.Equal((true, null), (other.Applied, other.SameAs));

        var asked = await _desk.Drills.ImportAsync("第1回 (再)", file, importAgain: true);
        Assert.True(asked.Applied);
        Assert.Equal(3, (await _desk.DrillQueries.DrillsAsync()).Count);
    }

    [Fact]
    public async Task A_large_drill_lists_its_recipients_a_page_at_a_time_with_totals_over_everyone()
    {
        var csv = new StringBuilder(Header).Append(Row("Clicked Link", "tanaka@city.example.jp")).Append(Row("Email Sent", "suzuki@city.example.jp"))
            .Append(Row("Submitted Data", "sato@city.example.jp"));
        for (var i = 0; i < 450; i++) csv.Append(Row(i % 10 == 0 ? "Clicked Link" : "Email Sent", $"guest{i:D4}@example.com"));
        var result = await _desk.Drills.ImportAsync("大規模訓練", Encoding.UTF8.GetBytes(csv.ToString()));

        var first = (await _desk.DrillQueries.ReportAsync(result.DrillId!.Value))!;
        var last = (await _desk.DrillQueries.ReportAsync(result.DrillId!.Value, unknownPage: 3))!;
        var small = (await _desk.DrillQueries.ReportAsync(result.DrillId!.Value, page: 2, pageSize: 2))!;

        Assert.Equal(new DrillCounts(453, 47, 47, 1, 0), first.Counts);
        Assert.Equal((200, 450, 3), (first.Unknown.Items.Count, first.Unknown.Total, first.Unknown.PageCount));
        Assert.Equal("guest0000@example.com", first.Unknown.Items[0].Email);
        Assert.Equal((50, "guest0449@example.com"), (last.Unknown.Items.Count, last.Unknown.Items[^1].Email));
        Assert.Equal([DrillStep.Submitted, DrillStep.Clicked, DrillStep.Sent], first.People.Items.Select(p => p.Step));
        Assert.Equal((3, 2, "2"), (small.People.Total, small.People.PageCount, Assert.Single(small.People.Items).EmployeeNumber));
        Assert.Equal(new DrillCounts(2, 1, 1, 0, 0), small.Departments.Single(d => d.DepartmentId == _tax).Counts);
    }

    [Fact]
    public async Task A_UTF_16_export_is_refused_as_an_encoding_not_supported()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Header + Row("Clicked Link", "tanaka@city.example.jp"))).ToArray();

        var result = await _desk.Drills.ImportAsync("訓練", bytes);

        Assert.Equal((ErrorCodes.EncodingUnsupported, "UTF-16"), (result.FileError!.Code, result.FileError.Args[0]));
        Assert.Empty(await _desk.DrillQueries.DrillsAsync());
    }
}
