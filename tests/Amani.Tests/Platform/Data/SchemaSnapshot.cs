using System.Data.Common;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Tests.Platform.Data;

/// <summary>
/// The shape of a database as sorted, comparable lines: one per table, column (name, type, nullability) and index
/// (name, uniqueness, columns). Read from the catalogue, not from EF, so it shows what the database really holds.
/// </summary>
public static class SchemaSnapshot
{
    /// <summary>The bookkeeping table of <see cref="SchemaMigrator"/>; not part of the EF model.</summary>
    public const string MigrationsTable = "schema_migrations";

    public static async Task<IReadOnlyList<string>> ReadAsync(DatabaseTarget target, bool includeMigrationsTable = false)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lines = target.Provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        return lines.Where(l => includeMigrationsTable || !l.Contains($" {MigrationsTable}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Creates the schema named by the PostgreSQL search path (the migrator does this itself; EF's script does not).</summary>
    public static async Task CreatePostgresSchemaAsync(DatabaseTarget target)
    {
        var schema = new NpgsqlConnectionStringBuilder(target.ConnectionString).SearchPath!;
        await using var db = new AmaniDbContext(target.CreateOptions());
        var sql = $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"";
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            r => r.GetString(0));
        var fullText = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
            r => r.GetString(0));
        foreach (var table in tables.Where(t => !IsFullTextIndex(t, fullText)))
        {
            lines.Add($"table {table}");
            lines.AddRange(await QueryAsync(connection,
                $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1)} {(r.GetInt64(2) == 1 ? "NOT NULL" : "NULL")}" +
                     (r.GetInt64(3) > 0 ? $" PK{r.GetInt64(3)}" : "")));
            var indexes = await QueryAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}')",
                r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno", r => r.GetString(0));
                lines.Add($"index {table}.{index.Name} {(index.Unique ? "UNIQUE " : "")}({string.Join(", ", columns)})");
            }
        }
        return lines;
    }

    /// <summary>
    /// A full-text index is not part of the EF model: SQLite's FTS5 virtual tables and their shadow tables, PostgreSQL's
    /// tsvector columns and GIN indexes (the lessons' search, tested by LessonSearchTests) are left out of the comparison.
    /// </summary>
    private static bool IsFullTextIndex(string table, IReadOnlyList<string> virtualTables) =>
        virtualTables.Any(v => table == v || (table.StartsWith(v + "_", StringComparison.Ordinal)
                                              && table[(v.Length + 1)..] is "data" or "idx" or "content" or "docsize" or "config"));

    private static async Task<List<string>> ReadPostgresAsync(DbConnection connection)
    {
        var lines = await QueryAsync(connection,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            r => $"table {r.GetString(0)}");
        lines.AddRange(await QueryAsync(connection,
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, is_identity " +
            "FROM information_schema.columns WHERE table_schema = current_schema() AND data_type <> 'tsvector'",
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}" + (r.IsDBNull(3) ? "" : $"({r.GetInt32(3)})") +
                 (r.GetString(4) == "YES" ? " NULL" : " NOT NULL") + (r.GetString(5) == "YES" ? " IDENTITY" : "")));
        // indexdef names the schema ("ON t_123.users"); drop it so that two schemas compare equal.
        lines.AddRange(await QueryAsync(connection,
            "SELECT tablename, indexname, replace(indexdef, quote_ident(schemaname) || '.', '') FROM pg_indexes WHERE schemaname = current_schema() " +
            "AND indexdef NOT LIKE '%USING gin%'",
            r => $"index {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        return lines;
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }
}
