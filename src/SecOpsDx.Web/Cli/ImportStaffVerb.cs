using SecOpsDx.Core;
using SecOpsDx.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Organization.Roster;

namespace SecOpsDx.Web.Cli;

/// <summary>
/// `import-staff FILE [--skip-invalid]`: imports a staff roster CSV (UTF-8 or Shift_JIS).
/// All or nothing unless --skip-invalid. Exit code 0 when the file was applied, 1 when nothing was; the
/// report goes to standard output when rows were imported, to standard error when none were.
/// </summary>
public static class ImportStaffVerb
{
    public static async Task<int> RunAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        var path = args.Argument("FILE");
        var skipInvalid = args.Flag("skip-invalid");
        if (!File.Exists(path))
            throw new VerbException($"ファイルが見つかりません / file not found: {path}");

        var importer = sp.GetRequiredService<RosterImporter>();
        RosterImportResult result;
        try
        {
            await using var stream = File.OpenRead(path);
            result = await importer.ImportAsync(stream, skipInvalid, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VerbException($"ファイルを読めません / cannot read {path}: {e.Message}");
        }
        catch (DomainException e)
        {
            throw new VerbException(UserMessages.Describe(e));
        }

        if (result.FileError is not null)
            throw new VerbException($"取り込めません / cannot import {path}: {UserMessages.Describe(result.FileError)}");

        var (output, refusedCode) = ImportReport.Begin(console, result.Applied, skipInvalid, result.EncodingName,
            result.Errors.Select(e => (e.Line, e.Column.ToString(), UserMessages.Describe(e))), result.RowsRead, result.Refused);
        if (refusedCode is { } code) return code;

        output.WriteLine(
            $"読込 {result.RowsRead} 行、取込 (新規 {result.Inserted}・更新 {result.Updated}・変更なし {result.Unchanged})、拒否 {result.Refused} 行、所属作成 {result.DepartmentsCreated} 件" +
            $" / rows read {result.RowsRead}, imported (new {result.Inserted}, updated {result.Updated}, unchanged {result.Unchanged}), refused {result.Refused}, departments created {result.DepartmentsCreated}");
        if (result.Refused > 0)
            output.WriteLine($"エラーのある {result.Refused} 行は取り込まずにスキップしました / {result.Refused} refused row(s) were skipped");
        return ExitCodes.Done;
    }
}
