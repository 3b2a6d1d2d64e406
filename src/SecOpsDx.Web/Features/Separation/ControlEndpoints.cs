using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Separation;

public static class ControlEndpoints
{
    /// <summary>
    /// Downloads a control's evidence file for someone who may see the control, after checking the bytes still
    /// match the recorded SHA-256; always as an octet-stream attachment so nothing uploaded runs in the app.
    /// </summary>
    public static void MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/controls/{controlId}/evidence/{evidenceId:int}", async (string controlId, int evidenceId, ControlQueries queries, EvidenceStore store, HttpContext context, CancellationToken ct) =>
        {
            var row = await queries.EvidenceAsync(controlId, evidenceId, ct);
            if (row is null) return Results.NotFound();
            if (!await store.VerifyAsync(row.Sha256, ct))
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "証拠ファイルがハッシュと一致しません / the evidence file does not match its SHA-256",
                    detail: $"Recorded SHA-256 {row.Sha256}. The stored file was changed or is missing.");
            context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
            context.Response.Headers.CacheControl = "no-store"; // evidence may hold personal data: never kept by a browser or proxy
            context.Response.Headers["X-Evidence-Sha256"] = row.Sha256;
            return Results.File(store.Open(row.Sha256)!, "application/octet-stream", row.FileName);
        }).RequireAuthorization(Policies.ControlOwner);

        MapControlExports(app);
    }

    /// <summary>
    /// The control lists as CSV or .xlsx, with the rows and words of their pages and the same policy: the matrix and the
    /// exceptions for the CISO office; the verification calendar and a self-check's lines also for managers, who get the
    /// controls they own, as on the page.
    /// </summary>
    private static void MapControlExports(IEndpointRouteBuilder app)
    {
        app.MapGet($"/controls/matrix/export.{TableExport.Format}", async (string format, HttpContext context, ControlQueries queries,
                IStringLocalizer<ControlText> t, TimeProvider time, CancellationToken ct) =>
            {
                var table = ControlTables.Matrix(await queries.MatrixAsync(ct), t, queries.Catalogue);
                return await TableExport.FileAsync(context, table, format, $"control-matrix-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.ControlManager);

        app.MapGet($"/controls/due/export.{TableExport.Format}", async (string format, HttpContext context, ControlQueries queries,
                IStringLocalizer<ControlText> t, IStringLocalizer<ExportText> x, TimeProvider time, CancellationToken ct) =>
            {
                var table = ControlTables.Due(await queries.DueForViewerAsync(queries.Today, ct), t, x, DisplayDates.StyleOf(context.User));
                return await TableExport.FileAsync(context, table, format, $"control-due-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.ControlOwner);

        app.MapGet($"/controls/exceptions/export.{TableExport.Format}", async (string format, HttpContext context, ControlQueries queries,
                IStringLocalizer<ControlText> t, TimeProvider time, CancellationToken ct) =>
            {
                var table = ControlTables.Exceptions(await queries.ExceptionsAsync(queries.Today, ct), t, DisplayDates.StyleOf(context.User));
                return await TableExport.FileAsync(context, table, format, $"control-exceptions-{TableExport.Stamp(time)}", ct);
            })
            .RequireAuthorization(Policies.ControlManager);

        app.MapGet($"/controls/self-check/{{id:int}}/export.{TableExport.Format}", async (string format, int id, HttpContext context,
                SelfCheckQueries queries, ControlQueries controls, IStringLocalizer<ControlText> t, CancellationToken ct) =>
            {
                var detail = await queries.DetailAsync(id, ct);
                if (detail is null) return Results.NotFound();
                var table = ControlTables.SelfCheck(detail, t, DisplayDates.StyleOf(context.User), controls.Today);
                return await TableExport.FileAsync(context, table, format, $"self-check-{detail.Check.FiscalYear}", ct);
            })
            .RequireAuthorization(Policies.ControlOwner);
    }
}
