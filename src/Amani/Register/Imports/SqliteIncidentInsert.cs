using System.Globalization;
using System.Text;
using Amani.Register.Incidents;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Amani.Register.Imports;

/// <summary>
/// Writes new incidents, their actors and their first status change with three prepared INSERT statements on the
/// caller's connection, inside its transaction: the import's hot path on SQLite. The values are bound through
/// SQLitePCLRaw (the library under Microsoft.Data.Sqlite) as UTF-8 spans formatted on the stack — Microsoft.Data.Sqlite's
/// parameter objects cost more per row than SQLite's own work, and EF Core's batched INSERTs several times more.
/// Values in EF Core's formats: Guids as upper-case text, times as "yyyy-MM-dd HH:mm:ss.FFFFFFF", enums by name. The
/// import tests read every field back through EF Core.
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
    private static readonly string[] ChangeColumns = ["id", "incident_id", "from_status", "to_status", "actor", "actor_user_id", "text", "at"];

    public static void Write(SqliteConnection connection, IReadOnlyList<Incident> incidents, IReadOnlyList<IncidentStatusChange> changes)
    {
        var db = HandleOf(connection);
        // A bigger page cache for this connection (default 2 MB): the incidents' indexes stop spilling to the OS.
        Check(db, raw.sqlite3_exec(db, "PRAGMA cache_size = -65536"));
        using (var insert = new Statement(db, "incidents", IncidentColumns))
            foreach (var i in incidents)
            {
                insert.Guid(1, i.Id); insert.Guid(2, i.MissionId); insert.Text(3, i.Source.ToString()); insert.Text(4, i.CategoryCode);
                insert.Time(5, i.OccurredFrom); insert.Time(6, i.OccurredUntil); insert.Text(7, i.OccurredPrecision.ToString()); insert.Time(8, i.ReportedAt);
                insert.Real(9, i.Latitude); insert.Real(10, i.Longitude); insert.Text(11, i.LocationPrecision?.ToString()); insert.Text(12, i.PlaceName);
                insert.Guid(13, i.AreaId); insert.Integer(14, i.PrioGridCell); insert.Integer(15, i.FatalitiesLow); insert.Integer(16, i.FatalitiesBest);
                insert.Integer(17, i.FatalitiesHigh); insert.Integer(18, i.CivilianFatalities); insert.Text(19, i.Description);
                insert.Integer(20, i.DescriptionPublic ? 1 : 0); insert.Text(21, i.Confidentiality.ToString()); insert.Text(22, i.Confidence.ToString());
                insert.Text(23, i.Status.ToString()); insert.Guid(24, i.RecordedByUserId); insert.Time(25, i.CreatedAt); insert.Time(26, i.UpdatedAt);
                insert.Integer(27, i.Version); insert.Text(28, i.ExternalSource); insert.Text(29, i.ExternalId); insert.Text(30, i.ExternalHash);
                insert.Run();
            }
        using (var insert = new Statement(db, "incident_actors", ActorColumns))
            foreach (var a in incidents.SelectMany(i => i.Actors))
            {
                insert.Guid(1, a.Id); insert.Guid(2, a.IncidentId); insert.Integer(3, a.Side); insert.Text(4, a.Name); insert.Text(5, a.Type?.ToString());
                insert.Run();
            }
        using (var insert = new Statement(db, "incident_status_changes", ChangeColumns))
            foreach (var c in changes)
            {
                insert.Guid(1, c.Id); insert.Guid(2, c.IncidentId); insert.Text(3, c.FromStatus?.ToString()); insert.Text(4, c.ToStatus?.ToString()); insert.Text(5, c.Actor);
                insert.Guid(6, c.ActorUserId); insert.Text(7, c.Text); insert.Time(8, c.At);
                insert.Run();
            }
    }

    /// <summary>The open connection's native handle.</summary>
    private static sqlite3 HandleOf(SqliteConnection connection) =>
        connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");

    private static void Check(sqlite3 db, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), result, raw.sqlite3_extended_errcode(db));
    }

    /// <summary>One prepared INSERT; parameters are numbered from 1 in column order, every one bound for every row.</summary>
    private sealed class Statement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private byte[] _text = new byte[1024];

        public Statement(sqlite3 db, string table, string[] columns)
        {
            _db = db;
            var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, n) => $"?{n + 1}"))})";
            Check(db, raw.sqlite3_prepare_v2(db, sql, out _statement));
        }

        public void Text(int index, string? value)
        {
            if (value is null)
            {
                Check(_db, raw.sqlite3_bind_null(_statement, index));
                return;
            }
            var length = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_text.Length < length)
                _text = new byte[Math.Max(length, _text.Length * 2)];
            var written = Encoding.UTF8.GetBytes(value, _text);
            Check(_db, raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, written))); // SQLite copies it (SQLITE_TRANSIENT)
        }

        public void Guid(int index, Guid? value)
        {
            if (value is not { } id)
            {
                Check(_db, raw.sqlite3_bind_null(_statement, index));
                return;
            }
            Span<byte> text = stackalloc byte[36];
            id.TryFormat(text, out _, "D");
            for (var n = 0; n < text.Length; n++)
                if (text[n] is >= (byte)'a' and <= (byte)'f')
                    text[n] -= 'a' - 'A';
            Check(_db, raw.sqlite3_bind_text(_statement, index, text));
        }

        public void Time(int index, DateTime value)
        {
            Span<byte> text = stackalloc byte[32];
            value.TryFormat(text, out var written, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
            Check(_db, raw.sqlite3_bind_text(_statement, index, text[..written]));
        }

        public void Integer(int index, long? value) =>
            Check(_db, value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

        public void Real(int index, double? value) =>
            Check(_db, value is { } number ? raw.sqlite3_bind_double(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

        public void Run()
        {
            var result = raw.sqlite3_step(_statement);
            if (result != raw.SQLITE_DONE)
            {
                var failure = new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
                raw.sqlite3_reset(_statement);
                throw failure;
            }
            raw.sqlite3_reset(_statement);
        }

        public void Dispose() => _statement.Dispose();
    }
}
