using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Amani.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Data;

/// <summary>
/// Versioned, in-place schema upgrades. Each version is one SQL script per provider, embedded from
/// <c>Data/Migrations/{sqlite|postgres}/NNNN_name.sql</c> and applied in its own transaction; applied versions are
/// recorded in <c>schema_migrations</c>. Concurrent migrators (several nodes starting at once) are serialised by a
/// PostgreSQL advisory lock or SQLite's write lock. Scripts only ever add or transform: they never drop data.
/// </summary>
public sealed partial class SchemaMigrator(DatabaseTarget target)
{
    public sealed record Script(int Version, string Name, string Sql);

    public sealed record Result(int From, int To)
    {
        public bool Changed => From != To;
    }

    public static int LatestVersion(DatabaseProvider provider) => Scripts(provider).Max(s => s.Version);

    /// <summary>Brings the database to <paramref name="targetVersion"/> (the latest when null).</summary>
    public async Task<Result> MigrateAsync(int? targetVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var isPostgres = target.Provider == DatabaseProvider.Postgres;
        if (isPostgres)
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({DatabaseLocks.SchemaMigration})", cancellationToken);
        else
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);

        try
        {
            // Under the lock: two concurrent CREATE SCHEMA IF NOT EXISTS can both try to insert it and one fails.
            if (isPostgres)
                await PrepareSchemaAsync(connection, cancellationToken);
            await ExecuteAsync(connection, null, isPostgres
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now())"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                cancellationToken);
            var from = await CurrentVersionAsync(connection, null, cancellationToken);
            var goal = targetVersion ?? LatestVersion(target.Provider);
            var applied = new List<int>();
            foreach (var script in Scripts(target.Provider).Where(s => s.Version > from && s.Version <= goal))
                if (await ApplyAsync(connection, script, cancellationToken))
                    applied.Add(script.Version);
            var to = await CurrentVersionAsync(connection, null, cancellationToken);
            // On SQLite another migrator may have applied some or all of the scripts since we read the version: only the
            // one that applied the last script records the upgrade, and one that applied nothing changed nothing.
            if (applied.Contains(LatestVersion(target.Provider)))
                await RecordAsync(db, from, to, cancellationToken);
            return new Result(applied.Count == 0 ? to : from, to);
        }
        finally
        {
            if (isPostgres)
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({DatabaseLocks.SchemaMigration})", CancellationToken.None);
        }
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = new AmaniDbContext(target.CreateOptions());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var exists = await ScalarAsync(connection, null, target.Provider == DatabaseProvider.Postgres
            ? "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' AND table_schema = current_schema()"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken);
        return Convert.ToInt64(exists) == 0 ? 0 : await CurrentVersionAsync(connection, null, cancellationToken);
    }

    /// <summary>Applies <paramref name="script"/> unless another migrator got there first; true when this call applied it.</summary>
    private static async Task<bool> ApplyAsync(DbConnection connection, Script script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Another process may have applied it between our read and our write lock (SQLite has no advisory lock).
        if (await CurrentVersionAsync(connection, transaction, cancellationToken) >= script.Version)
            return false;
        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)";
        AddParameter(record, "@version", script.Version);
        AddParameter(record, "@name", script.Name);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task RecordAsync(AmaniDbContext db, int from, int to, CancellationToken cancellationToken)
    {
        var audit = new AuditLog(db, new AuditActor { Actor = "system" }, TimeProvider.System);
        audit.Record(AuditAction.SchemaMigrated, "schema", to, $"Schema upgraded from version {from} to {to}.");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task PrepareSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var searchPath = new NpgsqlConnectionStringBuilder(target.ConnectionString).SearchPath;
        var schema = searchPath?.Split(',')[0].Trim();
        if (!string.IsNullOrEmpty(schema) && schema != "public")
            await ExecuteAsync(connection, null, $"CREATE SCHEMA IF NOT EXISTS \"{schema.Replace("\"", "\"\"")}\"", cancellationToken);
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken));

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Select(name => (name, match: ScriptName().Match(name)))
            .Where(x => x.match.Success && x.match.Groups["provider"].Value == folder)
            .Select(x => new Script(int.Parse(x.match.Groups["version"].Value), x.match.Groups["name"].Value, Read(assembly, x.name)))
            .OrderBy(s => s.Version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"Migrations\.(?<provider>sqlite|postgres)\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}
