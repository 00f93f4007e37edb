using System.Globalization;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Amani.Tests.Platform.Data;

/// <summary>
/// The SQLite that Microsoft.Data.Sqlite loads is the current bundled one (SQLitePCLRaw 2.1), with no load shim: a plain
/// connection opens, and the features the schema and queries may use are there.
/// </summary>
public sealed class SqliteVersionTests
{
    [Fact]
    public async Task A_plain_connection_runs_a_current_SQLite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(CancellationToken.None);
        var version = new Version((string)(await Scalar(connection, "SELECT sqlite_version()"))!);

        Assert.True(version >= new Version(3, 50), $"SQLite {version} is older than 3.50");
        Assert.Equal("b", await Scalar(connection, """SELECT '{"a":"b"}' ->> '$.a'"""));
        await Scalar(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        Assert.Equal(1L, await Scalar(connection, "INSERT INTO t (v) VALUES ('x') RETURNING id"));
        Assert.Equal(1L, Convert.ToInt64(await Scalar(connection, "SELECT sqlite_compileoption_used('ENABLE_FTS5')"), CultureInfo.InvariantCulture));
    }

    private static async Task<object?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(CancellationToken.None);
    }
}
