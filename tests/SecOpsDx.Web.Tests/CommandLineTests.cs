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

    private async Task<(int ExitCode, string Output)> RunAsync(string environment, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment, Args = [] });
        builder.Configuration["SecOpsDx:DataDirectory"] = _data;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        var output = new StringWriter();
        var code = await CommandLine.RunAsync(app, args, output);
        return (code, output.ToString());
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
        var (code, output) = await RunAsync("Production", "migrate");

        Assert.Equal(0, code);
        Assert.Contains("applied", output);
        Assert.True(File.Exists(Path.Combine(_data, "secopsdx.db")));
    }

    [Fact]
    public async Task A_Shift_JIS_roster_with_bad_rows_imports_nothing_and_names_every_bad_row()
    {
        var file = WriteFile("roster.csv", ShiftJis(RosterWithBadRows));

        var (code, output) = await RunAsync("Production", "import-staff", file);

        Assert.Equal(1, code);
        Assert.Contains("4行目 [氏名]", output);
        Assert.Contains("5行目 [職員番号]", output);
        Assert.Contains("nothing imported", output);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM StaffMembers"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM AuditEntries WHERE EntityType = 'StaffMember'"));
    }

    [Fact]
    public async Task Skip_invalid_imports_the_good_rows_keeping_vendor_characters()
    {
        var file = WriteFile("roster.csv", ShiftJis(RosterWithBadRows));

        var (code, output) = await RunAsync("Production", "import-staff", file, "--skip-invalid");

        Assert.Equal(0, code);
        Assert.Contains("rows read 4, imported (new 2, updated 0, unchanged 0), refused 2, departments created 1", output);
        Assert.Equal("髙橋 一郎|山﨑 花子",
            await ScalarAsync("SELECT group_concat(FullName, '|') FROM (SELECT FullName FROM StaffMembers ORDER BY EmployeeNumber)"));
    }

    [Fact]
    public async Task Audit_verify_passes_on_an_intact_trail_and_names_the_first_edited_entry()
    {
        await RunAsync("Production", "seed-demo", "--staff", "5");
        var (okCode, okOutput) = await RunAsync("Production", "audit-verify");
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

        var (code, output) = await RunAsync("Production", "audit-verify");

        Assert.Equal(3, code);
        Assert.Contains("BROKEN at entry 7", output);
    }

    [Fact]
    public async Task Seed_demo_is_deterministic_and_makes_no_accounts_outside_development()
    {
        var (code, output) = await RunAsync("Production", "seed-demo", "--staff", "10");

        Assert.Equal(0, code);
        Assert.Contains("15 staff added", output);
        Assert.Contains("only in the Development environment", output);
        var (_, again) = await RunAsync("Production", "seed-demo", "--staff", "10");
        Assert.Contains("0 staff added", again);
    }

    [Fact]
    public async Task Create_admin_prints_a_generated_password_and_refuses_a_bad_address()
    {
        var (code, output) = await RunAsync("Production", "create-admin", "--email", "root@city.example.jp");
        Assert.Equal(0, code);
        Assert.Contains("initial password: ", output);

        var (badCode, badOutput) = await RunAsync("Production", "create-admin", "--email", "not-an-address");
        Assert.Equal(1, badCode);
        Assert.Contains("not an e-mail address", badOutput);
    }

    [Theory]
    [InlineData("seed-demo", "--staff", "many")]
    [InlineData("import-staff")]
    [InlineData("audit-verify", "--unknown")]
    [InlineData("create-admin")]
    public async Task Bad_arguments_get_a_message_and_a_non_zero_exit(params string[] args)
    {
        var (code, output) = await RunAsync("Production", args);

        Assert.NotEqual(0, code);
        Assert.StartsWith("error:", output);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
