using System.Net;
using Amani.Platform.Access;
using Amani.Register.Attachments;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>
/// The anonymous reporting endpoints: submit (JSON, or a classic HTML form post), follow a report by its tracking
/// code, and add information. All are rate limited per client address.
/// </summary>
public static class PublicReportsApi
{
    public static RouteGroupBuilder MapPublicReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Community reports (public)");
        reports.MapPost("/", SubmitJson).WithName("SubmitReport").RequireRateLimiting(RateLimits.Anonymous);
        reports.MapPost("/", SubmitForm).WithName("SubmitReportForm").RequireRateLimiting(RateLimits.Anonymous).DisableAntiforgery()
            .Accepts<SubmitReportForm>("application/x-www-form-urlencoded", "multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(AttachmentLimits.MaxRequestBytes));
        reports.MapGet("/{code}", Status).WithName("GetReportStatus").RequireRateLimiting(RateLimits.TrackingCodes);
        reports.MapPost("/{code}/messages", AddMessage).WithName("AddReportMessage").RequireRateLimiting(RateLimits.TrackingCodes);
        return api.MapIntakeCeiling();
    }

    private static async Task<Results<Created<SubmitReportResponse>, ProblemHttpResult, ValidationProblem>> SubmitJson(SubmitReportRequest request,
        ReportSubmission submission, HttpContext http, CancellationToken cancellationToken)
    {
        var result = await submission.SubmitAsync(request, ReportChannel.Web, cancellationToken);
        if (!result.Succeeded)
            return Problem.Invalid(result.Field!, result.Error!);
        if (result.Value!.KeyReusedForOtherContent)
            return Problem.Conflict("This idempotency key was already used for a different report. Use a new key for a new report.");
        if (result.Value.Replayed)
            http.Response.Headers["Idempotent-Replayed"] = "true";
        var code = TrackingCode.Format(result.Value.TrackingCode!);
        return TypedResults.Created($"/api/v1/reports/{code}", new SubmitReportResponse(code, $"/api/v1/reports/{code}"));
    }

    /// <summary>
    /// The same submission from a plain HTML form (works without JavaScript), optionally multipart with files in
    /// <c>photos</c>. Browsers get a page showing the code; API clients (asking for JSON, or sending multipart without
    /// asking for HTML) get the JSON answer and problem details.
    /// </summary>
    private static async Task<IResult> SubmitForm([FromForm] SubmitReportForm form, ReportSubmission submission, ReportPhotos photos, HttpContext http,
        CancellationToken cancellationToken)
    {
        var json = WantsJson(http.Request);
        var (checkedPhotos, refused) = await ReportPhotos.CheckAsync(http.Request, cancellationToken);
        if (refused is not null)
            return json ? refused : FormPage((HttpStatusCode)refused.StatusCode, "Your report was not sent", refused.ProblemDetails.Detail!);
        var request = form.ToRequest();
        if (ReportSubmission.ShapeErrors(request) is { Count: > 0 } errors)
        {
            var invalid = string.Join(" ", errors.Select(e => e.Error));
            return json ? Problem.Invalid("form", invalid) : FormPage(HttpStatusCode.BadRequest, "Your report was not sent", invalid);
        }
        var result = await submission.SubmitAsync(request, ReportChannel.WebForm, cancellationToken, photos.Attach(checkedPhotos));
        if (!result.Succeeded)
            return json ? Problem.Invalid(result.Field!, result.Error!) : FormPage(HttpStatusCode.BadRequest, "Your report was not sent", result.Error!);
        if (result.Value!.KeyReusedForOtherContent)
            return json ? Problem.Conflict("This idempotency key was already used for a different report. Use a new key for a new report.")
                : FormPage(HttpStatusCode.Conflict, "Your report was not sent", "This form was already used for another report. Reload the page and try again.");
        var code = TrackingCode.Format(result.Value.TrackingCode!);
        if (!json)
            return FormPage(HttpStatusCode.Created, "Thank you — your report was received",
                $"Your tracking code is {code}. Keep it: with it you can follow your report and add information.", code);
        if (result.Value.Replayed)
            http.Response.Headers["Idempotent-Replayed"] = "true";
        return TypedResults.Created($"/api/v1/reports/{code}", new SubmitReportResponse(code, $"/api/v1/reports/{code}"));
    }

    private static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("application/json", StringComparison.OrdinalIgnoreCase) || accept.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase))
            return true;
        return !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static async Task<Results<Ok<ReportStatusResponse>, ProblemHttpResult>> Status(string code, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var status = await ReportTracking.FindAsync(db, code, cancellationToken);
        return status is null ? UnknownCode() : TypedResults.Ok(status);
    }

    private static async Task<Results<Created<ReporterMessage>, ProblemHttpResult>> AddMessage(string code, AddMessageRequest request, AmaniDbContext db,
        AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (report, _, _) = await ReportTracking.LoadAsync(db, code, cancellationToken);
        if (report is null)
            return UnknownCode();
        var message = new ReportMessage
        {
            ReportId = report.Id, Direction = MessageDirection.FromReporter, Body = request.Body.Trim(), At = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime),
        };
        db.ReportMessages.Add(message);
        audit.Record(AuditAction.ReportMessageReceived, CommunityReport.AuditEntity, report.Id, "The reporter added information.");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/reports/{TrackingCode.Format(report.TrackingCode)}", ReporterView.Message(message));
    }

    /// <summary>The same answer for a malformed and for an unknown code: a guesser learns nothing from it.</summary>
    private static ProblemHttpResult UnknownCode() => Problem.Of(ProblemType.NotFound, ReportTracking.UnknownCode);

    private static IResult FormPage(HttpStatusCode status, string title, string text, string? code = null) => Results.Content($"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)} · Amani</title></head><body><main><h1>{WebUtility.HtmlEncode(title)}</h1>
        <p>{WebUtility.HtmlEncode(text)}</p>{(code is null ? "" : $"<p><strong data-tracking-code>{WebUtility.HtmlEncode(code)}</strong></p>")}
        </main></body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}

/// <summary>The fields of the HTML report form (names as in the JSON contract, contact flattened); every field may be absent.</summary>
public sealed class SubmitReportForm
{
    public string? Description { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTimeOffset? OccurredAt { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? ConsentToContact { get; set; }
    public string? Language { get; set; }
    public string? IdempotencyKey { get; set; }
    public string? PlaceName { get; set; }
    public string? AreaPCode { get; set; }
    public string? MissionCode { get; set; }

    public SubmitReportRequest ToRequest() => new(Description ?? "", Latitude, Longitude, OccurredAt,
        string.IsNullOrWhiteSpace(Phone) && string.IsNullOrWhiteSpace(Email) ? null : new ContactInput(NullIfBlank(Phone), NullIfBlank(Email)),
        ConsentToContact is "on" or "true" or "yes", NullIfBlank(Language), NullIfBlank(IdempotencyKey), NullIfBlank(PlaceName), NullIfBlank(AreaPCode),
        NullIfBlank(MissionCode));

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>What of a report its reporter may see.</summary>
public static class ReporterView
{
    public static ReporterMessage Message(ReportMessage message) =>
        new(message.Direction == MessageDirection.FromReporter ? "you" : "mission", message.Body, message.At);

    public static PublicReportStatus Status(ReportStatus report, IncidentStatus? incident) => (report, incident) switch
    {
        (ReportStatus.Closed, _) => PublicReportStatus.Closed,
        (_, IncidentStatus.Verified) => PublicReportStatus.Verified,
        (_, IncidentStatus.Responding) => PublicReportStatus.ActionTaken,
        (_, IncidentStatus.Closed or IncidentStatus.Rejected) => PublicReportStatus.Closed,
        (ReportStatus.New, null) => PublicReportStatus.Received,
        _ => PublicReportStatus.UnderReview,
    };
}
