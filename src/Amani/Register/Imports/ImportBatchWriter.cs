using Amani.Analysis.Aggregates;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Amani.Register.Imports;

/// <summary>
/// Writes one batch of imported rows in one transaction: looks up the batch's external ids in one query, inserts the
/// new ones in bulk (PostgreSQL binary COPY, SQLite prepared INSERTs — see <see cref="PostgresIncidentCopy"/> and
/// <see cref="SqliteIncidentInsert"/>), updates those whose content hash changed through EF Core, skips the rest, and
/// records one audit row for the batch.
/// An update replaces the imported fields and keeps what the mission did with the incident (status, assignment,
/// confidentiality, duplicate link).
/// </summary>
public sealed class ImportBatchWriter(AmaniDbContext db, AuditLog audit, AuditActor actor, TimeProvider clock, Platform.Records.MissionDataSignal? signal = null)
{
    public sealed record Row(ImportedIncident Incident, Guid? AreaId, string Hash);

    /// <summary>Whether batches can be committed while the next ones are read (PostgreSQL; SQLite has a single writer, see <see cref="IncidentImporter"/>).</summary>
    public bool WritesInParallel => db.Database.IsNpgsql();

    private sealed record Existing(Guid Id, string ExternalId, string? ExternalHash);

    /// <summary>
    /// Whether the mission had no incident from this source when the import began (a first load): then no batch needs to
    /// look its ids up. A concurrent import of the same source still cannot duplicate anything — the unique index on the
    /// external id refuses the second insert, and the batch is retried with look-ups.
    /// </summary>
    private bool? _sourceWasEmpty;

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
        catch (Exception collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            // Another import of the same rows committed first: look them up again, and update instead of insert.
            db.DiscardChanges();
            _sourceWasEmpty = false;
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
        _sourceWasEmpty ??= !await db.Incidents.AnyAsync(i => i.MissionId == mission.Id && i.ExternalSource == source, cancellationToken);
        var ids = batch.Select(r => r.Incident.ExternalId).ToList();
        var existing = _sourceWasEmpty.Value
            ? []
            : await db.Incidents.AsNoTracking()
                .Where(i => i.MissionId == mission.Id && i.ExternalSource == source && ids.Contains(i.ExternalId!))
                .Select(i => new Existing(i.Id, i.ExternalId!, i.ExternalHash))
                .ToDictionaryAsync(i => i.ExternalId, StringComparer.Ordinal, cancellationToken);
        var changed = batch.Where(r => existing.TryGetValue(r.Incident.ExternalId, out var e) && e.ExternalHash != r.Hash).ToList();
        var fresh = batch.Where(r => !existing.ContainsKey(r.Incident.ExternalId)).ToList();
        var counts = new Counts(fresh.Count, changed.Count, batch.Count - fresh.Count - changed.Count);
        if (fresh.Count == 0 && changed.Count == 0)
            return counts;

        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var incidents = new List<Incident>(fresh.Count);
        var firstChanges = new List<IncidentStatusChange>(fresh.Count);
        foreach (var row in fresh)
        {
            var incident = new Incident
            {
                MissionId = mission.Id, CategoryCode = "", Description = "", Source = IncidentSource.Imported, ReportedAt = now, CreatedAt = now,
                UpdatedAt = now, RecordedByUserId = recordedBy, Status = IncidentStatus.Verified, Confidentiality = Confidentiality.Public,
                ExternalSource = source, ExternalId = row.Incident.ExternalId,
            };
            Apply(incident, row);
            incidents.Add(incident);
            firstChanges.Add(new IncidentStatusChange
            {
                IncidentId = incident.Id, ToStatus = IncidentStatus.Verified, Actor = actor.Actor, ActorUserId = recordedBy, At = now,
                Text = $"Imported from {source} {row.Incident.ExternalId} (verified by its publisher).",
            });
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await InsertAsync(incidents, firstChanges, cancellationToken);
        if (incidents.Count > 0) // the change tracker never sees these rows: mark their months for the aggregates here
            await AggregateSlices.MarkDirtyAsync(db, mission.Id, incidents.Select(i => i.OccurredFrom), cancellationToken);
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
        audit.Record(AuditAction.IncidentsImported, Mission.AuditEntity, mission.Id,
            $"Imported {source} into {mission.Code} ({description}): {counts.Inserted} inserted, {counts.Updated} updated, {counts.Unchanged} unchanged.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal?.Committed(mission.Id);
        return counts;
    }

    /// <summary>New incidents go straight to the tables (binary COPY / prepared INSERTs) in the batch's transaction.</summary>
    private Task InsertAsync(List<Incident> incidents, List<IncidentStatusChange> changes, CancellationToken cancellationToken)
    {
        if (incidents.Count == 0)
            return Task.CompletedTask;
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection postgres)
            return PostgresIncidentCopy.WriteAsync(postgres, incidents, changes, cancellationToken);
        SqliteIncidentInsert.Write((SqliteConnection)connection, incidents, changes);
        return Task.CompletedTask;
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
