namespace SecOpsDx.Web.Cli;

public static class ImportStaffVerb
{
    public static Task<int> RunAsync(IServiceProvider sp, VerbArgs args, TextWriter output, CancellationToken ct) =>
        throw new VerbException("import-staff is not available in this build");
}
