using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SecOpsDx.Web.Cli;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Tests;

/// <summary>`sync-policies [DIR]` as an operator runs it, on its own SQLite file.</summary>
public sealed class SyncPoliciesCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "secopsdx-sync-tests", Guid.NewGuid().ToString("N"));

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.Configuration["SecOpsDx:DataDirectory"] = _data;
        builder.Logging.ClearProviders();
        builder.AddSecOpsDx();
        await using var app = builder.Build();
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CommandLine.RunAsync(app, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "secopsdx.db")}");
        await connection.OpenAsync();
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private string Folder(params (string Name, string Text)[] files)
    {
        var folder = Path.Combine(_data, "policies-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(folder, name), text);
        return folder;
    }

    private const string Good = "---\nid: rules\ntitle: 運用規程\nkind: 実施手順\nversion: 1\neffective: 2025-04-01\nowner: \"1030\"\nguideline: r7-03\n---\n# 運用規程\n\n本文。\n";

    [Fact]
    public async Task A_malformed_file_is_named_and_exits_1_while_the_good_one_imports_and_a_second_run_changes_nothing()
    {
        Assert.Equal(0, (await RunAsync("seed-demo", "--staff", "0")).ExitCode);
        var folder = Folder(("good.md", Good), ("broken.md", "---\nid: broken\nversion: [\n---\n本文\n"));
        var revisions = await CountAsync("PolicyRevisions");

        var (code, output, error) = await RunAsync("sync-policies", folder);

        Assert.Equal(1, code);
        Assert.Contains("good.md: rules 第1版", output);
        Assert.Contains("broken.md: 先頭の設定(YAML)を読めません(", error);
        Assert.Equal(revisions + 1, await CountAsync("PolicyRevisions"));

        File.Delete(Path.Combine(folder, "broken.md"));
        var audit = await CountAsync("AuditEntries");
        var again = await RunAsync("sync-policies", folder);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("変更なし / same  good.md", again.Output);
        Assert.Equal(audit, await CountAsync("AuditEntries"));
    }

    [Fact]
    public async Task A_broken_link_and_a_Shift_JIS_file_do_not_stop_the_run_the_link_is_named_and_the_exit_code_is_1()
    {
        Assert.Equal(0, (await RunAsync("seed-demo", "--staff", "0")).ExitCode);
        var folder = Folder(("c-good.md", Good));
        File.CreateSymbolicLink(Path.Combine(folder, "a-link.md"), Path.Combine(folder, "moved-away.md"));
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(Path.Combine(folder, "b-sjis.md"), System.Text.Encoding.GetEncoding(932).GetBytes(Good.Replace("id: rules", "id: sjis-rules")));
        var revisions = await CountAsync("PolicyRevisions");

        var (code, output, error) = await RunAsync("sync-policies", folder);

        Assert.Equal(1, code);
        Assert.Contains("拒否 / refused   a-link.md: ファイルを開けません", error);
        Assert.Contains("b-sjis.md: sjis-rules 第1版", output);
        Assert.Contains("c-good.md: rules 第1版", output);
        Assert.Contains("拒否 1", output);
        Assert.Equal(revisions + 2, await CountAsync("PolicyRevisions"));
    }

    [Fact]
    public async Task Without_a_folder_it_imports_the_policy_set_shipped_beside_the_app()
    {
        Assert.Equal(0, (await RunAsync("seed-demo", "--staff", "0")).ExitCode);

        var (code, output, _) = await RunAsync("sync-policies");

        Assert.Equal(0, code);
        Assert.Contains("変更なし / same  01-basic-policy.md", output);
        // The demo imported the set already: one revision per document, three earlier versions (the first 基本方針 and
        // 対策基準, and the 対策基準's second from history/v2) and the draft awaiting approval.
        Assert.Equal(await CountAsync("PolicyDocuments") + 4, await CountAsync("PolicyRevisions"));
    }

    [Fact]
    public async Task A_missing_folder_is_refused_with_its_name()
    {
        var (code, _, error) = await RunAsync("sync-policies", "/no/such/folder");
        Assert.Equal(1, code);
        Assert.Contains("/no/such/folder", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
