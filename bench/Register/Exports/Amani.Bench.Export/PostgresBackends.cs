using System.Globalization;
using Npgsql;

namespace Amani.Bench.Export;

/// <summary>
/// The CPU time of the PostgreSQL backends serving the benchmark's database (the server's pooled connections; other
/// databases on the same PostgreSQL, e.g. other test runs, are not counted), read from /proc by their pids — so a
/// figure shows what an export costs the database as well as the server. The benchmark's own connection is idle.
/// </summary>
public sealed class PostgresBackends(string connectionString)
{
    /// <summary>CPU seconds (user + system) used so far by each backend of the database.</summary>
    public async Task<Dictionary<int, double>> CpuSecondsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            connection);
        var cpu = new Dictionary<int, double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            if (File.Exists($"/proc/{pid}/stat"))
            {
                var fields = (await File.ReadAllTextAsync($"/proc/{pid}/stat")).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                cpu[pid] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            }
        }
        return cpu;
    }

    /// <summary>CPU seconds used between two readings (a backend that started in between counts from zero).</summary>
    public static double Used(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Sum(b => b.Value - before.GetValueOrDefault(b.Key));
}
