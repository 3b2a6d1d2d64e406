using Microsoft.Net.Http.Headers;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.Incidents;

public static class EvidenceEndpoints
{
    /// <summary>
    /// Downloads an evidence file after checking its bytes still match the recorded SHA-256. Always as an
    /// attachment of type octet-stream, so an uploaded page or script never runs in the app's origin.
    /// </summary>
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/incidents/{id:int}/evidence/{evidenceId:int}", async (int id, int evidenceId, IncidentQueries queries, EvidenceStore store, HttpContext context, CancellationToken ct) =>
        {
            var row = await queries.EvidenceAsync(id, evidenceId, ct);
            return row is null ? Results.NotFound() : await DownloadAsync(row, store, context, ct);
        }).RequireAuthorization(Policies.IncidentReader);

        // The person who reported a ticket may download the files they added to it, and nothing else.
        app.MapGet("/incidents/mine/{id:int}/evidence/{evidenceId:int}", async (int id, int evidenceId, IncidentQueries queries, EvidenceStore store, HttpContext context, CancellationToken ct) =>
        {
            var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
            var row = userId is null ? null : await queries.ReporterEvidenceAsync(id, evidenceId, userId, ct);
            return row is null ? Results.NotFound() : await DownloadAsync(row, store, context, ct);
        }).RequireAuthorization(Policies.SignedIn);
    }

    private static async Task<IResult> DownloadAsync(EvidenceRow row, EvidenceStore store, HttpContext context, CancellationToken ct)
    {
        if (!await store.VerifyAsync(row.Sha256, ct))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "証拠ファイルがハッシュと一致しません / the evidence file does not match its SHA-256",
                detail: $"Recorded SHA-256 {row.Sha256}. The stored file was changed or is missing.");
        context.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        context.Response.Headers.CacheControl = "no-store"; // evidence may hold personal data: never kept by a browser or proxy
        context.Response.Headers["X-Evidence-Sha256"] = row.Sha256;
        return Results.File(store.Open(row.Sha256)!, "application/octet-stream", row.FileName);
    }
}
