using Amani.Audit;
using Amani.Data;
using Amani.Geo;
using Amani.Incidents;
using Amani.Missions;
using Microsoft.EntityFrameworkCore;

namespace Amani.Imports;

/// <summary>
/// Writes one batch of imported rows in one transaction: looks up the batch's external ids in one query, inserts the
/// new ones, updates those whose content hash changed, skips the rest, and records one audit row for the batch.
/// An update replaces the imported fields and keeps what the mission did with the incident (status, assignment,
/// confidentiality, duplicate link).
/// </summary>
public sealed class ImportBatchWriter(AmaniDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Alerts.AlertNudge? nudge = null)
{
    public sealed record Row(ImportedIncident Incident, Guid? AreaId, string Hash);

    public readonly record struct Counts(long Inserted, long Updated, long Unchanged)
    {
        public static Counts operator +(Counts a, Counts b) => new(a.Inserted + b.Inserted, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
    }

    public async Task<Counts> WriteAsync(Mission mission, string source, IReadOnlyList<Row> batch, string description, Guid recordedBy,
        CancellationToken cancellationToken)
    {
        try
        {
            return await WriteOnceAsync(mission, source, batch, description, recordedBy, cancellationToken);
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            // Another import of the same rows committed first: look them up again, and update instead of insert.
            db.DiscardChanges();
            return await WriteOnceAsync(mission, source, batch, description, recordedBy, cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Counts> WriteOnceAsync(Mission mission, string source, IReadOnlyList<Row> batch, string description, Guid recordedBy,
        CancellationToken cancellationToken)
    {
        var ids = batch.Select(r => r.Incident.ExternalId).ToList();
        var existing = await db.Incidents.AsNoTracking()
            .Where(i => i.MissionId == mission.Id && i.ExternalSource == source && ids.Contains(i.ExternalId!))
            .Select(i => new { i.Id, i.ExternalId, i.ExternalHash })
            .ToDictionaryAsync(i => i.ExternalId!, StringComparer.Ordinal, cancellationToken);
        var changed = batch.Where(r => existing.TryGetValue(r.Incident.ExternalId, out var e) && e.ExternalHash != r.Hash).ToList();
        var fresh = batch.Where(r => !existing.ContainsKey(r.Incident.ExternalId)).ToList();
        var counts = new Counts(fresh.Count, changed.Count, batch.Count - fresh.Count - changed.Count);
        if (fresh.Count == 0 && changed.Count == 0)
            return counts;

        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        foreach (var row in fresh)
        {
            var incident = new Incident
            {
                MissionId = mission.Id, CategoryCode = "", Description = "", Source = IncidentSource.Imported, ReportedAt = now, CreatedAt = now,
                UpdatedAt = now, RecordedByUserId = recordedBy, Status = IncidentStatus.Verified, Confidentiality = Confidentiality.Public,
                ExternalSource = source, ExternalId = row.Incident.ExternalId,
            };
            Apply(incident, row);
            db.Incidents.Add(incident);
            db.IncidentStatusChanges.Add(new IncidentStatusChange
            {
                IncidentId = incident.Id, From = null, To = IncidentStatus.Verified, Actor = actor.Actor, At = now,
                Reason = $"Imported from {source} {row.Incident.ExternalId} (verified by its publisher).",
            });
        }
        if (changed.Count > 0)
        {
            var changedIds = changed.Select(r => existing[r.Incident.ExternalId].Id).ToList();
            var tracked = await db.Incidents.Include(i => i.Actors).Where(i => changedIds.Contains(i.Id))
                .ToDictionaryAsync(i => i.ExternalId!, StringComparer.Ordinal, cancellationToken);
            foreach (var row in changed)
            {
                var incident = tracked[row.Incident.ExternalId];
                Apply(incident, row);
                incident.Version++;
                incident.UpdatedAt = now;
            }
        }
        audit.Record(AuditAction.IncidentsImported, "mission", mission.Id,
            $"Imported {source} into {mission.Code} ({description}): {counts.Inserted} inserted, {counts.Updated} updated, {counts.Unchanged} unchanged.");
        await db.SaveChangesAsync(cancellationToken);
        nudge?.Nudge(mission.Id);
        return counts;
    }

    private static void Apply(Incident incident, Row row)
    {
        var source = row.Incident;
        incident.CategoryCode = source.CategoryCode;
        incident.OccurredFrom = AuditChain.Truncate(source.OccurredFrom);
        incident.OccurredUntil = AuditChain.Truncate(source.OccurredUntil);
        incident.OccurredPrecision = source.OccurredPrecision;
        incident.Latitude = source.Latitude;
        incident.Longitude = source.Longitude;
        incident.LocationPrecision = source.LocationPrecision;
        incident.PlaceName = source.PlaceName;
        incident.AreaId = row.AreaId;
        incident.PrioGridCell = source.Latitude is { } lat && source.Longitude is { } lon ? PrioGrid.CellOf(lat, lon) : null;
        (incident.FatalitiesLow, incident.FatalitiesBest, incident.FatalitiesHigh, incident.CivilianFatalities) =
            (source.FatalitiesLow, source.FatalitiesBest, source.FatalitiesHigh, source.CivilianFatalities);
        incident.Description = source.Description;
        incident.DescriptionPublic = source.DescriptionPublic;
        incident.Confidence = source.Confidence;
        incident.ExternalHash = row.Hash;
        incident.Actors.Clear();
        incident.Actors.AddRange(source.Actors.Select(a => new IncidentActor { IncidentId = incident.Id, Side = a.Side, Name = a.Name, Type = a.Type }));
    }
}
