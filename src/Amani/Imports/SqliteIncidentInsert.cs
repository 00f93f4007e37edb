using System.Globalization;
using Amani.Incidents;
using Microsoft.Data.Sqlite;

namespace Amani.Imports;

/// <summary>
/// Writes new incidents, their actors and their first status change with three prepared INSERT statements, re-bound
/// per row, on the caller's connection and transaction: the import's hot path on SQLite (EF Core's change tracker and
/// batched INSERTs cost several times more). Values in EF Core's formats: Guids as upper-case text, times as
/// "yyyy-MM-dd HH:mm:ss.FFFFFFF", enums by name. The import tests read every field back through EF Core.
/// </summary>
internal static class SqliteIncidentInsert
{
    private static readonly string[] IncidentColumns =
    [
        "id", "mission_id", "source", "category_code", "occurred_from", "occurred_until", "occurred_precision", "reported_at", "latitude", "longitude",
        "location_precision", "place_name", "area_id", "prio_grid_cell", "fatalities_low", "fatalities_best", "fatalities_high", "civilian_fatalities",
        "description", "description_public", "confidentiality", "confidence", "status", "recorded_by_user_id", "created_at", "updated_at", "version",
        "external_source", "external_id", "external_hash",
    ];

    private static readonly string[] ActorColumns = ["id", "incident_id", "side", "name", "type"];
    private static readonly string[] ChangeColumns = ["id", "incident_id", "from", "to", "actor", "reason", "at"];

    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Incident> incidents,
        IReadOnlyList<IncidentStatusChange> changes, CancellationToken cancellationToken)
    {
        // A bigger page cache for this connection (default 2 MB): the incidents' eight indexes stop spilling to the OS.
        await using (var cache = new SqliteCommand("PRAGMA cache_size = -65536", connection, transaction))
            await cache.ExecuteNonQueryAsync(cancellationToken);
        await using (var insert = Prepare(connection, transaction, "incidents", IncidentColumns))
        {
            var p = insert.Parameters;
            foreach (var i in incidents)
            {
                Set(p[0], G(i.Id)); Set(p[1], G(i.MissionId)); Set(p[2], i.Source.ToString()); Set(p[3], i.CategoryCode);
                Set(p[4], T(i.OccurredFrom)); Set(p[5], T(i.OccurredUntil)); Set(p[6], i.OccurredPrecision.ToString()); Set(p[7], T(i.ReportedAt));
                Set(p[8], i.Latitude); Set(p[9], i.Longitude); Set(p[10], i.LocationPrecision?.ToString()); Set(p[11], i.PlaceName);
                Set(p[12], i.AreaId is { } area ? G(area) : null); Set(p[13], i.PrioGridCell); Set(p[14], i.FatalitiesLow); Set(p[15], i.FatalitiesBest);
                Set(p[16], i.FatalitiesHigh); Set(p[17], i.CivilianFatalities); Set(p[18], i.Description); Set(p[19], i.DescriptionPublic ? 1 : 0);
                Set(p[20], i.Confidentiality.ToString()); Set(p[21], i.Confidence.ToString()); Set(p[22], i.Status.ToString());
                Set(p[23], G(i.RecordedByUserId)); Set(p[24], T(i.CreatedAt)); Set(p[25], T(i.UpdatedAt)); Set(p[26], i.Version);
                Set(p[27], i.ExternalSource); Set(p[28], i.ExternalId); Set(p[29], i.ExternalHash);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var insert = Prepare(connection, transaction, "incident_actors", ActorColumns))
        {
            var p = insert.Parameters;
            foreach (var a in incidents.SelectMany(i => i.Actors))
            {
                Set(p[0], G(a.Id)); Set(p[1], G(a.IncidentId)); Set(p[2], a.Side); Set(p[3], a.Name); Set(p[4], a.Type?.ToString());
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var insert = Prepare(connection, transaction, "incident_status_changes", ChangeColumns))
        {
            var p = insert.Parameters;
            foreach (var c in changes)
            {
                Set(p[0], G(c.Id)); Set(p[1], G(c.IncidentId)); Set(p[2], c.From?.ToString()); Set(p[3], c.To.ToString()); Set(p[4], c.Actor);
                Set(p[5], c.Reason); Set(p[6], T(c.At));
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var command = new SqliteCommand(
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, n) => $"$p{n}"))})",
            connection, transaction);
        for (var n = 0; n < columns.Length; n++)
            command.Parameters.Add(new SqliteParameter($"$p{n}", null));
        command.Prepare();
        return command;
    }

    private static void Set(SqliteParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    private static string G(Guid id) => id.ToString().ToUpperInvariant();

    private static string T(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
