namespace SecOpsDx.Web.Cli;

/// <summary>
/// What a CSV import verb says about its file, the same way for every import: the encoding, each refused row by line
/// and column, and, when nothing was applied, why and what to do. Returns the writer for the rest of the report
/// (standard output when rows were applied, standard error otherwise) and, when nothing was applied, the exit code.
/// </summary>
internal static class ImportReport
{
    public static (TextWriter Output, int? ExitCode) Begin(VerbConsole console, bool applied, bool skipInvalid, string? encoding,
        IEnumerable<(int Line, string Column, string Reason)> errors, int rowsRead, int refused)
    {
        var output = applied ? console.Out : console.Error;
        output.WriteLine($"文字コード / encoding: {encoding}");
        foreach (var (line, column, reason) in errors)
            output.WriteLine($"  {line}行目 [{column}] {reason}");
        if (applied) return (output, null);
        output.WriteLine(skipInvalid
            ? $"取り込める行がありませんでした / no valid rows to import: 読込 {rowsRead} 行、拒否 {refused} 行 / rows read {rowsRead}, refused {refused}"
            : $"エラーがあるため何も取り込みませんでした / nothing imported because of errors: 読込 {rowsRead} 行、拒否 {refused} 行 / rows read {rowsRead}, refused {refused}");
        if (!skipInvalid)
            output.WriteLine("ファイルを直すか、--skip-invalid で正しい行だけを取り込んでください / fix the file, or use --skip-invalid to import only the valid rows");
        return (output, ExitCodes.Failed);
    }
}
