using System.Globalization;
using System.Text.Json.Nodes;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Platform.Problems;
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
public sealed class IndexModel(AmaniDbContext db, ReportSubmission submission, AmaniSettings settings, BoundaryLayers boundaries,
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

    /// <summary>
    /// The mission's largest admin areas (level 1, else 0) as GeoJSON for the map picker, drawn as vectors (no tile server
    /// needed), at the detail the map asks for (<c>detail=coarse|medium|fine|full</c>, coarse when not given; see
    /// <see cref="BoundaryDetail"/>), compressed once in advance (Brotli or gzip, as the browser accepts) with a strong ETag.
    /// <c>v</c> is the version the page named (<see cref="MissionChoice.BoundariesUrl"/>): when it is the current one the
    /// answer is cached for a year as immutable (a new version is a new URL); otherwise it is revalidated each time
    /// (304 when unchanged). Security finding 8.
    /// </summary>
    public async Task<IActionResult> OnGetBoundariesAsync(string? mission, string? detail, string? v, CancellationToken cancellationToken)
    {
        var chosen = detail is null ? BoundaryDetail.Coarse : BoundaryDetail.Parse(detail);
        if (chosen is null)
            return new Answer(Problem.Invalid("detail", $"Give the detail as one of {BoundaryDetail.Names}."));
        var code = (mission ?? "").Trim().ToUpperInvariant();
        var found = await db.Missions.AsNoTracking().Where(m => m.Code == code).Select(m => new
        {
            m.Id,
            Level = db.Set<AdminArea>().Where(a => a.MissionId == m.Id && a.Level <= 1 && a.GeometryGeoJson != null).Max(a => (int?)a.Level),
        }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return new Answer(Problem.NotFound($"The mission '{code}'"));
        var layer = await boundaries.GetAsync(db, found.Id, found.Level ?? 0, chosen, cancellationToken);
        return layer.Public.Result(v == layer.Version ? "public, max-age=31536000, immutable" : "public, no-cache");
    }

    /// <summary>A problem answer (an <see cref="IResult"/>) from a page handler.</summary>
    private sealed class Answer(IResult result) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
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

    private async Task<IReadOnlyList<MissionChoice>> LoadMissionsAsync(CancellationToken cancellationToken)
    {
        var versions = await BoundaryLayers.VersionsAsync(db, cancellationToken);
        var missions = await db.Missions.AsNoTracking().OrderBy(m => m.Name).Select(m => new { m.Id, m.Code, m.Name, m.TimeZone })
            .ToListAsync(cancellationToken);
        return missions.Select(m => new MissionChoice(m.Code, m.Name, m.TimeZone, versions.GetValueOrDefault(m.Id, ""))).ToList();
    }
}

/// <summary>A mission of the form's list; <see cref="BoundariesVersion"/> names its boundaries' current version (<see cref="BoundaryLayers"/>).</summary>
public sealed record MissionChoice(string Code, string Name, string TimeZone, string BoundariesVersion)
{
    /// <summary>Where the map picker loads the mission's boundaries (it adds <c>&amp;detail=</c>): versioned, so cached for long.</summary>
    public string BoundariesUrl => $"/report?handler=boundaries&mission={Uri.EscapeDataString(Code)}&v={Uri.EscapeDataString(BoundariesVersion)}";
}

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
