using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Foundation.Missions;
using Amani.Foundation.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Foundation.Organizations;
using Amani.Foundation.Users;

namespace Amani.Register.Incidents;

/// <summary>Recording, editing, moving and assigning incidents: the domain rules, shared by the API and imports.</summary>
public sealed class IncidentRules(AmaniDbContext db, AuditLog audit, AuditActor actor, AreaResolver areas, TimeProvider clock, AccessContext access)
{
    public static readonly DateTime Earliest = new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The refusal when the version the caller sent is not the current one (answer 412).</summary>
    public static Refusal Stale { get; } = Refusal.Stale("The incident was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<Incident>> CreateAsync(Mission mission, IncidentInput input, Guid recordedBy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var incident = new Incident
        {
            MissionId = mission.Id, CategoryCode = "", Description = "", RecordedByUserId = recordedBy, ReportedAt = now, CreatedAt = now,
            UpdatedAt = now, Status = IncidentStatus.Reported,
        };
        if (await ApplyAsync(mission, incident, input, cancellationToken) is { } invalid)
            return invalid;
        db.Incidents.Add(incident);
        db.IncidentStatusChanges.Add(new IncidentStatusChange
        {
            IncidentId = incident.Id, ToStatus = IncidentStatus.Reported, Actor = actor.Actor, ActorUserId = recordedBy, Text = "Recorded.", At = now,
        });
        audit.Record(AuditAction.IncidentRecorded, Incident.AuditEntity, incident.Id,
            $"Incident recorded in {mission.Code}: {incident.CategoryCode}, {incident.Source}, {incident.Confidentiality}.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Incident>.Ok(incident);
    }

    /// <summary>Replaces the editable fields when <paramref name="expectedVersion"/> is current; else <see cref="Stale"/>.</summary>
    public async Task<Outcome<Incident>> UpdateAsync(Mission mission, Incident incident, int expectedVersion, IncidentInput input,
        CancellationToken cancellationToken)
    {
        if (incident.Version != expectedVersion)
            return Stale;
        if (await ApplyAsync(mission, incident, input, cancellationToken) is { } invalid)
            return invalid;
        Touch(incident);
        audit.Record(AuditAction.IncidentUpdated, Incident.AuditEntity, incident.Id, $"Incident edited (now version {incident.Version}).");
        return await SaveVersionedAsync(incident, cancellationToken);
    }

    public async Task<Outcome<Incident>> TransitionAsync(Incident incident, int expectedVersion, TransitionRequest request, CancellationToken cancellationToken)
    {
        if (incident.Version != expectedVersion)
            return Stale;
        var to = request.To!.Value;
        if (!IncidentWorkflow.CanMove(incident.Status, to))
            return Refusal.Invalid("to", $"An incident that is {incident.Status} can move to: {string.Join(", ", IncidentWorkflow.NextFrom(incident.Status))}.");
        if (to == IncidentStatus.Duplicate)
        {
            if (request.DuplicateOf is not { } original || original == incident.Id ||
                !await db.Incidents.AnyAsync(i => i.Id == original && i.MissionId == incident.MissionId, cancellationToken))
                return Refusal.Invalid("duplicateOf", "Name the incident of the same mission that this one duplicates.");
            incident.DuplicateOfId = original;
        }
        db.IncidentStatusChanges.Add(new IncidentStatusChange
        {
            IncidentId = incident.Id, FromStatus = incident.Status, ToStatus = to, Actor = actor.Actor, ActorUserId = IncidentStatusChange.UserOf(actor),
            Text = request.Reason.Trim(), At = clock.GetUtcNow().UtcDateTime,
        });
        audit.Record(AuditAction.IncidentStatusChanged, Incident.AuditEntity, incident.Id, $"Incident moved from {incident.Status} to {to}: {request.Reason.Trim()}");
        incident.Status = to;
        if (to is IncidentStatus.Verified)
            incident.Confidence = incident.Confidence == Confidence.Unverified ? Confidence.Probable : incident.Confidence;
        Touch(incident);
        return await SaveVersionedAsync(incident, cancellationToken);
    }

    public async Task<Outcome<Incident>> AssignAsync(Incident incident, int expectedVersion, Guid? userId, CancellationToken cancellationToken)
    {
        if (incident.Version != expectedVersion)
            return Stale;
        if (userId is { } id && !await db.RoleAssignments.AnyAsync(a => a.UserId == id && (a.MissionId == null || a.MissionId == incident.MissionId), cancellationToken))
            return Refusal.Invalid("userId", "Assign the incident to a user who holds a role in its mission.");
        incident.AssignedToUserId = userId;
        Touch(incident);
        audit.Record(AuditAction.IncidentAssigned, Incident.AuditEntity, incident.Id, userId is null ? "Incident unassigned." : $"Incident assigned to user {userId}.");
        return await SaveVersionedAsync(incident, cancellationToken);
    }

    private void Touch(Incident incident)
    {
        incident.Version++;
        incident.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Saves; a concurrent writer that got there first (the version in the row moved on) makes this <see cref="Stale"/>.</summary>
    private async Task<Outcome<Incident>> SaveVersionedAsync(Incident incident, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome<Incident>.Ok(incident);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.DiscardChanges();
            return Stale;
        }
    }

    /// <summary>Checks the rules and copies <paramref name="input"/> onto <paramref name="incident"/>; returns the first violation.</summary>
    /// <summary>
    /// What <c>descriptionPublic</c> asks: false withdraws the description from the public at once; true asks for its
    /// publication, which a second person approves (<see cref="PublishAsync"/>) — never the one who asked, never a
    /// partner. A published description whose text changes goes back to "asked for".
    /// </summary>
    private async Task<Refusal?> PublicationAsync(Mission mission, Incident incident, IncidentInput input, CancellationToken cancellationToken)
    {
        var wanted = input.DescriptionPublic ?? false;
        if (!wanted)
        {
            (incident.DescriptionPublic, incident.PublicationRequestedByUserId, incident.PublicationRequestedAt) = (false, null, null);
            (incident.PublishedByUserId, incident.PublishedAt) = (null, null);
            return null;
        }
        var unchanged = incident.Description == input.Description;
        if ((incident.DescriptionPublic || incident.PublicationRequestedByUserId is not null) && unchanged)
            return null; // already published, or already asked for
        if (access.UserId is { } me && await IncidentVisibility.AudienceAsync(access, mission.Id, cancellationToken) is not { Staff: true })
            return Refusal.NotAllowed("Partners cannot publish an incident's description: leave descriptionPublic false; mission staff decide what the public reads.");
        (incident.DescriptionPublic, incident.PublishedByUserId, incident.PublishedAt) = (false, null, null);
        (incident.PublicationRequestedByUserId, incident.PublicationRequestedAt) = (access.UserId, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditAction.IncidentPublicationRequested, Incident.AuditEntity, incident.Id,
            $"Publication of the description asked for by {actor.Actor}.");
        return null;
    }

    /// <summary>Approves the publication someone else asked for: the description becomes public.</summary>
    public async Task<Outcome<Incident>> PublishAsync(Incident incident, int expectedVersion, CancellationToken cancellationToken)
    {
        if (incident.Version != expectedVersion)
            return Stale;
        if (incident.PublicationRequestedByUserId is not { } requester || incident.DescriptionPublic)
            return Refusal.Conflict(incident.DescriptionPublic ? "The description is already public." : "Nobody asked for this description to be published: set descriptionPublic to true first.");
        if (access.UserId is not { } me || me == requester)
            return Refusal.NotAllowed("A second person approves a publication: you asked for this one. Ask a colleague who may publish to approve it.");
        (incident.DescriptionPublic, incident.PublishedByUserId, incident.PublishedAt) = (true, me, clock.GetUtcNow().UtcDateTime);
        audit.Record(AuditAction.IncidentDescriptionPublished, Incident.AuditEntity, incident.Id,
            $"Publication of the description approved by {actor.Actor} (asked for by user {requester}).");
        Touch(incident);
        return await SaveVersionedAsync(incident, cancellationToken);
    }

    private async Task<Refusal?> ApplyAsync(Mission mission, Incident incident, IncidentInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = input.OccurredAt!.Value.UtcDateTime;
        var until = input.OccurredUntil?.UtcDateTime ?? from;
        var precision = input.OccurredPrecision ?? (input.OccurredUntil is null ? DatePrecision.Exact : DatePrecision.Range);
        if (Categories.Find(input.CategoryCode.Trim()) is null)
            return Refusal.Invalid("categoryCode", $"'{input.CategoryCode}' is not a category. See GET /api/v1/categories.");
        if (from < Earliest || until < Earliest)
            return Refusal.Invalid("occurredAt", "The date is before 1900; check the year.");
        if (from > now + ClockSkew || until > now + ClockSkew)
            return Refusal.Invalid("occurredAt", "The date is in the future; give when it happened (UTC or with an offset).");
        if (until < from)
            return Refusal.Invalid("occurredUntil", "The end of the time range is before its start.");
        if ((input.Latitude is null) != (input.Longitude is null))
            return Refusal.Invalid(input.Latitude is null ? "latitude" : "longitude", "Give both latitude and longitude, or neither.");
        if (input.FatalitiesLow > input.FatalitiesBest || input.FatalitiesBest > input.FatalitiesHigh || input.FatalitiesLow > input.FatalitiesHigh)
            return Refusal.Invalid("fatalitiesBest", "Fatalities must satisfy low ≤ best ≤ high.");
        if (input.CivilianFatalities > (input.FatalitiesHigh ?? input.FatalitiesBest ?? int.MaxValue))
            return Refusal.Invalid("civilianFatalities", "Civilian fatalities cannot exceed the fatalities.");
        var confidentiality = input.Confidentiality ?? Confidentiality.Mission;
        var organizations = input.RestrictedToOrganizations?.Distinct().ToList() ?? [];
        var roles = input.RestrictedToRoles?.Distinct().ToList() ?? [];
        if (confidentiality == Confidentiality.Restricted && organizations.Count == 0 && roles.Count == 0)
            return Refusal.Invalid("restrictedToOrganizations", "A restricted incident names the organisations or roles that may see it.");
        if (organizations.Count > 0 && await db.Organizations.CountAsync(o => organizations.Contains(o.Id), cancellationToken) != organizations.Count)
            return Refusal.Invalid("restrictedToOrganizations", "One of the organisations does not exist.");

        Guid? areaId = null;
        if (!string.IsNullOrWhiteSpace(input.AreaPCode))
        {
            areaId = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.PCode == input.AreaPCode.Trim())
                .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (areaId is null)
                return Refusal.Invalid("areaPCode", $"There is no area {input.AreaPCode} in {mission.Code}.");
        }
        areaId ??= await areas.ResolveAsync(mission.Id, input.Latitude, input.Longitude, input.PlaceName, cancellationToken);

        incident.Source = input.Source!.Value;
        incident.CategoryCode = input.CategoryCode.Trim();
        incident.OccurredFrom = AuditChain.Truncate(from);
        incident.OccurredUntil = AuditChain.Truncate(until);
        incident.OccurredPrecision = precision;
        incident.Latitude = input.Latitude;
        incident.Longitude = input.Longitude;
        incident.LocationPrecision = input.LocationPrecision ?? (input.Latitude is null ? null : LocationPrecision.Exact);
        incident.PlaceName = input.PlaceName?.Trim();
        incident.AreaId = areaId;
        incident.PrioGridCell = input.Latitude is { } lat && input.Longitude is { } lon ? PrioGrid.CellOf(lat, lon) : null;
        (incident.FatalitiesLow, incident.FatalitiesBest, incident.FatalitiesHigh) = (input.FatalitiesLow, input.FatalitiesBest, input.FatalitiesHigh);
        (incident.CivilianFatalities, incident.Injured, incident.Abducted, incident.Displaced) =
            (input.CivilianFatalities, input.Injured, input.Abducted, input.Displaced);
        if (await PublicationAsync(mission, incident, input, cancellationToken) is { } refused)
            return refused;
        incident.Description = input.Description;
        incident.Confidentiality = confidentiality;
        incident.Confidence = input.Confidence ?? incident.Confidence;
        incident.Actors.Clear();
        incident.Actors.AddRange((input.Actors ?? []).Select(a => new IncidentActor { IncidentId = incident.Id, Name = a.Name.Trim(), Side = a.Side, Type = a.Type }));
        incident.Grants.Clear();
        if (confidentiality == Confidentiality.Restricted)
        {
            incident.Grants.AddRange(organizations.Select(o => new IncidentGrant { IncidentId = incident.Id, OrganizationId = o }));
            incident.Grants.AddRange(roles.Select(r => new IncidentGrant { IncidentId = incident.Id, Role = r }));
        }
        return null;
    }
}
