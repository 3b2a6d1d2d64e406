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

    [Fact]
    public async Task A_score_below_the_pass_mark_is_refused_by_row_and_nothing_of_the_file_is_stored()
    {
        var quiz = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "確認テスト付き研修", passMark: 80, quiz: TrainingDesk.TwoQuestions,
            opensOn: new DateOnly(2026, 5, 1)));
        var file = Utf8("職員番号,受講日,得点\n100001,2026-06-01,0\n100002,2026-06-01,80\n100003,2026-06-01,79\n");

        var result = await _desk.Import.ImportAsync(quiz, file);

        Assert.False(result.Applied);
        Assert.Equal([(2, "得点", CompletionImportProblem.BelowPassMark, "0 < 80"), (4, "得点", CompletionImportProblem.BelowPassMark, "79 < 80")],
            result.Errors.Select(e => (e.Line, e.Column, e.Problem, e.Value)));
        Assert.Equal(0, (await _desk.Queries.CourseStatusAsync(quiz, null))!.Rate.Completed);

        var skipped = await _desk.Import.ImportAsync(quiz, file, skipInvalid: true);
        Assert.Equal((1, 2), (skipped.Imported, skipped.Refused));
        var rows = (await _desk.Queries.CourseStatusAsync(quiz, null))!.Rows;
        Assert.NotNull(rows.Single(r => r.EmployeeNumber == "100002").CompletedOn);
        Assert.Null(rows.Single(r => r.EmployeeNumber == "100001").CompletedOn);
    }

    [Fact]
    public async Task A_score_on_a_course_without_a_quiz_is_kept_whatever_it_is()
    {
        var result = await _desk.Import.ImportAsync(_course, Utf8("職員番号,受講日,得点\n100001,2026-06-01,0\n"));
        Assert.Equal((true, 1), (result.Applied, result.Imported));
    }

    [Fact]
    public async Task A_UTF_16_file_is_refused_as_an_encoding_not_supported_not_for_missing_columns()
    {
        var text = "職員番号,受講日\r\n100001,2026-06-01\r\n";
        var withBom = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        foreach (var file in new[] { withBom, Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text) })
        {
            var result = await _desk.Import.ImportAsync(_course, file);
            Assert.Equal((ErrorCodes.EncodingUnsupported, "UTF-16"), (result.FileError!.Code, result.FileError.Args[0]));
            Assert.False(result.Applied);
        }
    }

    [Fact]
    public async Task A_file_with_a_byte_that_is_neither_UTF_8_nor_Shift_JIS_is_refused_naming_its_line()
    {
        byte[] file = [.. Utf8("職員番号,受講日\n100001,2026-06-01\n"), 0x81, 0x0A];

        var result = await _desk.Import.ImportAsync(_course, file);

        Assert.Equal((ErrorCodes.EncodingInvalidBytes, 3), (result.FileError!.Code, result.FileError.Args[1]));
        Assert.Equal(0, (await _desk.Queries.CourseStatusAsync(_course, null))!.Rate.Completed);
    }
}
