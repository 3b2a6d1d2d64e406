using Microsoft.Net.Http.Headers;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Hosting;

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
            context.Response.Headers["X-Evidence-Sha256"] = row.Sha256;
            return Results.File(store.Open(row.Sha256)!, "application/octet-stream", row.FileName);
        }).RequireAuthorization(Policies.ControlOwner);
    }
}
