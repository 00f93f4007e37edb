using System.Globalization;
using System.Text.Json.Nodes;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Register.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;

namespace Amani.Register.Reporting.Pages.Report;

/// <summary>
/// The public report form. Without JavaScript it is a plain form post answered with the tracking code; it goes through
/// the same <see cref="ReportSubmission"/> as <c>POST /api/v1/reports</c> (shape checks, rules, intake), and nothing is
/// stored when a field is wrong: the form comes back with the reason next to the field. With JavaScript
/// (<c>js/report.js</c>) the form posts JSON to the API, picks a place on a map, and queues reports made offline.
/// </summary>
[EnableRateLimiting(RateLimits.Anonymous)]
public sealed class IndexModel(AmaniDbContext db, ReportSubmission submission, AmaniSettings settings,
    IStringLocalizer<IndexModel> text) : PageModel
{
    public ReportForm Form { get; private set; } = new();
    public IReadOnlyList<MissionChoice> Missions { get; private set; } = [];
    /// <summary>Messages by field (<c>description</c>, <c>occurredAt</c>, … and <c>form</c> for the form as a whole).</summary>
    public Dictionary<string, string> Errors { get; } = [];
    public string? TrackingCodeGiven { get; private set; }
    /// <summary>A tile URL template (<c>AMANI_MAP_TILE_URL</c>) for the map picker; without it the map shows the mission's boundaries only.</summary>
    public string? TileUrl => settings.MapTileUrl;

    public async Task OnGetAsync(string? mission, CancellationToken cancellationToken)
    {
        Missions = await LoadMissionsAsync(cancellationToken);
        Form = new ReportForm { MissionCode = mission ?? DefaultMission(), IdempotencyKey = Guid.NewGuid().ToString("N") };
    }

    public async Task<IActionResult> OnPostAsync([FromForm] ReportForm form, CancellationToken cancellationToken)
    {
        Form = form;
        Missions = await LoadMissionsAsync(cancellationToken);
        var request = ToRequest(form);
        if (request is not null)
            foreach (var (field, _) in ReportSubmission.ShapeErrors(request))
                Explain(field);
        if (Errors.Count > 0 || request is null)
            return Refused();

        var result = await submission.SubmitAsync(request, ReportChannel.WebForm, cancellationToken);
        if (!result.Succeeded)
        {
            Explain(result.Field!);
            return Refused();
        }
        if (result.Value!.KeyReusedForOtherContent)
        {
            Errors["form"] = text["This form was already used for another report. Check your report and send it again."];
            Form.IdempotencyKey = Guid.NewGuid().ToString("N");
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
        TrackingCodeGiven = TrackingCode.Format(result.Value.TrackingCode!);
        return Page();
    }

    /// <summary>The mission's largest admin areas (level 1, else 0) as GeoJSON, for the map picker: drawn as vectors, no tile server needed.</summary>
    public async Task<IActionResult> OnGetBoundariesAsync(string? mission, CancellationToken cancellationToken)
    {
        var code = (mission ?? "").Trim().ToUpperInvariant();
        var areas = await db.AdminAreas.AsNoTracking()
            .Where(a => a.Level <= 1 && a.GeometryGeoJson != null && db.Set<Mission>().Any(m => m.Id == a.MissionId && m.Code == code))
            .Select(a => new { a.Level, a.PCode, a.Name, a.GeometryGeoJson }).ToListAsync(cancellationToken);
        var level = areas.Count == 0 ? 0 : areas.Max(a => a.Level);
        var features = new JsonArray(areas.Where(a => a.Level == level).Select(a => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["pCode"] = a.PCode, ["name"] = a.Name },
            ["geometry"] = JsonNode.Parse(a.GeometryGeoJson!),
        }).ToArray());
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString(), "application/geo+json");
    }

    private PageResult Refused() => new() { StatusCode = StatusCodes.Status400BadRequest };

    /// <summary>The contract's request from the form (the API's own form mapping), or null with errors for what cannot be read.</summary>
    private SubmitReportRequest? ToRequest(ReportForm form)
    {
        var latitude = Number(form.Latitude, "latitude");
        var longitude = Number(form.Longitude, "longitude");
        var occurredAt = When(form.OccurredAt, form.MissionCode);
        if (Errors.Count > 0)
            return null;
        return new SubmitReportForm
        {
            MissionCode = form.MissionCode, Description = form.Description, Latitude = latitude, Longitude = longitude, OccurredAt = occurredAt,
            PlaceName = form.PlaceName, Phone = form.Phone, Email = form.Email, ConsentToContact = form.ConsentToContact,
            IdempotencyKey = form.IdempotencyKey, Language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName,
        }.ToRequest();
    }

    private double? Number(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (double.TryParse(value.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return number;
        Explain(field);
        return null;
    }

    /// <summary>A date-time input's local time, read in the mission's time zone (UTC when the mission is unknown).</summary>
    private DateTimeOffset? When(string? value, string? missionCode)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!DateTime.TryParseExact(value.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            Explain("occurredAt");
            return null;
        }
        var zone = TimeZoneInfo.Utc;
        if (Missions.FirstOrDefault(m => string.Equals(m.Code, missionCode?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } mission)
            TimeZoneInfo.TryFindSystemTimeZoneById(mission.TimeZone, out zone!);
        zone ??= TimeZoneInfo.Utc;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>The reason for a field, in the reader's language (the rules and checks are the API's; only their wording is the page's).</summary>
    private void Explain(string field)
    {
        var (key, message) = field switch
        {
            "description" => ("description", text["Describe what happened, in at least 3 characters (at most 5,000)."].Value),
            "latitude" or "longitude" => ("location", text["Give the position as latitude and longitude in degrees (both, or neither), or leave both empty."].Value),
            "occurredAt" => ("occurredAt", text["Give a date and time when it happened, not in the future."].Value),
            "contact.phone" => ("phone", text["Give a phone number of digits, optionally starting with +."].Value),
            "contact.email" => ("email", text["Give an e-mail address such as name@example.org."].Value),
            "consentToContact" => ("consentToContact", text["To leave a phone number or e-mail, agree to be contacted; or leave them out to stay anonymous."].Value),
            "missionCode" => ("missionCode", text["Choose the mission that should receive your report."].Value),
            "placeName" => ("placeName", text["Give a shorter place name (at most 200 characters)."].Value),
            _ => ("form", text["The form could not be read. Reload the page and try again."].Value),
        };
        Errors.TryAdd(key, message);
    }

    private string? DefaultMission() => settings.DefaultMission ?? (Missions.Count == 1 ? Missions[0].Code : null);

    private async Task<IReadOnlyList<MissionChoice>> LoadMissionsAsync(CancellationToken cancellationToken) =>
        await db.Missions.AsNoTracking().OrderBy(m => m.Name).Select(m => new MissionChoice(m.Code, m.Name, m.TimeZone)).ToListAsync(cancellationToken);
}

public sealed record MissionChoice(string Code, string Name, string TimeZone);

/// <summary>The report form as posted (every field text, read by the page model); names as in the JSON contract.</summary>
public sealed class ReportForm
{
    public string? MissionCode { get; set; }
    public string? Description { get; set; }
    public string? OccurredAt { get; set; }
    public string? PlaceName { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? ConsentToContact { get; set; }
    public string? IdempotencyKey { get; set; }
}
