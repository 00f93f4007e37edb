using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using Xunit;

namespace Amani.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test: a new SQLite file, or a new schema in the PostgreSQL database that
/// ./test.sh created for this run (connection string in AMANI_TEST_POSTGRES). Removed again on dispose. Its target
/// carries an audit chain key of its own (random); a command run against it gets that key through
/// <see cref="DataDirectoryWithKey"/>.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "AMANI_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _schema;

    public DatabaseTarget Target { get; }
    public DatabaseProvider Provider => Target.Provider;

    private TestDatabase(DatabaseTarget target, string? sqlitePath, string? schema)
    {
        Target = target;
        _sqlitePath = sqlitePath;
        _schema = schema;
    }

    public static TestDatabase Create(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), "amani-tests", $"{Guid.NewGuid():N}.db");
            return new TestDatabase(Keyed(DatabaseTarget.Resolve(path, Path.GetTempPath())), path, null);
        }
        var baseConnection = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(baseConnection))
            throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./test.sh, which starts PostgreSQL and sets it, or set it to a connection string of a throw-away database.");
        var schema = $"t_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema };
        return new TestDatabase(Keyed(DatabaseTarget.Resolve(builder.ConnectionString, Path.GetTempPath())), null, schema);
    }

    private static DatabaseTarget Keyed(DatabaseTarget target) => target with { AuditKey = AuditChainKey.Random("the test database's key") };

    /// <summary>
    /// A new temporary data directory whose <c>audit.key</c> holds <paramref name="target"/>'s audit chain key, as an
    /// operator would give it to a command (<c>--data-dir</c>); the caller deletes it.
    /// </summary>
    public static DirectoryInfo DataDirectoryWithKey(DatabaseTarget target)
    {
        var directory = Directory.CreateTempSubdirectory("amani-data-");
        File.WriteAllText(Path.Combine(directory.FullName, AuditChainKeys.DefaultFileName), target.AuditKey!.ExportBase64());
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(Target.ConnectionString));
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(_sqlitePath + suffix);
            return;
        }
        // Each schema has its own connection string and so its own pool: close its idle connections, or a long run
        // exhausts the server's connection slots.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Target.ConnectionString));
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Theory data: every data test runs once per database provider.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
}
