using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Tests;

/// <summary>The verbs as an operator runs them, each on its own SQLite file.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "secopsdx-cli-tests", Guid.NewGuid().ToString("N"));

    private WebApplication BuildApp(string environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = [] });
        builder.Configuration["SecOpsDx:DataDirectory"] = _data;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        return builder.Build();
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string environment, params string[] args)
    {
        await using var app = BuildApp(environment);
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CommandLine.RunAsync(app, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string WriteFile(string name, byte[] content)
    {
        Directory.CreateDirectory(_data);
        var path = Path.Combine(_data, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] ShiftJis(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932).GetBytes(text.Replace("\n", "\r\n"));
    }

    private const string RosterWithBadRows = """
        職員番号,氏名,ふりがな,所属コード,所属名,役職,メールアドレス,採用日,退職日
        1001,髙橋 一郎,たかはし いちろう,7010,危機管理課,主事,t@example.jp,令和5年4月1日,
        1002,山﨑 花子,やまさき はなこ,7010,危機管理課,主査,y@example.jp,平成30年10月1日,
        1003,,,7010,危機管理課,主事,,2023/4/1,
        1001,重複 太郎,,7010,危機管理課,主事,,R5.4.1,
        """;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "secopsdx.db")}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Migrate_creates_the_database_and_says_so()
    {
        var (code, output, _) = await RunAsync("Production", "migrate");

        Assert.Equal(0, code);
        Assert.Contains("applied", output);
        Assert.True(File.Exists(Path.Combine(_data, "secopsdx.db")));
    }

    [Fact]
    public async Task A_Shift_JIS_roster_with_bad_rows_imports_nothing_and_names_every_bad_row()
    {
        var file = WriteFile("roster.csv", ShiftJis(RosterWithBadRows));

        var (code, output, error) = await RunAsync("Production", "import-staff", file);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("4行目 [氏名]", error);
        Assert.Contains("5行目 [職員番号]", error);
        Assert.Contains("nothing imported", error);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM StaffMembers"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM AuditEntries WHERE EntityType = 'StaffMember'"));
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_keeping_vendor_characters()
    {
        var file = WriteFile("roster.csv", ShiftJis(RosterWithBadRows));

        var (code, output, _) = await RunAsync("Production", "import-staff", file, "--skip-invalid");

        Assert.Equal(0, code);
        Assert.Contains("rows read 4, imported (new 2, updated 0, unchanged 0), refused 2, departments created 1", output);
        Assert.Equal("髙橋 一郎|山﨑 花子",
            await ScalarAsync("SELECT group_concat(FullName, '|') FROM (SELECT FullName FROM StaffMembers ORDER BY EmployeeNumber)"));
    }

    [Fact]
    public async Task Import_training_names_bad_rows_imports_nothing_and_with_skip_invalid_records_the_rest()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var courseId = await ScalarAsync($"SELECT Id FROM TrainingCourses WHERE FiscalYear = 2026 AND Title = '{SecOpsDx.Core.Demo.DemoTraining.AllStaffTitle}'");
        var file = WriteFile("elearning.csv", ShiftJis("職員番号,氏名,受講日\nD0005,窓口 さくら,令和8年11月2日\nX9999,不明,令和8年11月2日\n"));

        var (code, output, error) = await RunAsync("Production", "import-training", courseId!.ToString()!, file);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("3行目 [職員番号] 職員名簿にありません(X9999)", error);
        var recorded = $"SELECT count(*) FROM TrainingRecords r JOIN StaffMembers s ON s.Id = r.StaffMemberId WHERE r.CourseId = {courseId} AND s.EmployeeNumber = 'D0005'";
        Assert.Equal(0L, await ScalarAsync(recorded));

        (code, output, _) = await RunAsync("Production", "import-training", courseId.ToString()!, file, "--skip-invalid");
        Assert.Equal(0, code);
        Assert.Contains("recorded 1, already completed 0, refused 1", output);
        Assert.Equal(1L, await ScalarAsync(recorded));
    }

    [Fact]
    public async Task Import_training_refuses_a_score_below_the_pass_mark_naming_the_row_and_records_nothing()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var courseId = await ScalarAsync($"SELECT Id FROM TrainingCourses WHERE FiscalYear = 2026 AND Title = '{SecOpsDx.Core.Demo.DemoTraining.AllStaffTitle}'");
        var file = WriteFile("elearning.csv", ShiftJis("職員番号,氏名,受講日,得点\nD0005,窓口 さくら,令和8年11月2日,0\n"));

        var (code, output, error) = await RunAsync("Production", "import-training", courseId!.ToString()!, file);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("2行目 [得点] 得点が合格点に届いていないため、修了として記録できません(0 < 80)", error);
        Assert.Equal(0L, await ScalarAsync(
            $"SELECT count(*) FROM TrainingRecords r JOIN StaffMembers s ON s.Id = r.StaffMemberId WHERE r.CourseId = {courseId} AND s.EmployeeNumber = 'D0005'"));
    }

    [Fact]
    public async Task Audit_verify_passes_on_an_intact_trail_and_names_the_first_edited_entry()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var (okCode, okOutput, _) = await RunAsync("Production", "audit-verify");
        Assert.Equal(0, okCode);
        Assert.Contains("intact", okOutput);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "secopsdx.db")}"))
        {
            await connection.OpenAsync();
            var tamper = connection.CreateCommand();
            tamper.CommandText = "UPDATE AuditEntries SET ActorName = 'intruder' WHERE Sequence = 7";
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }
        SqliteConnection.ClearAllPools();

        var (code, _, error) = await RunAsync("Production", "audit-verify");

        Assert.Equal(3, code);
        Assert.Contains("BROKEN at entry 7", error);
    }

    private async Task DeleteNewestAuditEntriesAsync(int count)
    {
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "secopsdx.db")}"))
        {
            await connection.OpenAsync();
            var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM AuditEntries WHERE Sequence > (SELECT MAX(Sequence) FROM AuditEntries) - {count}";
            Assert.Equal(count, await delete.ExecuteNonQueryAsync());
        }
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Audit_verify_prints_the_head_and_deleting_the_newest_entries_fails_against_the_signed_checkpoint()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var (okCode, okOutput, _) = await RunAsync("Production", "audit-verify");
        Assert.Equal(0, okCode);
        var head = System.Text.RegularExpressions.Regex.Match(okOutput, @"head: (\d+):([0-9a-f]{64})");
        Assert.True(head.Success, okOutput);
        var sequence = long.Parse(head.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(sequence, Convert.ToInt64(await ScalarAsync("SELECT MAX(Sequence) FROM AuditEntries"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(File.Exists(Path.Combine(_data, "audit-checkpoint.txt")));
        Assert.True(File.Exists(Path.Combine(_data, "keys", "audit-checkpoint.key")));

        await DeleteNewestAuditEntriesAsync(3);
        var (code, _, error) = await RunAsync("Production", "audit-verify");

        Assert.Equal(3, code);
        Assert.Contains("truncated", error);
        Assert.Contains($"ends at entry {sequence - 3} but entry {sequence} was recorded", error);
        // A failed run leaves the checkpoint as it was, so running again does not make the deletion pass.
        Assert.Equal(3, (await RunAsync("Production", "audit-verify")).ExitCode);
    }

    [Fact]
    public async Task Audit_verify_with_an_expected_head_fails_when_the_trail_is_shorter_or_different_even_without_a_checkpoint()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var (_, okOutput, _) = await RunAsync("Production", "audit-verify");
        var saved = System.Text.RegularExpressions.Regex.Match(okOutput, @"head: (\S+)").Groups[1].Value;
        var sameHead = await RunAsync("Production", "audit-verify", "--expect-head", saved);
        var otherHash = await RunAsync("Production", "audit-verify", "--expect-head", saved[..saved.IndexOf(':')] + ":" + new string('a', 64));
        var unreadable = await RunAsync("Production", "audit-verify", "--expect-head", "latest");

        await DeleteNewestAuditEntriesAsync(1);
        File.Delete(Path.Combine(_data, "audit-checkpoint.txt"));
        var (code, _, error) = await RunAsync("Production", "audit-verify", "--expect-head", saved);

        Assert.Equal(0, sameHead.ExitCode);
        Assert.Equal(3, otherHash.ExitCode);
        Assert.Contains("hash differs", otherHash.Error);
        Assert.Equal(2, unreadable.ExitCode);
        Assert.Contains("SEQ:HASH", unreadable.Error);
        Assert.Equal(3, code);
        Assert.Contains("truncated", error);
    }

    [Fact]
    public async Task Starting_the_app_writes_the_checkpoint_but_never_moves_it_past_a_deletion()
    {
        await using (var app = BuildApp("Production")) await app.PrepareDatabaseAsync();
        var checkpoint = Path.Combine(_data, "audit-checkpoint.txt");
        Assert.True(File.Exists(checkpoint), "the first start writes a checkpoint");
        await RunAsync("Production", "seed-demo", "--staff", "5");
        await using (var app = BuildApp("Production")) await app.PrepareDatabaseAsync();
        var atHead = File.ReadAllText(checkpoint);

        await DeleteNewestAuditEntriesAsync(2);
        await using (var app = BuildApp("Production")) await app.PrepareDatabaseAsync();

        Assert.Equal(atHead, File.ReadAllText(checkpoint));
        var (code, _, error) = await RunAsync("Production", "audit-verify");
        Assert.Equal(3, code);
        Assert.Contains("truncated", error);
    }

    [Fact]
    public async Task The_data_folder_and_the_database_are_readable_by_the_owner_alone()
    {
        if (OperatingSystem.IsWindows()) return; // file modes are a Unix matter; the app runs on Linux

        var (code, _, _) = await RunAsync("Production", "migrate");

        Assert.Equal(0, code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "secopsdx.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_data, "keys")));
    }

    [Fact]
    public async Task A_data_folder_left_open_by_an_earlier_release_is_tightened_and_the_checkpoint_is_written_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(Path.Combine(_data, "evidence", "ab"));
        File.SetUnixFileMode(_data, open);
        File.SetUnixFileMode(Path.Combine(_data, "evidence"), open);
        var kept = Path.Combine(_data, "evidence", "ab", "abcdef");
        File.WriteAllText(kept, "証拠");
        File.SetUnixFileMode(kept, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (code, _, error) = await RunAsync("Production", "seed-demo", "--staff", "5");

        Assert.Equal(0, code);
        Assert.Contains("owner only", error);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_data));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_data, "evidence", "ab")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
        await RunAsync("Production", "audit-verify");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_data, "audit-checkpoint.txt")));
        // Nothing left to tighten: the next verb says nothing about it.
        Assert.DoesNotContain("owner only", (await RunAsync("Production", "audit-verify")).Error);
    }

    [Fact]
    public async Task An_edited_checkpoint_is_not_trusted()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        await RunAsync("Production", "audit-verify");
        var path = Path.Combine(_data, "audit-checkpoint.txt");
        var lines = File.ReadAllLines(path);
        var head = lines[0].Split(' ')[0];
        lines[0] = lines[0].Replace(head + " ", "1:" + head[(head.IndexOf(':') + 1)..] + " ", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var (code, _, error) = await RunAsync("Production", "audit-verify");

        Assert.Equal(3, code);
        Assert.Contains("not carry a valid signature", error);
    }

    [Fact]
    public async Task Seed_demo_is_deterministic_and_makes_no_accounts_outside_development()
    {
        var (code, output, _) = await RunAsync("Production", "seed-demo", "--staff", "10");

        Assert.Equal(0, code);
        Assert.Contains("15 staff, 8 incidents added", output);
        Assert.Contains("only in the Development environment", output);
        var (_, again, _) = await RunAsync("Production", "seed-demo", "--staff", "10");
        Assert.Contains("0 staff, 0 incidents added", again);
    }

    [Theory]
    [InlineData(new string[0], false)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5999" }, false)]
    [InlineData(new[] { "--environment", "Production" }, false)]
    [InlineData(new[] { "--contentRoot", "/srv/secopsdx" }, false)]
    [InlineData(new[] { "--SecOpsDx:DataDirectory=/srv/data" }, false)]
    [InlineData(new[] { "migrate" }, true)]
    [InlineData(new[] { "import-staf", "roster.csv" }, true)]
    [InlineData(new[] { "urls=http://127.0.0.1:5999" }, true)]
    [InlineData(new[] { "help" }, true)]
    [InlineData(new[] { "--help" }, true)]
    [InlineData(new[] { "-h" }, true)]
    public void A_first_argument_without_a_leading_dash_is_a_verb_and_host_switches_are_not(string[] args, bool isVerb)
    {
        Assert.Equal(isVerb, CommandLine.IsVerb(args));
    }

    [Theory]
    [InlineData("import-staf", "import-staff")]
    [InlineData("improt-staff", "import-staff")]
    [InlineData("migrat", "migrate")]
    [InlineData("audit", "audit-verify")]
    [InlineData("create-token", null)]
    [InlineData("deploy", null)]
    public async Task An_unknown_verb_lists_the_verbs_on_standard_error_and_suggests_a_close_one(string typed, string? suggestion)
    {
        var (code, output, error) = await RunAsync("Production", typed, "roster.csv");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: unknown verb '{typed}'", error);
        if (suggestion is null) Assert.DoesNotContain("did you mean", error);
        else Assert.Contains($"(did you mean {suggestion}?)", error);
        Assert.All(Verbs.All, v => Assert.Contains($"  {v.Name} ", error));
        Assert.False(Directory.Exists(_data), "an unknown verb must not create the data folder");
    }

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_lists_every_verb_and_the_exit_codes_on_standard_output(string help)
    {
        var (code, output, error) = await RunAsync("Production", help);

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.All(Verbs.All, v => Assert.Contains($"  {v.Name} ", output));
        Assert.Contains("0 done, 1 failed, 2 bad usage, 3 audit chain broken", output);
        var (aboutUnknown, _, unknownError) = await RunAsync("Production", help, "import-staf");
        Assert.Equal(2, aboutUnknown);
        Assert.Contains("(did you mean import-staff?)", unknownError);
    }

    public static TheoryData<string> VerbNames() => new(Verbs.All.Select(v => v.Name));

    [Theory]
    [MemberData(nameof(VerbNames))]
    public async Task Verb_help_explains_every_argument_and_option_without_touching_the_database(string name)
    {
        var verb = Verbs.All.Single(v => v.Name == name);

        var (code, output, error) = await RunAsync("Production", name, "--help");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.StartsWith($"usage: dotnet SecOpsDx.Web.dll {name}", output);
        foreach (var a in verb.Arguments) Assert.Contains($"  {a.Name} ", output);
        foreach (var o in verb.Options) Assert.Matches($@"  {System.Text.RegularExpressions.Regex.Escape(o.Synopsis)} +\S", output);
        Assert.False(Directory.Exists(_data), "help must not create the data folder or the database");
        Assert.Equal((0, output, ""), await RunAsync("Production", "help", name));
    }

    [Theory]
    [InlineData("--email is required", "create-admin")]
    [InlineData("--email must be an e-mail address, not 'not-an-address'", "create-admin", "--email", "not-an-address")]
    [InlineData("unknown option --sopes (did you mean --scopes?)", "create-api-token", "--name", "x", "--sopes", "incidents:write")]
    [InlineData("--name needs a value (NAME)", "create-api-token", "--name", "--scopes", "incidents:read")]
    [InlineData("--scopes must be one or more of incidents:write,incidents:read", "create-api-token", "--name", "x", "--scopes", "incidents:delete")]
    [InlineData("--staff must be a whole number from 0 to 1000000, not 'many'", "seed-demo", "--staff", "many")]
    [InlineData("--staff must be a whole number from 0 to 1000000, not '-5'", "seed-demo", "--staff", "-5")]
    [InlineData("--staff is given twice", "seed-demo", "--staff", "1", "--staff", "2")]
    [InlineData("FILE is required", "import-staff")]
    [InlineData("unexpected argument 'second.csv'", "import-staff", "first.csv", "second.csv")]
    [InlineData("--skip-invalid takes no value", "import-staff", "roster.csv", "--skip-invalid=yes")]
    [InlineData("unknown option --unknown", "audit-verify", "--unknown")]
    [InlineData("unknown option -x", "migrate", "-x")]
    public async Task A_bad_command_line_names_the_argument_shows_the_usage_and_exits_2(string message, params string[] args)
    {
        var (code, output, error) = await RunAsync("Production", args);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {message}", error);
        Assert.Contains($"usage: dotnet SecOpsDx.Web.dll {args[0]}", error);
        Assert.False(Directory.Exists(_data), "a refused command line must not create the data folder or the database");
    }

    [Fact]
    public async Task A_domain_refusal_is_a_failure_with_exit_code_1_on_standard_error()
    {
        var (code, output, error) = await RunAsync("Production", "create-api-token", "--name", new string('x', 101), "--scopes", "incidents:read");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM ApiToken"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
