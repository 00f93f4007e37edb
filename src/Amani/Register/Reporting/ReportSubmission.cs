using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Register.Incidents;

namespace Amani.Register.Reporting;

/// <summary>
/// Turns a public submission (JSON, HTML form or SMS) into a <see cref="NewReport"/>: checks the rules the shape checks
/// cannot, picks the mission and area, encrypts the contact, and hands it to <see cref="ReportIntake"/>.
/// </summary>
public sealed class ReportSubmission(PublicMissions missions, AreaResolver areas, ContactProtection contacts, ReportIntake intake, TimeProvider clock)
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <param name="beforeIntake">Runs once the submission passed every rule, before it is queued (stores its photos, say).</param>
    public async Task<Result<IntakeOutcome>> SubmitAsync(SubmitReportRequest request, ReportChannel channel, CancellationToken cancellationToken,
        Func<NewReport, CancellationToken, Task<NewReport>>? beforeIntake = null)
    {
        if ((request.Latitude is null) != (request.Longitude is null))
            return Result<IntakeOutcome>.Invalid(request.Latitude is null ? "latitude" : "longitude", "Give both latitude and longitude, or neither.");
        if (request.Latitude is { } lat && (!double.IsFinite(lat) || !double.IsFinite(request.Longitude!.Value)))
            return Result<IntakeOutcome>.Invalid("latitude", "Coordinates must be numbers in degrees.");
        if (request.OccurredAt is { } when && (when.UtcDateTime > clock.GetUtcNow().UtcDateTime + ClockSkew || when.UtcDateTime < IncidentRules.Earliest))
            return Result<IntakeOutcome>.Invalid("occurredAt", "Give when it happened: not in the future, not before 1900.");
        var hasContact = !string.IsNullOrWhiteSpace(request.Contact?.Phone) || !string.IsNullOrWhiteSpace(request.Contact?.Email);
        if (hasContact && request.ConsentToContact != true && channel != ReportChannel.Sms)
            return Result<IntakeOutcome>.Invalid("consentToContact",
                "To leave a phone number or e-mail, agree to be contacted (consentToContact: true); or leave them out to stay anonymous.");
        if (await missions.ResolveAsync(request.MissionCode, cancellationToken) is not { } missionId)
            return Result<IntakeOutcome>.Invalid("missionCode", request.MissionCode is null
                ? "Several missions receive reports here; name one in missionCode."
                : $"There is no mission {request.MissionCode}.");

        var areaId = await areas.ResolveAsync(missionId, request.Latitude, request.Longitude, request.PlaceName ?? request.AreaPCode, cancellationToken);
        var contact = hasContact ? new ContactDetails(request.Contact!.Phone?.Trim(), request.Contact.Email?.Trim()) : null;
        var report = new NewReport(missionId, channel, request.Description.Trim(), request.Latitude, request.Longitude, request.PlaceName?.Trim(), areaId,
            request.OccurredAt is { } at ? Platform.Audit.AuditChain.Truncate(at.UtcDateTime) : null, request.Language?.Trim(), contacts.Protect(contact),
            hasContact, request.IdempotencyKey is { } key ? Hash(key) : null, request.IdempotencyKey is null ? null : Fingerprint(request),
            Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"));
        if (beforeIntake is not null)
            report = await beforeIntake(report, cancellationToken);
        return Result<IntakeOutcome>.Ok(await intake.SubmitAsync(report, cancellationToken));
    }

    /// <summary>
    /// The contract's shape checks (those the framework runs on JSON bodies), for form posts: every failing field of
    /// the request and of its contact (<c>contact.phone</c>, <c>contact.email</c>) with its message.
    /// </summary>
    public static IReadOnlyList<(string Field, string Error)> ShapeErrors(SubmitReportRequest request) =>
        [
            .. Platform.Problems.ShapeChecks.Errors(request),
            .. request.Contact is { } contact ? Platform.Problems.ShapeChecks.Errors(contact).Select(e => ("contact." + e.Member, e.Error)) : [],
        ];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>What a retry must repeat for its key to count as the same submission (the key itself excluded).</summary>
    private static string Fingerprint(SubmitReportRequest request) => Hash(JsonSerializer.Serialize(request with { IdempotencyKey = null }));
}
