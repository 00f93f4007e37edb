using System.Text;
using Amani.Platform.Audit;
using Amani.Platform.Cli;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;

namespace Amani.Tests.Platform.Audit;

/// <summary>
/// The audit chain key at start-up: generated outside the database on the first start, refused when it is not the
/// key of the database's keyed rows or missing, never stored in the database.
/// </summary>
[Collection(CliConsole.Name)]
public sealed class AuditChainKeyStartTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_key_that_is_not_the_databases_is_refused_at_start_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        await database.RecordAsync(2);
        var rows = await database.RowsAsync();
        var other = AuditChainKey.Random();
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        try
        {
            var keyFile = Path.Combine(dataDirectory.FullName, AuditChainKeys.DefaultFileName);
            await File.WriteAllTextAsync(keyFile, other.ExportBase64());

            var run = await CliConsole.RunAsync("audit", "verify", "--data-dir", dataDirectory.FullName, "--database", database.Target.ConnectionString);

            Assert.True(run.ExitCode == AmaniCli.InvalidSettingExitCode, run.Output);
            Assert.Contains($"error: The audit chain key from the key file {keyFile} (key id {other.KeyId}) is not the key this database's audit log " +
                            $"is sealed with: none of its keyed rows carries that id (the newest, row {rows[^1].Sequence}, carries key id " +
                            $"{database.Target.AuditKey!.KeyId})", run.Output);
            Assert.DoesNotContain("   at ", run.Output);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }

        // What serve and every node run first: the schema migrator refuses the key before it changes anything.
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            new SchemaMigrator(database.Target with { AuditKey = other }).MigrateAsync());
        Assert.Contains("is not the key this database's audit log is sealed with", Assert.Single(refused.Failures));
        Assert.Equivalent(rows, await database.RowsAsync(), strict: true);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_a_key_a_keyed_database_is_refused_and_no_other_key_is_generated(DatabaseProvider provider)
    {
        await using var database = await AuditedDatabase.CreateAsync(provider);
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        try
        {
            var run = await CliConsole.RunAsync("audit", "verify", "--data-dir", dataDirectory.FullName, "--database", database.Target.ConnectionString);

            Assert.True(run.ExitCode == AmaniCli.InvalidSettingExitCode, run.Output);
            Assert.Contains($"error: This database's audit log is sealed with an audit chain key (key id {database.Target.AuditKey!.KeyId}", run.Output);
            Assert.Contains("and this node has none: neither AMANI_AUDIT_KEY nor AMANI_AUDIT_KEY_FILE is set", run.Output);
            Assert.False(File.Exists(Path.Combine(dataDirectory.FullName, AuditChainKeys.DefaultFileName)));
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_key_file_that_holds_no_key_is_refused()
    {
        await using var database = await AuditedDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        try
        {
            var keyFile = Path.Combine(dataDirectory.FullName, AuditChainKeys.DefaultFileName);
            await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(new byte[16])); // too short

            var run = await CliConsole.RunAsync("audit", "verify", "--data-dir", dataDirectory.FullName, "--database", database.Target.ConnectionString);

            Assert.True(run.ExitCode == AmaniCli.InvalidSettingExitCode, run.Output);
            Assert.Contains($"error: The audit chain key file {keyFile} holds no valid key: it accepts base64 of at least 32 random bytes", run.Output);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_first_start_generates_a_key_file_that_seals_the_log_and_the_key_is_not_in_the_database(DatabaseProvider provider)
    {
        await using var postgres = provider == DatabaseProvider.Postgres ? TestDatabase.Create(provider) : null;
        var dataDirectory = Directory.CreateTempSubdirectory("amani-data-");
        string[] Database() => postgres is null ? [] : ["--database", postgres.Target.ConnectionString];
        try
        {
            var keyFile = Path.Combine(dataDirectory.FullName, AuditChainKeys.DefaultFileName);
            var migrated = await CliConsole.RunAsync(["db", "migrate", "--data-dir", dataDirectory.FullName, .. Database()]);

            Assert.True(migrated.ExitCode == 0, migrated.Output);
            var key = AuditChainKey.FromText(await File.ReadAllTextAsync(keyFile), "test");
            Assert.NotNull(key);
            Assert.Contains($"Audit chain key generated in {keyFile} (key id {key.KeyId}). Keep a copy away from the database", migrated.Output);
            Assert.Equal(AuditChainKey.MinimumBytes, Convert.FromBase64String(await File.ReadAllTextAsync(keyFile)).Length);
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));

            var verified = await CliConsole.RunAsync(["audit", "verify", "--data-dir", dataDirectory.FullName, .. Database()]);
            Assert.True(verified.ExitCode == 0, verified.Output);
            Assert.Contains($"Rows 1–1: sealed with the audit chain key (key id {key.KeyId}).", verified.Output);
            Assert.DoesNotContain("generated", verified.Output);

            var secret = Convert.FromBase64String(key.ExportBase64());
            var stored = postgres is null
                ? await SqliteFilesAsync(Path.Combine(dataDirectory.FullName, "amani.db"))
                : Encoding.UTF8.GetBytes(await PostgresRowsAsTextAsync(postgres.Target));
            var head = System.Text.RegularExpressions.Regex.Match(verified.Output, "head row 1, hash ([0-9a-f]{64})").Groups[1].Value;
            Assert.True(stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(head)) >= 0, "the audit rows were not read");
            foreach (var form in new[] { secret, Encoding.ASCII.GetBytes(key.ExportBase64()), Encoding.ASCII.GetBytes(Convert.ToHexStringLower(secret)),
                         Encoding.ASCII.GetBytes(Convert.ToHexString(secret)) })
                Assert.True(stored.AsSpan().IndexOf(form) < 0, "the audit chain key is stored in the database");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The bytes of the SQLite file and its write-ahead log.</summary>
    private static async Task<byte[]> SqliteFilesAsync(string path)
    {
        var bytes = new List<byte>(await File.ReadAllBytesAsync(path));
        if (File.Exists(path + "-wal"))
            bytes.AddRange(await File.ReadAllBytesAsync(path + "-wal"));
        return [.. bytes];
    }

    /// <summary>Every row of every table of the schema, as PostgreSQL writes it as text (bytea as hex).</summary>
    private static async Task<string> PostgresRowsAsTextAsync(DatabaseTarget target)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT x::text FROM \"{table}\" x", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                text.AppendLine(reader.GetString(0));
        }
        return text.ToString();
    }
}
