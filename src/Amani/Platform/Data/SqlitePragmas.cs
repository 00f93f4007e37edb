using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Amani.Platform.Data;

/// <summary>
/// Makes SQLite's durability explicit on every connection instead of relying on the native library's compiled default:
/// <c>synchronous=FULL</c>, so in WAL mode (set by <see cref="SchemaMigrator"/>) every commit is flushed to disk before
/// it returns — a report acknowledged with 201 survives a crash or a power cut.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    private const string Sql = "PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
