using System.Globalization;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Foundation.Taxonomy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Amani.Foundation.Areas;
using Amani.Platform.Web;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// Editing an incident (whoever recorded it, or a duty officer, as the API allows) with optimistic concurrency: the form
/// carries the version it was loaded at, and <see cref="IncidentRules.UpdateAsync"/> saves only if that is still the
/// incident's version. If someone else saved in between, nothing is written: the page says so, lists where the saved
/// incident and the person's entries differ, and shows the saved incident to start again from.
/// </summary>
[PagePermission("incidents:record")]
public sealed class EditModel(AmaniDbContext db, AccessContext access, IncidentRules rules, IStringLocalizer<EditModel> text) : PageModel
{
    /// <summary>One field where the incident as saved by someone else differs from what this person entered.</summary>
    public sealed record Difference(string Field, string Saved, string Yours);

    [BindProperty] public IncidentFields Form { get; set; } = new();

    public Mission Mission { get; private set; } = null!;
    public Guid Id { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    public IReadOnlyList<Difference>? Conflict { get; private set; }
    public int ConflictFromVersion { get; private set; }
    public int ConflictToVersion { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, tracked: false, cancellationToken) is not { } incident)
            return Denied;
        Form = FieldsOf(incident);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, tracked: true, cancellationToken) is not { } incident)
            return Denied;
        if (!ModelState.IsValid)
            return Invalid(text["A number or a date could not be read; check the values."], ModelState.FirstOrDefault(e => e.Value?.Errors.Count > 0).Key);
        if (await InputOfAsync(incident, Form, cancellationToken) is not { } input)
            return Invalid(text["Give when it happened."], "occurredAt");
        if (InputShape.FirstError(input) is { } shape)
            return Invalid(shape.Error, shape.Field);
        if (incident.Version != Form.Version)
            return await ConflictAsync(id, cancellationToken);
        var result = await rules.UpdateAsync(Mission, incident, Form.Version, input, cancellationToken);
        if (result.Refusal is { Kind: global::Amani.Platform.Records.RefusalKind.Stale })
            return await ConflictAsync(id, cancellationToken);
        if (result.Refusal is { } refused)
            return Invalid(refused.Message, refused.Field);
        HttpContext.RequestServices.GetRequiredService<global::Amani.Platform.Records.MissionDataSignal>().Committed(Mission.Id);
        return Redirect($"/missions/{Mission.Code}/incidents/{id}?done=saved");
    }

    private IActionResult Denied => PageAccess.Status(HttpContext, Id == Guid.Empty ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden);

    /// <summary>The incident if the caller may see it in this page's mission (else Id stays empty: 404) and may edit it (else 403).</summary>
    private async Task<Incident?> FindAsync(Guid id, bool tracked, CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        if (await IncidentsApi.FindVisibleAsync(db, access, id, tracked, cancellationToken) is not var (_, incident) || incident.MissionId != Mission.Id)
            return null;
        Id = id;
        _offersPublication = await IncidentVisibility.AudienceAsync(access, Mission.Id, cancellationToken) is { Staff: true };
        return await IncidentsApi.MayEditAsync(access, Mission, incident, cancellationToken) ? incident : null;
    }

    /// <summary>Nothing was saved: the incident as it is now fills the form (with its new version), and the differences are listed.</summary>
    private async Task<IActionResult> ConflictAsync(Guid id, CancellationToken cancellationToken)
    {
        db.DiscardChanges();
        var saved = await db.Incidents.AsNoTracking().FirstAsync(i => i.Id == id, cancellationToken);
        var current = FieldsOf(saved);
        ConflictFromVersion = Form.Version;
        ConflictToVersion = saved.Version;
        Conflict = Compare(current, Form);
        ModelState.Clear();
        Form = current;
        return new PageResult { StatusCode = StatusCodes.Status409Conflict };
    }

    private PageResult Invalid(string error, string? field)
    {
        Form.OffersPublication = _offersPublication;
        Error = error;
        ErrorField = field;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private IncidentFields FieldsOf(Incident i) => new()
    {
        Version = i.Version, Source = i.Source, CategoryCode = i.CategoryCode, OccurredAt = Minute(MissionTime.Local(Mission, i.OccurredFrom)),
        Latitude = i.Latitude, Longitude = i.Longitude, PlaceName = i.PlaceName, FatalitiesLow = i.FatalitiesLow, FatalitiesBest = i.FatalitiesBest,
        FatalitiesHigh = i.FatalitiesHigh, CivilianFatalities = i.CivilianFatalities, Injured = i.Injured, Description = i.Description,
        Confidentiality = i.Confidentiality, Confidence = i.Confidence, DescriptionPublic = i.DescriptionPublic || i.PublicationRequestedByUserId is not null,
        OffersPublication = _offersPublication,
    };

    /// <summary>Mission staff may ask for publication (partners may not: the rules refuse them, so the form does not offer it).</summary>
    private bool _offersPublication;

    private static DateTime Minute(DateTime t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, t.Kind);

    /// <summary>The API's input for the form: the form's fields, and the incident's own values for what the form does not show.</summary>
    private async Task<IncidentInput?> InputOfAsync(Incident incident, IncidentFields form, CancellationToken cancellationToken)
    {
        if (form.OccurredAt is not { } local)
            return null;
        var sameTime = Minute(MissionTime.Local(Mission, incident.OccurredFrom)) == Minute(local);
        // The form shows minutes: an unchanged time keeps the stored instant (and the end of its range) exactly.
        var occurredAt = sameTime ? new DateTimeOffset(incident.OccurredFrom, TimeSpan.Zero) : MissionTime.Instant(Mission, local);
        var samePlace = form.Latitude == incident.Latitude && form.Longitude == incident.Longitude;
        var areaPCode = samePlace && incident.AreaId is { } areaId
            ? await db.AdminAreas.AsNoTracking().Where(a => a.Id == areaId).Select(a => a.PCode).FirstOrDefaultAsync(cancellationToken)
            : null;
        return new IncidentInput(form.Source, form.CategoryCode?.Trim() ?? "", occurredAt,
            sameTime ? new DateTimeOffset(incident.OccurredUntil, TimeSpan.Zero) : null,
            sameTime ? incident.OccurredPrecision : incident.OccurredPrecision == DatePrecision.Range ? null : incident.OccurredPrecision,
            form.Latitude, form.Longitude, samePlace ? incident.LocationPrecision : null, string.IsNullOrWhiteSpace(form.PlaceName) ? null : form.PlaceName,
            areaPCode, incident.Actors.Select(a => new ActorInput(a.Name, a.Side, a.Type)).ToArray(),
            form.FatalitiesLow, form.FatalitiesBest, form.FatalitiesHigh, form.CivilianFatalities, form.Injured, incident.Abducted, incident.Displaced,
            form.Description ?? "", _offersPublication
                ? form.DescriptionPublic
                : incident.DescriptionPublic || incident.PublicationRequestedByUserId is not null, form.Confidentiality, form.Confidence,
            incident.Grants.Where(g => g.OrganizationId != null).Select(g => g.OrganizationId!.Value).ToArray(),
            incident.Grants.Where(g => g.Role != null).Select(g => g.Role!.Value).ToArray());
    }

    private List<Difference> Compare(IncidentFields saved, IncidentFields yours)
    {
        var differences = new List<Difference>();
        void Check(string field, object? a, object? b)
        {
            var (x, y) = (Show(a), Show(b));
            if (x != y)
                differences.Add(new Difference(field, x, y));
        }
        Check(text["Source"], saved.Source, yours.Source);
        Check(text["Category"], saved.CategoryCode is { } c ? Categories.Find(c)?.Name ?? c : null,
            yours.CategoryCode is { } y ? Categories.Find(y)?.Name ?? y : null);
        Check(text["Occurred (local time)"], saved.OccurredAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            yours.OccurredAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        Check(text["Latitude"], saved.Latitude, yours.Latitude);
        Check(text["Longitude"], saved.Longitude, yours.Longitude);
        Check(text["Place"], saved.PlaceName, yours.PlaceName);
        Check(text["Fatalities (low)"], saved.FatalitiesLow, yours.FatalitiesLow);
        Check(text["Fatalities (best estimate)"], saved.FatalitiesBest, yours.FatalitiesBest);
        Check(text["Fatalities (high)"], saved.FatalitiesHigh, yours.FatalitiesHigh);
        Check(text["Civilian fatalities"], saved.CivilianFatalities, yours.CivilianFatalities);
        Check(text["Injured"], saved.Injured, yours.Injured);
        Check(text["Description"], saved.Description, yours.Description);
        Check(text["Who may see it"], saved.Confidentiality, yours.Confidentiality);
        Check(text["Confidence"], saved.Confidence, yours.Confidence);
        return differences;
    }

    private static string Show(object? value) => value switch
    {
        null => "—",
        string s when string.IsNullOrWhiteSpace(s) => "—",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "—",
    };
}
