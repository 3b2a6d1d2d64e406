using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecOpsDx.Core;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Compliance;
using SecOpsDx.Web.Api;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;

namespace SecOpsDx.Web.Features.Compliance;

/// <summary>
/// `GET /api/v1/compliance/summary?fiscalYear=YYYY`: the dashboard's figures for the whole organisation as JSON,
/// for a token with the compliance:read scope. Rates are fractions (0.82 = 82 %), null when nothing is counted.
/// </summary>
public static class ComplianceApi
{
    public const string ReadPolicy = "api:compliance:read";

    /// <summary>The first 年度 the API answers for; anything earlier is refused as a mistyped year.</summary>
    public const int FirstYear = 2000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static void MapComplianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/compliance/summary", SummaryAsync).DisableAntiforgery().RequireAuthorization(ReadPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, ComplianceQueries queries, CancellationToken ct)
    {
        var current = FiscalYear.Of(queries.Today);
        var year = current;
        if (context.Request.Query.TryGetValue("fiscalYear", out var values))
        {
            var text = values.ToString().Trim();
            if (values.Count != 1 || text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                || y < FirstYear || y > current.StartYear)
                return Invalid(current.StartYear);
            year = new FiscalYear(y);
        }
        var s = (await queries.SummaryAsync(year, null, ct))!;
        return Results.Json(Body(s), Json);
    }

    private static IResult Invalid(int last)
    {
        var error = new FieldError(ErrorCodes.WholeNumberRange, [FirstYear.ToString(CultureInfo.InvariantCulture), last.ToString(CultureInfo.InvariantCulture)]);
        var ja = UserMessages.Describe(error, CultureInfo.GetCultureInfo(AppCultures.Japanese));
        var en = UserMessages.Describe(error, CultureInfo.GetCultureInfo(AppCultures.English));
        return ApiProblems.Result(StatusCodes.Status400BadRequest, "入力に誤りがあります / invalid request",
            $"fiscalYear must be the year a 年度 starts in, written with four digits, from {FirstYear} to {last} (e.g. fiscalYear={last}).",
            new Dictionary<string, string[]> { ["fiscalYear"] = [$"{ja} / {en}"] });
    }

    private static object Reasons(IReadOnlyList<StatusReason> reasons) =>
        reasons.Select(r => new { code = r.Code, level = r.Level, value = Math.Round(r.Value, 2), limit = r.Limit, subject = r.Subject });

    public static object Body(ComplianceSummary s) => new
    {
        fiscalYear = s.Year.StartYear,
        asOf = s.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        staffCount = s.StaffCount,
        status = s.Overall,
        training = new
        {
            status = s.Training.Status,
            reasons = Reasons(s.Training.Reasons),
            completionRate = s.Training.Overall.Rate,
            assigned = s.Training.Overall.Assigned,
            completed = s.Training.Overall.Completed,
            exempt = s.Training.Overall.Exempt,
            overdue = s.Training.Overall.Overdue,
            byDepartment = s.Training.ByDepartment.Select(d => new
            {
                departmentId = d.DepartmentId, code = d.Code, name = d.Name, completionRate = d.Rate.Rate,
                assigned = d.Rate.Assigned, completed = d.Rate.Completed, overdue = d.Rate.Overdue, exempt = d.Rate.Exempt,
            }),
            trend = s.Training.Trend.Select(p => new { fiscalYear = p.Year.StartYear, completionRate = p.Rate.Rate, assigned = p.Rate.Assigned, completed = p.Rate.Completed }),
            lastDrill = s.Training.LastDrill is { } d
                // Click and report rates as on the dashboard and the annual report; no open rate, which means nothing when
                // mail arrives as text (α, α′; see DrillMeasures). Reports recorded by hand are in reported and reportRate.
                ? new
                {
                    name = d.Name, heldOn = d.HeldOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sent = d.Sent, clicked = d.Clicked,
                    clickRate = d.ClickRate, reported = d.Reported, reportedByHand = d.ReportedByHand, reportRate = d.ReportRate,
                    mailArrivesAsText = d.MailArrivesAsText,
                }
                : null,
        },
        policies = new
        {
            status = s.Policies.Status,
            reasons = Reasons(s.Policies.Reasons),
            documentsInForce = s.Policies.DocumentsInForce,
            overdueReviews = s.Policies.OverdueReviews,
            olderGuidelineEdition = s.Policies.OlderEdition,
            // Organs without a published cybersecurity policy (地方自治法 第244条の6); null before 2026-04-01 and for a department.
            unpublishedOrgans = s.Policies.UnpublishedOrgans,
            acknowledgmentRate = s.Policies.AcknowledgmentRate,
            applicable = s.Policies.Applicable,
            acknowledged = s.Policies.Acknowledged,
        },
        controls = new
        {
            status = s.Controls.Status,
            reasons = Reasons(s.Controls.Reasons),
            model = s.Controls.Model,
            bySegment = s.Controls.BySegment.Select(f => new { segment = f.Segment, met = f.Met, applicable = f.Applicable, percent = f.Percent }),
            unmetControls = s.Controls.UnmetControls,
            overdueVerifications = s.Controls.OverdueVerifications,
            exceptionsExpiring = s.Controls.ExceptionsExpiring,
            exceptionsExpired = s.Controls.ExceptionsExpired,
            openFindings = s.Controls.OpenFindings,
        },
        incidents = s.Incidents is { } i ? new
        {
            status = i.Status,
            reasons = Reasons(i.Reasons),
            open = i.Open,
            untriaged = i.Untriaged,
            bySeverity = i.BySeverity.Select(x => new { severity = x.Severity.Length == 0 ? null : x.Severity, count = x.Count }),
            byState = i.ByState.Select(x => new { state = x.Status, count = x.Count }),
            ppcDueSoon = i.PpcDueSoon,
            ppcMissed = i.PpcMissed,
            receivedInYear = i.ReceivedInYear,
            medianHoursToTriage = i.MedianHoursToTriage,
            medianHoursToClose = i.MedianHoursToClose,
            months = i.Months.Select(m => new { year = m.Year, month = m.Month, received = m.Received, closed = m.Closed }),
        } : null,
    };
}
