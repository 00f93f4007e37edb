using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Amani.Bench.Export;

/// <summary>
/// Loads N synthetic incidents (half public, half mission-only; every other one with one or two actors; some
/// descriptions with commas, quotes and line breaks; longitudes on both sides of 0) straight into the tables, as fast
/// as each database allows: PostgreSQL binary COPY, SQLite one prepared INSERT in one transaction. Deterministic (seed 42).
/// The column formats are EF Core's: SQLite stores Guids as upper-case text and times as "yyyy-MM-dd HH:mm:ss.FFFFFFF".
/// </summary>
public static class IncidentLoader
{
    private const string Columns = "id, mission_id, source, category_code, occurred_from, occurred_until, occurred_precision, reported_at, latitude, " +
                                   "longitude, location_precision, place_name, prio_grid_cell, fatalities_best, civilian_fatalities, description, " +
                                   "description_public, confidentiality, confidence, status, recorded_by_user_id, created_at, updated_at, version";

    private static readonly string[] Categories = ["battles.armed-clash", "riots", "protests.peaceful-protest", "violence-against-civilians.attack"];

    private sealed record Row(Guid Id, DateTime Occurred, double Latitude, double Longitude, string Category, int Fatalities, string Description,
        bool Public, (Guid Id, int Side, string Name)[] Actors);

    private static IEnumerable<Row> Generate(int count)
    {
        var random = new Random(42);
        var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var n = 0; n < count; n++)
        {
            var actors = (n % 2) switch
            {
                0 => new[] { (Guid.NewGuid(), 1, "Armed group " + (n % 97)), (Guid.NewGuid(), 2, "Civilians (Central African Republic)") },
                _ => [],
            };
            yield return new Row(Guid.CreateVersion7(), start.AddMinutes(random.Next(0, 13_000_000)), 2 + random.NextDouble() * 9,
                -20 + random.NextDouble() * 47, Categories[n % Categories.Length], random.Next(0, 30),
                n % 10 == 0 ? $"Clash near \"village {n}\", shots heard;\nthree houses burnt" : $"Generated incident {n} near the market of village {n % 1000}",
                n % 2 == 0, actors);
        }
    }

    public static async Task LoadSqliteAsync(string path, Guid missionId, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var names = Columns.Split(", ");
        await using var insert = new SqliteCommand($"INSERT INTO incidents ({Columns}) VALUES ({string.Join(", ", names.Select(c => "$" + c))})", connection, transaction);
        var p = names.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
        await using var actor = new SqliteCommand("INSERT INTO incident_actors (id, incident_id, side, name) VALUES ($id, $incident, $side, $name)", connection, transaction);
        var (aid, aincident, aside, aname) = (actor.Parameters.Add("$id", SqliteType.Text), actor.Parameters.Add("$incident", SqliteType.Text),
            actor.Parameters.Add("$side", SqliteType.Integer), actor.Parameters.Add("$name", SqliteType.Text));
        insert.Prepare();
        actor.Prepare();
        var mission = G(missionId);
        var recorder = G(Guid.NewGuid());
        foreach (var r in Generate(count))
        {
            var id = G(r.Id);
            var at = T(r.Occurred);
            p["id"].Value = id; p["mission_id"].Value = mission; p["source"].Value = "Imported"; p["category_code"].Value = r.Category;
            p["occurred_from"].Value = at; p["occurred_until"].Value = at; p["occurred_precision"].Value = "Day"; p["reported_at"].Value = at;
            p["latitude"].Value = r.Latitude; p["longitude"].Value = r.Longitude; p["location_precision"].Value = "Exact";
            p["place_name"].Value = "Village"; p["prio_grid_cell"].Value = 1; p["fatalities_best"].Value = r.Fatalities;
            p["civilian_fatalities"].Value = r.Fatalities / 2; p["description"].Value = r.Description; p["description_public"].Value = r.Public ? 1 : 0;
            p["confidentiality"].Value = r.Public ? "Public" : "Mission"; p["confidence"].Value = "Probable"; p["status"].Value = "Verified";
            p["recorded_by_user_id"].Value = recorder; p["created_at"].Value = at; p["updated_at"].Value = at; p["version"].Value = 1;
            await insert.ExecuteNonQueryAsync();
            foreach (var a in r.Actors)
            {
                (aid.Value, aincident.Value, aside.Value, aname.Value) = (G(a.Id), id, a.Side, a.Name);
                await actor.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    public static async Task LoadPostgresAsync(string connectionString, Guid missionId, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var recorder = Guid.NewGuid();
        var actors = new List<(Guid Id, Guid Incident, int Side, string Name)>();
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY incidents ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in Generate(count))
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(missionId, NpgsqlDbType.Uuid);
                await copy.WriteAsync("Imported", NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Category, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Occurred, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.Occurred, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("Day", NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Occurred, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.Latitude, NpgsqlDbType.Double);
                await copy.WriteAsync(r.Longitude, NpgsqlDbType.Double);
                await copy.WriteAsync("Exact", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Village", NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Fatalities, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Fatalities / 2, NpgsqlDbType.Integer);
                await copy.WriteAsync(r.Description, NpgsqlDbType.Text);
                await copy.WriteAsync(r.Public, NpgsqlDbType.Boolean);
                await copy.WriteAsync(r.Public ? "Public" : "Mission", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Probable", NpgsqlDbType.Varchar);
                await copy.WriteAsync("Verified", NpgsqlDbType.Varchar);
                await copy.WriteAsync(recorder, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Occurred, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(r.Occurred, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                actors.AddRange(r.Actors.Select(a => (a.Id, r.Id, a.Side, a.Name)));
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await connection.BeginBinaryImportAsync("COPY incident_actors (id, incident_id, side, name) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in actors)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(a.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(a.Incident, NpgsqlDbType.Uuid);
                await copy.WriteAsync(a.Side, NpgsqlDbType.Integer);
                await copy.WriteAsync(a.Name, NpgsqlDbType.Varchar);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE incidents; ANALYZE incident_actors", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static string G(Guid id) => id.ToString().ToUpperInvariant();

    private static string T(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
