using Amani.Platform.Access;
using Amani.Register.Attachments;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Amani.Foundation.Areas;
using Amani.Platform.Web;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// One incident (as <c>GET /api/v1/incidents/{id}</c> shows it, to the same callers): its facts, a small map of the point
/// over the mission's boundaries, the timeline of status changes, the sections other modules add (linked community
/// reports, <see cref="IIncidentDetailSection"/>), photos, candidate duplicates (<see cref="ILikelyDuplicates"/>); and for
/// duty officers the next status (<see cref="IncidentWorkflow"/>), guarded by the version the page was loaded at.
/// </summary>
[PagePermission("incidents:read")]
public sealed class DetailModel(AmaniDbContext db, AccessContext access, IIncidentLinks links, IEnumerable<IIncidentDetailSection> sections,
    ILikelyDuplicates duplicates, IncidentRules rules, AmaniSettings settings, global::Amani.Platform.Directories.IPeopleDirectory people,
    IStringLocalizer<DetailModel> text) : PageModel
{
    public sealed record Photo(Guid Id, string FileName, long ByteSize, string Url);

    public Mission Mission { get; private set; } = null!;
    public IncidentResponse Incident { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public IReadOnlyList<string> AreaPath { get; private set; } = [];
    public IReadOnlyList<IncidentSection> Sections { get; private set; } = [];
    public IReadOnlyList<Photo> Photos { get; private set; } = [];
    public IReadOnlyList<LikelyDuplicate> Duplicates { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanTriage { get; private set; }
    /// <summary>Mission staff see where the description's publication stands (partners do not take part in it).</summary>
    public bool ShowsPublication { get; private set; }
    /// <summary>The caller may approve the publication asked for: holds <c>incidents:publish</c> and is not the one who asked.</summary>
    public bool CanApprovePublication { get; private set; }
    public bool RequestedByMe { get; private set; }
    public string? RequestedByName { get; private set; }
    public string? PublishedByName { get; private set; }
    public string? Tiles { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Message = done switch
        {
            "saved" => text["Your changes were saved."].Value,
            "moved" => text["The status was changed."].Value,
            "recorded" => text["The incident was recorded."].Value,
            "published" => text["The description is now public."].Value,
            _ => null,
        };
        return Page();
    }

    /// <summary>Moves the incident to its next status through the workflow, only if nobody changed it since the page was loaded.</summary>
    public async Task<IActionResult> OnPostTransitionAsync(Guid id, IncidentStatus? to, string? reason, Guid? duplicateOf, int version,
        CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindManageableAsync(db, access, id, cancellationToken) is not var (mission, incident) || mission.Id != HttpContext.Mission().Id)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        var request = new TransitionRequest(to, reason?.Trim() ?? "", duplicateOf);
        string? error = InputShape.FirstError(request) is { } shape
            ? shape.Field == nameof(TransitionRequest.Reason) ? text["Give a reason (at least 3 characters)."].Value : text["Choose the new status."].Value
            : null;
        var status = StatusCodes.Status400BadRequest;
        if (error is null)
        {
            var result = await rules.TransitionAsync(incident, version, request, cancellationToken);
            if (result.Succeeded)
            {
                HttpContext.RequestServices.GetRequiredService<global::Amani.Platform.Records.MissionDataSignal>().Committed(mission.Id);
                return Redirect($"/missions/{mission.Code}/incidents/{id}?done=moved");
            }
            var stale = result.Refusal!.Kind == global::Amani.Platform.Records.RefusalKind.Stale;
            status = stale ? StatusCodes.Status409Conflict : status;
            error = stale
                ? text["Someone else changed this incident after you opened it, so the status was not changed. The page now shows the incident as it is; check it and try again."].Value
                : result.Refusal!.Message;
        }
        db.DiscardChanges();
        await LoadAsync(id, cancellationToken);
        Error = error;
        return new PageResult { StatusCode = status };
    }

    /// <summary>
    /// Approves the publication of the description someone else asked for (<see cref="IncidentRules.PublishAsync"/>, as
    /// <c>POST /api/v1/incidents/{id}/publication</c>), only if nobody changed the incident since the page was loaded.
    /// </summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, int version, CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindVisibleAsync(db, access, id, tracked: true, cancellationToken) is not var (mission, incident)
            || mission.Id != HttpContext.Mission().Id)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (!await access.HasAsync(Permission.IncidentsPublish, mission.Id, cancellationToken))
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        var result = await rules.PublishAsync(incident, version, cancellationToken);
        if (result.Succeeded)
        {
            HttpContext.RequestServices.GetRequiredService<global::Amani.Platform.Records.MissionDataSignal>().Committed(mission.Id);
            return Redirect($"/missions/{mission.Code}/incidents/{id}?done=published");
        }
        var stale = result.Refusal!.Kind == global::Amani.Platform.Records.RefusalKind.Stale;
        var error = stale
            ? text["Someone else changed this incident after you opened it, so nothing was published. Read the description as it is now, then approve again."].Value
            : result.Refusal.Message;
        db.DiscardChanges();
        await LoadAsync(id, cancellationToken);
        Error = error;
        return new PageResult { StatusCode = stale ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        if (await IncidentsApi.FindVisibleAsync(db, access, id, tracked: false, cancellationToken) is not var (_, incident) || incident.MissionId != Mission.Id)
            return false;
        Incident = await IncidentViews.DetailAsync(db, links, access, Mission, incident, cancellationToken);
        UpdatedAt = incident.UpdatedAt;
        AreaPath = incident.AreaId is { } areaId
            ? (await db.AdminAreas.AsNoTracking().Where(a => a.Id == areaId).Select(a => a.Path).FirstAsync(cancellationToken))
                .Split('/', StringSplitOptions.RemoveEmptyEntries)
            : [];
        CanTriage = await access.HasAsync(Permission.IncidentsTriage, Mission.Id, cancellationToken);
        CanEdit = await IncidentsApi.MayEditAsync(access, Mission, incident, cancellationToken);
        ShowsPublication = await IncidentVisibility.AudienceAsync(access, Mission.Id, cancellationToken) is { Staff: true };
        if (ShowsPublication)
        {
            var publication = Incident.Publication;
            var names = await people.FindAsync(new[] { publication.RequestedBy, publication.PublishedBy }.OfType<Guid>(), cancellationToken);
            RequestedByName = publication.RequestedBy is { } asker && names.TryGetValue(asker, out var a) ? a.DisplayName : null;
            PublishedByName = publication.PublishedBy is { } approver && names.TryGetValue(approver, out var p) ? p.DisplayName : null;
            RequestedByMe = publication.RequestedBy is { } by && by == access.UserId;
            CanApprovePublication = publication.State == "requested" && !RequestedByMe
                && await access.HasAsync(Permission.IncidentsPublish, Mission.Id, cancellationToken);
        }
        var loaded = new List<IncidentSection>();
        foreach (var section in sections)
            loaded.Add(await section.LoadAsync(Mission, incident, cancellationToken));
        Sections = loaded;
        Photos = (await db.Attachments.AsNoTracking().Where(a => a.IncidentId == id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new { a.Id, a.FileName, a.StrippedByteSize }).ToListAsync(cancellationToken))
            .Select(a => new Photo(a.Id, a.FileName, a.StrippedByteSize, $"/api/v1/incidents/{id}/attachments/{a.Id}")).ToList();
        Duplicates = await duplicates.OfIncidentAsync(Mission, incident, cancellationToken);
        Tiles = settings.MapTileUrl;
        return true;
    }
}
