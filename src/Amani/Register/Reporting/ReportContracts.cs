using System.ComponentModel.DataAnnotations;

namespace Amani.Register.Reporting;

public sealed record ContactInput(
    [property: StringLength(ReportLimits.Phone), RegularExpression(@"^\+?[0-9 ()\-.]{6,32}$", ErrorMessage = "Give a phone number of digits, optionally starting with +.")] string? Phone,
    [property: StringLength(ReportLimits.Email), RegularExpression(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", ErrorMessage = "Give an e-mail address such as name@example.org.")]
    string? Email);

/// <summary>The public report contract. These names are stable: forms, apps and the SMS bridge send them.</summary>
public sealed record SubmitReportRequest(
    [property: Required, StringLength(ReportLimits.Description, MinimumLength = 3)] string Description,
    [property: Range(-90.0, 90.0)] double? Latitude,
    [property: Range(-180.0, 180.0)] double? Longitude,
    DateTimeOffset? OccurredAt,
    ContactInput? Contact,
    bool? ConsentToContact,
    [property: StringLength(16), RegularExpression("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", ErrorMessage = "Give a language tag such as fr, en or sg.")] string? Language,
    [property: StringLength(ReportLimits.IdempotencyKey, MinimumLength = 8)] string? IdempotencyKey,
    [property: StringLength(ReportLimits.PlaceName)] string? PlaceName,
    [property: StringLength(64)] string? AreaPCode,
    [property: StringLength(32)] string? MissionCode);

public sealed record SubmitReportResponse(string TrackingCode, string StatusUrl);

public sealed record ReporterMessage(string From, string Body, DateTime At);

/// <summary>What a reporter sees: the status and the messages meant for them — nothing else.</summary>
public sealed record ReportStatusResponse(string TrackingCode, PublicReportStatus Status, DateTime ReceivedAt, IReadOnlyList<ReporterMessage> Messages);

public sealed record AddMessageRequest([property: Required, StringLength(ReportLimits.Message, MinimumLength = 1)] string Body);
