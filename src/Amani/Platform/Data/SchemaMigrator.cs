using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Amani.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Platform.Data;

/// <summary>
/// Versioned, in-place schema upgrades. Each version is one SQL script per provider, embedded from
/// <c>Data/Migrations/{sqlite|postgres}/NNNN_name.sql</c>; applied versions are recorded in <c>schema_migrations</c>.
/// Concurrent migrators (several nodes starting at once) are serialised for the whole upgrade: on PostgreSQL by an
/// advisory lock, each script then in its own transaction; on SQLite, which has no advisory lock, by one IMMEDIATE
/// transaction holding the write lock from reading the version to the last script, so an upgrade is all or nothing
/// and never split between two migrators. Scripts only ever add or transform: they never drop data. A full upgrade (and
/// every start) first checks the audit chain key against the database (<see cref="AuditChainKeys.PrepareAsync"/>).
/// </summary>
public sealed partial class SchemaMigrator(DatabaseTarget target)
{
    /// <summary>What audit rows about schema upgrades name (<c>schema</c>).</summary>
    public static AuditEntity AuditEntity { get; } = new("schema");

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
        // SQLite: BEGIN IMMEDIATE takes the write lock (waiting while another migrator holds it) until the commit below.
        await using var whole = isPostgres ? null : await connection.BeginTransactionAsync(cancellationToken);
        if (whole is not null)
            await db.Database.UseTransactionAsync(whole, cancellationToken);

        try
        {
            // Under the lock: two concurrent CREATE SCHEMA IF NOT EXISTS can both try to insert it and one fails.
            if (isPostgres)
                await PrepareSchemaAsync(connection, cancellationToken);
            await ExecuteAsync(connection, whole, isPostgres
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamp with time zone NOT NULL DEFAULT now())"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                cancellationToken);
            var from = await CurrentVersionAsync(connection, whole, cancellationToken);
            var scripts = Scripts(target.Provider);
            var latest = scripts.Max(s => s.Version);
            var goal = targetVersion ?? latest;
            // Before any change: refuse a key that is not this database's, or generate the first one (under the lock).
            if (goal == latest)
                await AuditChainKeys.PrepareAsync(db, target.AuditKey, from, cancellationToken);
            foreach (var script in scripts.Where(s => s.Version > from && s.Version <= goal))
                await ApplyAsync(connection, whole, script, cancellationToken);
            var to = await CurrentVersionAsync(connection, whole, cancellationToken);
            // An upgrade to the latest version is audited; partial upgrades (tests, staged roll-outs) are not.
            if (to != from && to == latest)
                await RecordAsync(db, from, to, cancellationToken);
            if (whole is not null)
                await whole.CommitAsync(cancellationToken);
            return new Result(from, to);
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

    /// <summary>Applies <paramref name="script"/> in <paramref name="whole"/>, or in its own transaction when there is none.</summary>
    private static async Task ApplyAsync(DbConnection connection, DbTransaction? whole, Script script, CancellationToken cancellationToken)
    {
        await using var own = whole is null ? await connection.BeginTransactionAsync(cancellationToken) : null;
        var transaction = whole ?? own!;
        await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
        await using var record = connection.CreateCommand();
        record.Transaction = transaction;
        record.CommandText = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)";
        AddParameter(record, "@version", script.Version);
        AddParameter(record, "@name", script.Name);
        await record.ExecuteNonQueryAsync(cancellationToken);
        if (own is not null)
            await own.CommitAsync(cancellationToken);
    }

    private static async Task RecordAsync(AmaniDbContext db, int from, int to, CancellationToken cancellationToken)
    {
        var audit = new AuditLog(db, new AuditActor { Actor = "system" }, TimeProvider.System);
        audit.Record(AuditAction.SchemaMigrated, SchemaMigrator.AuditEntity, to, $"Schema upgraded from version {from} to {to}.");
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
