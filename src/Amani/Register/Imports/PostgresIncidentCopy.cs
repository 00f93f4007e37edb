using Amani.Platform.Data;
using Amani.Register.Incidents;
using Npgsql;
using NpgsqlTypes;

namespace Amani.Register.Imports;

/// <summary>
/// Writes new incidents, their actors and their first status change with PostgreSQL's binary COPY, on the caller's
/// connection and transaction: the import's hot path, where EF Core's INSERT statements cost ten times more than
/// reading and checking the rows. The column lists mirror migrations 0003 and 0006; a new NOT NULL column without a
/// default makes COPY fail loudly, and the import tests read every field back through EF Core on PostgreSQL.
/// </summary>
internal static class PostgresIncidentCopy
{
    private const string Incidents = "COPY incidents (id, mission_id, source, category_code, occurred_from, occurred_until, occurred_precision, " +
                                     "reported_at, latitude, longitude, location_precision, place_name, area_id, prio_grid_cell, fatalities_low, " +
                                     "fatalities_best, fatalities_high, civilian_fatalities, description, description_public, confidentiality, confidence, " +
                                     "status, recorded_by_user_id, created_at, updated_at, version, external_source, external_id, external_hash) " +
                                     "FROM STDIN (FORMAT BINARY)";

    private const string Actors = "COPY incident_actors (id, incident_id, side, name, type) FROM STDIN (FORMAT BINARY)";

    private const string StatusChanges = "COPY incident_status_changes (id, incident_id, from_status, to_status, actor, actor_user_id, text, at) FROM STDIN (FORMAT BINARY)";

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<Incident> incidents, IReadOnlyList<IncidentStatusChange> changes,
        CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(Incidents, cancellationToken))
        {
            foreach (var i in incidents)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(i.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(i.MissionId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(i.Source.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.CategoryCode, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.OccurredFrom, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(i.OccurredUntil, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(i.OccurredPrecision.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.ReportedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteOrNullAsync(i.Latitude, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteOrNullAsync(i.Longitude, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteOrNullAsync(i.LocationPrecision?.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(i.PlaceName, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(i.AreaId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteOrNullAsync(i.PrioGridCell, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteOrNullAsync(i.FatalitiesLow, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteOrNullAsync(i.FatalitiesBest, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteOrNullAsync(i.FatalitiesHigh, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteOrNullAsync(i.CivilianFatalities, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(i.Description, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(i.DescriptionPublic, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(i.Confidentiality.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.Confidence.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(i.RecordedByUserId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(i.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(i.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(i.Version, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteOrNullAsync(i.ExternalSource, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(i.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(i.ExternalHash, NpgsqlDbType.Varchar, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(Actors, cancellationToken))
        {
            foreach (var a in incidents.SelectMany(i => i.Actors))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(a.IncidentId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(a.Side, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(a.Name, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(a.Type?.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(StatusChanges, cancellationToken))
        {
            foreach (var c in changes)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.IncidentId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteOrNullAsync(c.FromStatus?.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(c.ToStatus?.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.Actor, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteOrNullAsync(c.ActorUserId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.Text, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.At, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }
}
