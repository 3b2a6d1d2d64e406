using System.Globalization;
using SecOpsDx.Core;
using SecOpsDx.Core.Training;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Features.Training;

namespace SecOpsDx.Web.Cli;

/// <summary>
/// `import-training COURSE_ID FILE [--skip-invalid]`: records completions of a course from an e-learning CSV.
/// All or nothing unless --skip-invalid. Exit 0 when applied, 1 when nothing was (refused rows listed by line and column).
/// </summary>
public static class ImportTrainingVerb
{
    public static async Task<int> RunAsync(IServiceProvider sp, VerbArgs args, VerbConsole console, CancellationToken ct)
    {
        if (!int.TryParse(args.Argument("COURSE_ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var courseId))
            throw new VerbException($"研修IDは数字で指定してください / COURSE_ID must be a number: {args.Argument("COURSE_ID")}");
        var path = args.Argument("FILE");
        if (!File.Exists(path)) throw new VerbException($"ファイルが見つかりません / file not found: {path}");
        var skipInvalid = args.Flag("skip-invalid");
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VerbException($"ファイルを読めません / cannot read {path}: {e.Message}");
        }
        CompletionImportResult result;
        try
        {
            result = await sp.GetRequiredService<CompletionImporter>().ImportAsync(courseId, bytes, skipInvalid, ct);
        }
        catch (DomainException e)
        {
            throw new VerbException(UserMessages.Describe(e));
        }
        if (result.FileError is not null)
            throw new VerbException($"取り込めません / cannot import {path}: {UserMessages.Describe(result.FileError)}");

        var (output, refusedCode) = ImportReport.Begin(console, result.Applied, skipInvalid, result.EncodingName,
            result.Errors.Select(e => (e.Line, e.Column.ToString(), TrainingMessages.Describe(e))), result.RowsRead, result.Refused);
        if (refusedCode is { } code) return code;
        output.WriteLine($"読込 {result.RowsRead} 行、記録 {result.Imported} 件、受講済 {result.AlreadyCompleted} 件、拒否 {result.Refused} 行" +
            $" / rows read {result.RowsRead}, recorded {result.Imported}, already completed {result.AlreadyCompleted}, refused {result.Refused}");
        return ExitCodes.Done;
    }
}
