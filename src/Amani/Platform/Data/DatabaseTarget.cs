using Amani.Platform.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Amani.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Which database Amani talks to. An empty setting means the embedded SQLite file <c>amani.db</c> in the data
/// directory; a PostgreSQL connection string (<c>Host=…</c>) switches the provider; anything else is a SQLite path or
/// connection string. <see cref="AuditKey"/> is the key its audit chain is sealed with; it goes into every context's
/// options (<see cref="Configure"/>), never into the database.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The audit chain's key (<see cref="AuditChainKey"/>); without one no audit row can be sealed.</summary>
    public AuditChainKey? AuditKey { get; init; }

    public static DatabaseTarget Resolve(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database))
            return Sqlite(Path.Combine(dataDirectory, "amani.db"));
        if (LooksLikePostgres(database))
            return new DatabaseTarget(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(database).ConnectionString);
        return database.Contains('=') ? SqliteFromConnectionString(database) : Sqlite(database);
    }

    private static bool LooksLikePostgres(string value) =>
        value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    private static DatabaseTarget Sqlite(string path) =>
        SqliteFromConnectionString(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);

    private static DatabaseTarget SqliteFromConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, DefaultTimeout = 30 };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        return new DatabaseTarget(DatabaseProvider.Sqlite, builder.ConnectionString);
    }

    /// <summary>A description that is safe to print: no password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}" + (builder.SearchPath is { } path ? $" (schema {path})" : "");
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Provider == DatabaseProvider.Sqlite
            ? options.UseSqlite(ConnectionString).AddInterceptors(SqlitePragmas.Instance)
            : options.UseNpgsql(ConnectionString);
        if (AuditKey is not null)
            AuditChainKeyOption.Add(options, AuditKey);
    }

    public DbContextOptions<AmaniDbContext> CreateOptions()
    {
        var builder = new DbContextOptionsBuilder<AmaniDbContext>();
        Configure(builder);
        return builder.Options;
    }
}
