using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Foundation.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Register.Incidents;

/// <summary>
/// Builds the full response of one incident (with its timeline and linked reports, found through <see cref="IIncidentLinks"/>),
/// times shown in the mission's zone.
/// </summary>
public static class IncidentViews
{
    /// <remarks>
    /// Who moved the incident is staff business: a caller who is not mission staff (a partner) sees "mission" instead of
    /// staff user and token ids in the timeline, except for their own moves.
    /// </remarks>
    public static async Task<IncidentResponse> DetailAsync(AmaniDbContext db, IIncidentLinks links, AccessContext access, Mission mission, Incident incident,
        CancellationToken cancellationToken)
    {
        var area = incident.AreaId is null ? null
            : await db.AdminAreas.AsNoTracking().Where(a => a.Id == incident.AreaId).Select(a => new { a.PCode, a.Name }).FirstAsync(cancellationToken);
        var timeline = await db.IncidentStatusChanges.AsNoTracking().Where(c => c.IncidentId == incident.Id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new StatusChangeResponse(c.FromStatus, c.ToStatus!.Value, c.Actor, c.Text, c.At)).ToListAsync(cancellationToken);
        if (await IncidentVisibility.AudienceAsync(access, mission.Id, cancellationToken) is not { Staff: true })
        {
            var me = access.UserId is { } id ? $"user:{id}" : null;
            timeline = timeline.Select(c => me is not null && (c.Actor == me || c.Actor.StartsWith(me + " ", StringComparison.Ordinal)) ? c : c with { Actor = "mission" }).ToList();
        }
        var reports = await links.ReportsAsync(incident.Id, cancellationToken);
        return new IncidentResponse(
            incident.Id, mission.Code, incident.Source, incident.CategoryCode, Categories.Find(incident.CategoryCode)?.Name ?? incident.CategoryCode,
            incident.OccurredFrom, incident.OccurredUntil, incident.OccurredPrecision, LocalTime(mission, incident.OccurredFrom), incident.ReportedAt,
            incident.Latitude, incident.Longitude, incident.LocationPrecision, incident.PlaceName, area?.PCode, area?.Name, incident.PrioGridCell,
            incident.FatalitiesLow, incident.FatalitiesBest, incident.FatalitiesHigh, incident.CivilianFatalities, incident.Injured, incident.Abducted,
            incident.Displaced, incident.Description, incident.DescriptionPublic, incident.Confidentiality, incident.Confidence, incident.Status,
            IncidentWorkflow.NextFrom(incident.Status), incident.AssignedToUserId, incident.DuplicateOfId, incident.Version,
            incident.Actors.OrderBy(a => a.Side).Select(a => new ActorResponse(a.Name, a.Side, a.Type)).ToList(),
            incident.Grants.Where(g => g.OrganizationId != null).Select(g => g.OrganizationId!.Value).ToList(),
            incident.Grants.Where(g => g.Role != null).Select(g => g.Role!.Value).ToList(),
            timeline, reports, new PublicationResponse(
                incident.DescriptionPublic ? "published" : incident.PublicationRequestedByUserId is null ? "none" : "requested",
                incident.PublicationRequestedByUserId, incident.PublicationRequestedAt, incident.PublishedByUserId, incident.PublishedAt));
    }

    /// <summary>The time in the mission's zone, ISO 8601 with its offset (e.g. 2026-11-21T10:30:00+01:00).</summary>
    public static string LocalTime(Mission mission, DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(mission.TimeZone);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
    }
}
