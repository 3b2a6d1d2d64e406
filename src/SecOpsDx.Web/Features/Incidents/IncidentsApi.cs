using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using SecOpsDx.Core;
using SecOpsDx.Core.Api;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Api;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.Incidents;

/// <summary>
/// `/api/v1/incidents`: other systems report incidents and read them back. Every answer to bad input is a
/// 4xx with application/problem+json naming the fields; nothing a client sends can cause a 5xx.
/// </summary>
public static class IncidentsApi
{
    public const long MaxBodyBytes = 64 * 1024;
    public const string WritePolicy = "api:incidents:write";
    public const string ReadPolicy = "api:incidents:read";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").DisableAntiforgery();
        // The answers carry personal data: no cache along the way may keep them.
        group.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        group.MapPost("", CreateAsync).RequireAuthorization(WritePolicy);
        group.MapGet("", ListAsync).RequireAuthorization(ReadPolicy);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(ReadPolicy);
    }

    public sealed class ReporterBody
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Organization { get; set; }
    }

    public sealed class CreateBody
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Category { get; set; }
        public string? Source { get; set; }
        public string? Severity { get; set; }
        public string? ReportedAt { get; set; }
        public string? OccurredAt { get; set; }
        public ReporterBody? Reporter { get; set; }
        public bool? PersonalDataInvolved { get; set; }
        public int? PersonalRecordCount { get; set; }
        public string? Segment { get; set; }
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ReceiveIncident receive, CancellationToken ct)
    {
        if (context.Request.ContentLength > MaxBodyBytes) return TooLarge();
        if (!context.Request.HasJsonContentType())
            return ApiProblems.Result(StatusCodes.Status415UnsupportedMediaType, "JSON が必要です / JSON expected", "Send the body as application/json.");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;

        CreateBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CreateBody>(context.Request.Body, Json, ct);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Invalid(ValidationFailedException.For(field, ErrorCodes.UnreadableJson).Errors);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        if (body is null) return Invalid(ValidationFailedException.For("body", ErrorCodes.Required).Errors);

        var errors = new FieldErrors();
        var source = ParseEnum<IncidentSource>(body.Source, "source", errors, required: true, ["internal", "external", "system"]);
        var segment = ParseEnum<NetworkSegment>(body.Segment, "segment", errors, required: false, ["mynumber", "lgwan", "internet"]);
        var reportedAt = ParseTime(body.ReportedAt, "reportedAt", errors);
        var occurredAt = ParseTime(body.OccurredAt, "occurredAt", errors);
        if (string.IsNullOrWhiteSpace(body.Category)) errors.Add("category", ErrorCodes.Required);
        var intake = new IncidentIntake(
            body.Title, body.Description, source, "api", body.Category, body.Severity, occurredAt, reportedAt,
            body.Reporter?.Name, body.Reporter?.Email, body.Reporter?.Phone, body.Reporter?.Organization,
            body.PersonalDataInvolved, body.PersonalRecordCount, segment);
        // One answer names every bad field: the API's own checks and the ticket's.
        errors.AddAll(receive.Validate(intake));
        // A client that retries after a lost answer sends the same key and gets the first result back.
        string? idempotencyKey = null;
        if (context.Request.Headers.TryGetValue("Idempotency-Key", out var keyHeader))
        {
            var key = keyHeader.ToString();
            if (key.Length is 0 or > ReceiveIncident.MaxIdempotencyKey || key.Any(c => c is < '!' or > '~'))
                errors.Add("Idempotency-Key", ErrorCodes.IdempotencyKeyInvalid, ReceiveIncident.MaxIdempotencyKey);
            else
                idempotencyKey = $"{context.User.FindFirst("api_token_id")?.Value}:{key}";
        }
        if (errors.Any) return Invalid(errors.ToDictionary());

        try
        {
            var created = await receive.ExecuteAsync(intake, null, ct, idempotencyKey);
            if (created.Replayed) context.Response.Headers["Idempotent-Replayed"] = "true";
            var location = $"/api/v1/incidents/{created.Id}";
            return new CreatedResult(location, Results.Json(
                new { id = created.Id, number = created.Number, status = "received", location }, Json, statusCode: StatusCodes.Status201Created));
        }
        catch (ValidationFailedException e)
        {
            return Invalid(e.Errors);
        }
    }

    private static async Task<IResult> ListAsync(string? limit, IncidentQueries queries, CancellationToken ct)
    {
        var take = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 200))
            return Invalid(ValidationFailedException.For("limit", ErrorCodes.WholeNumberRange, 1, 200).Errors);
        var page = await queries.ListAsync(new IncidentFilter(Scope: IncidentScope.All, PageSize: take), ct);
        return Results.Json(new { items = page.Items.Select(Summary), total = page.Total }, Json);
    }

    private static async Task<IResult> GetAsync(string id, IncidentQueries queries, CancellationToken ct)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return Invalid(ValidationFailedException.For("id", ErrorCodes.WholeNumberRange, 1, int.MaxValue).Errors);
        var detail = await queries.DetailAsync(value, ct);
        if (detail is null)
            return ApiProblems.Result(StatusCodes.Status404NotFound, "見つかりません / not found", $"No incident has id {value}.");
        var i = detail.Ticket;
        return Results.Json(new
        {
            id = i.Id, number = i.Number, title = i.Title, description = i.Description,
            status = Camel(i.Status), phase = i.Phase is { } p ? Camel(p) : null, closure = i.Closure is { } c ? Camel(c) : null,
            category = i.Category, severity = i.Severity, source = Camel(i.Source), channel = i.Channel, segment = Camel(i.Segment),
            reportedAt = i.AwareAt, occurredAt = i.OccurredAt, receivedAt = i.ReceivedAt, triagedAt = i.TriagedAt, closedAt = i.ClosedAt,
            reporter = new { name = i.ReporterName, email = i.ReporterEmail, phone = i.ReporterPhone, organization = i.ReporterOrganization },
            personalDataInvolved = i.PersonalDataInvolved, personalRecordCount = i.PersonalRecordCount,
            regulatory = new
            {
                mustReportToPpc = detail.Ppc.MustReport,
                laws = detail.Ppc.Laws.Select(l => l == ReportingLaw.MyNumberAct ? "myNumberAct" : "personalInformationProtectionAct"),
                reasons = detail.Ppc.Reasons.Select(r => Camel(r)),
                preliminaryDueAt = detail.Ppc.Preliminary?.DueAt,
                preliminaryLatestAt = detail.Ppc.PreliminaryOuterAt,
                preliminaryState = detail.Ppc.Preliminary is { } p1 ? Camel(p1.State) : null,
                finalDueAt = detail.Ppc.Final?.DueAt,
                finalState = detail.Ppc.Final is { } p2 ? Camel(p2.State) : null,
                nextDueAt = detail.Ppc.Next?.DueAt,
                noticeToIndividuals = detail.Ppc.Notice is { } n
                    ? new { state = Camel(n.State), notifiedAt = n.State == ReportState.Submitted ? n.SubmittedAt : null, method = n.Method, note = n.Note }
                    : null,
            },
        }, Json);
    }

    private static object Summary(IncidentRow r) => new
    {
        id = r.Id, number = r.Number, title = r.Title, status = Camel(r.Status), category = r.Category, severity = r.Severity,
        receivedAt = r.ReceivedAt, reportedAt = r.AwareAt, nextDueAt = r.NextDueAt,
    };

    private static string Camel<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static T ParseEnum<T>(string? value, string field, FieldErrors errors, bool required, string[] allowed) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(field, ErrorCodes.OneOf, string.Join(", ", allowed));
            return default;
        }
        var v = value.Trim().ToLowerInvariant();
        if (allowed.Contains(v) && Enum.TryParse<T>(v, ignoreCase: true, out var parsed)) return parsed;
        errors.Add(field, ErrorCodes.OneOf, string.Join(", ", allowed));
        return default;
    }

    private static DateTimeOffset? ParseTime(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && value.Contains('T')
            && (value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T')))
            return t;
        errors.Add(field, ErrorCodes.IsoTimeExpected);
        return null;
    }

    /// <summary>API clients get each problem in Japanese and English, as the other API messages are.</summary>
    private static string Bilingual(FieldError e)
    {
        var ja = UserMessages.Describe(e, CultureInfo.GetCultureInfo(AppCultures.Japanese));
        var en = UserMessages.Describe(e, CultureInfo.GetCultureInfo(AppCultures.English));
        return ja == en ? ja : $"{ja} / {en}";
    }

    private static IResult Invalid(IReadOnlyDictionary<string, IReadOnlyList<FieldError>> errors) =>
        ApiProblems.Result(StatusCodes.Status400BadRequest, "入力に誤りがあります / invalid request", "See errors for each field.",
            errors.ToDictionary(e => e.Key, e => e.Value.Select(Bilingual).ToArray()));

    private static IResult TooLarge() =>
        ApiProblems.Result(StatusCodes.Status413PayloadTooLarge, "本文が大きすぎます / body too large", $"The body may be at most {MaxBodyBytes / 1024} KiB.");

    private sealed class CreatedResult(string location, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
