using System.Text;
using SecOpsDx.Core.Organization.Roster;
using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Tests.Training;

public sealed class CompletionImportTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;
    private int _course;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, Today);
        var tax = await _desk.DepartmentAsync("2020", "税務課");
        await _desk.StaffAsync("100001", tax, email: "tanaka@city.example.jp");
        await _desk.StaffAsync("100002", tax, email: "suzuki@city.example.jp");
        await _desk.StaffAsync("100003", tax, email: "sato@city.example.jp");
        _course = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, opensOn: new DateOnly(2026, 5, 1)));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_CP932_file_with_和暦_and_western_dates_matches_by_number_or_address_and_imports_every_row()
    {
        var file = RosterReader.ShiftJis.GetBytes("職員番号,氏名,メールアドレス,受講完了日,得点\r\n１０００01,髙橋 一郎,,令和8年6月1日,90\r\n,鈴木,SUZUKI@city.example.jp,2026/07/02 10:15,\r\n");
        var result = await _desk.Import.ImportAsync(_course, file);

        Assert.True(result.Applied);
        Assert.Equal("Shift_JIS", result.EncodingName);
        Assert.Equal((2, 0), (result.Imported, result.Refused));
        var rows = (await _desk.Queries.CourseStatusAsync(_course, null))!.Rows;
        Assert.Equal(new DateOnly(2026, 6, 1), rows.Single(r => r.EmployeeNumber == "100001").CompletedOn);
        Assert.Equal(new DateOnly(2026, 7, 2), rows.Single(r => r.EmployeeNumber == "100002").CompletedOn);
        Assert.Equal(CompletionMethod.Import, rows.Single(r => r.EmployeeNumber == "100002").Method);
    }

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_each_by_line_and_column()
    {
        var file = Utf8("employee_number,email,completed_on\n100001,,2026-06-01\n999999,,2026-06-01\n100002,,2026-13-01\n100003,,2027-01-05\n100001,,2026-06-02\n,,2026-06-01\n100003,,2026-04-02\n");
        var preview = await _desk.Import.PreviewAsync(_course, file);
        Assert.False(preview.Applied);
        Assert.Equal(
            [(3, "employee_number", CompletionImportProblem.UnknownPerson), (4, "completed_on", CompletionImportProblem.BadDate),
             (5, "completed_on", CompletionImportProblem.FutureDate), (6, "employee_number", CompletionImportProblem.Duplicate),
             (7, "employee_number", CompletionImportProblem.NoPerson), (8, "completed_on", CompletionImportProblem.BeforeOpening),
             (8, "employee_number", CompletionImportProblem.Duplicate)],
            preview.Errors.Select(e => (e.Line, e.Column, e.Problem)));

        var refused = await _desk.Import.ImportAsync(_course, file);
        Assert.False(refused.Applied);
        Assert.Equal(0, (await _desk.Queries.CourseStatusAsync(_course, null))!.Rate.Completed);

        var skipped = await _desk.Import.ImportAsync(_course, file, skipInvalid: true);
        Assert.True(skipped.Applied);
        Assert.Equal((1, 6), (skipped.Imported, skipped.Refused));
        Assert.Equal(1, (await _desk.Queries.CourseStatusAsync(_course, null))!.Rate.Completed);

        var again = await _desk.Import.ImportAsync(_course, Utf8("職員番号,受講日\n100001,2026-06-01\n"));
        Assert.Equal((0, 1), (again.Imported, again.AlreadyCompleted));
    }

    [Fact]
    public async Task A_file_without_a_date_column_is_refused_as_a_whole()
    {
        var result = await _desk.Import.ImportAsync(_course, Utf8("職員番号,氏名\n100001,田中\n"));
        Assert.Equal(ErrorCodes.ImportMissingColumns, result.FileError!.Code);
        Assert.False(result.Applied);
    }
}
