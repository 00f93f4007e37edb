using Amani.Platform.Access;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amani.Register.Incidents.Pages;

/// <summary>Recording an incident (field officers, partners, analysts, duty officers), through <see cref="IncidentRules.CreateAsync"/> as the API's POST.</summary>
[PagePermission("incidents:record")]
public sealed class NewModel(AccessContext access, IncidentRules rules, TimeProvider clock, IStringLocalizer<NewModel> text) : PageModel
{
    [BindProperty] public IncidentFields Form { get; set; } = new();

    public Mission Mission { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        var now = MissionTime.Local(Mission, clock.GetUtcNow().UtcDateTime);
        Form = new IncidentFields
        {
            Source = IncidentSource.Patrol, OccurredAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0),
            Confidentiality = Confidentiality.Mission, Confidence = Confidence.Unverified,
            OffersPublication = await OffersPublicationAsync(cancellationToken),
        };
    }

    /// <summary>Mission staff may ask for publication; partners may not (the rules refuse them), so their form does not offer it.</summary>
    private async Task<bool> OffersPublicationAsync(CancellationToken cancellationToken) =>
        await IncidentVisibility.AudienceAsync(access, Mission.Id, cancellationToken) is { Staff: true };

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        Form.OffersPublication = await OffersPublicationAsync(cancellationToken);
        if (!ModelState.IsValid)
            return Invalid(text["A number or a date could not be read; check the values."]);
        if (Form.OccurredAt is not { } local)
            return Invalid(text["Give when it happened."]);
        var input = new IncidentInput(Form.Source, Form.CategoryCode?.Trim() ?? "", MissionTime.Instant(Mission, local), null, null, Form.Latitude,
            Form.Longitude, null, string.IsNullOrWhiteSpace(Form.PlaceName) ? null : Form.PlaceName, null, null, Form.FatalitiesLow, Form.FatalitiesBest,
            Form.FatalitiesHigh, Form.CivilianFatalities, Form.Injured, null, null, Form.Description ?? "", Form.OffersPublication && Form.DescriptionPublic, Form.Confidentiality, Form.Confidence,
            null, null);
        if (InputShape.FirstError(input) is { } shape)
            return Invalid(shape.Error);
        var result = await rules.CreateAsync(Mission, input, access.UserId!.Value, cancellationToken);
        if (!result.Succeeded)
            return Invalid(result.Refusal!.Message);
        HttpContext.RequestServices.GetRequiredService<global::Amani.Platform.Records.MissionDataSignal>().Committed(Mission.Id);
        return Redirect($"/missions/{Mission.Code}/incidents/{result.Value!.Id}?done=recorded");
    }

    private PageResult Invalid(string error)
    {
        Error = error;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
