using System.Data.Common;
using System.Text;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Register.Reporting.Privacy;

/// <summary>
/// A reporter's contact, distinctive enough to be searched for, in the spellings it could leak in: as sent, digits
/// only, the local number, the e-mail in any case. Finds them in text, in raw bytes (UTF-8 and UTF-16) and in every
/// column of every table.
/// </summary>
public static class ContactNeedles
{
    public const string Phone = "+236 75 31 86 42";
    public const string PhoneInForm = "+236-75-31-86-42";
    public const string Email = "Witness.Amani-7731@Example.org";

    public static readonly string[] Spellings =
        [Phone, PhoneInForm, "23675318642", "75318642", "75 31 86 42", "75-31-86-42", Email, "witness.amani-7731", "witness.amani"];

    /// <summary>The spellings found in <paramref name="text"/> (ignoring case).</summary>
    public static IEnumerable<string> FoundIn(string text) => Spellings.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase));

    public static void AssertNotIn(string text, string where)
    {
        var found = FoundIn(text).ToList();
        Assert.True(found.Count == 0, $"The reporter's contact ({string.Join(", ", found)}) appears in {where}.");
    }

    /// <summary>Asserts that no spelling occurs in the bytes, as UTF-8 (in lower, upper or sent case) or as UTF-16.</summary>
    public static void AssertNotInBytes(byte[] bytes, string where)
    {
        foreach (var spelling in Spellings)
            foreach (var variant in new[] { spelling, spelling.ToLowerInvariant(), spelling.ToUpperInvariant() }.Distinct())
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
                    Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(variant)) < 0,
                        $"The reporter's contact ('{variant}', {encoding.WebName}) appears in the bytes of {where}.");
    }

    /// <summary>
    /// The raw bytes of the SQLite database, its write-ahead log and its shared-memory index, read while the server runs
    /// (before a checkpoint, so that what sits only in the WAL is seen too) and again after a full checkpoint.
    /// </summary>
    public static async Task AssertNotInSqliteFilesAsync(TestApp app)
    {
        var path = new SqliteConnectionStringBuilder(app.Database.Target.ConnectionString).DataSource;
        Assert.True(File.Exists(path + "-wal"), "Expected the database in WAL mode, with a -wal file to search.");
        AssertNotInFiles(path);
        await using (var connection = new SqliteConnection(app.Database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        AssertNotInFiles(path);
    }

    private static void AssertNotInFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            AssertNotInBytes(copy.ToArray(), Path.GetFileName(file));
        }
    }

    /// <summary>Reads every value of every row of every table (on either provider) and asserts no spelling occurs in any; returns the rows read.</summary>
    public static Task<int> AssertNotInAnyColumnAsync(TestApp app) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = await ReadColumnAsync(connection, app.Database.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        Assert.Contains("community_reports", tables);
        Assert.Contains("report_messages", tables);
        Assert.Contains("audit_entries", tables);
        var rows = 0;
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "" : reader.GetValue(i) switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var other => Convert.ToString(other) ?? "" };
                    AssertNotIn(value, $"{table}.{reader.GetName(i)}");
                }
            }
        }
        return rows;
    });

    /// <summary>On PostgreSQL, the same search the way an operator would do it: each row as text, LIKE each spelling.</summary>
    public static Task AssertNoPostgresRowIsLikeAsync(TestApp app, params string[] tables) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var table in tables)
            foreach (var spelling in Spellings)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE @needle";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "needle";
                parameter.Value = $"%{spelling}%";
                command.Parameters.Add(parameter);
                Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync()) == 0, $"A row of {table} is LIKE '%{spelling}%'.");
            }
        return 0;
    });

    private static async Task<List<string>> ReadColumnAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}
