using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Amani.Bench.Export;

/// <summary>
/// Export benchmark: for SQLite (a fresh file) and PostgreSQL ($AMANI_BENCH_POSTGRES, a fresh schema): create the
/// mission BENCH, an administrator and an incidents:read token through the CLI, bulk-load N incidents, start the real
/// server as its own process, then time GET …/incidents.csv (token) and GET /public/…/incidents.csv (anonymous) over
/// HTTP, each <c>--repeat</c> times (the first right after start, so it includes the JIT's work) — rows/s, MB/s, the
/// load average, the CPU time of the server, of its PostgreSQL backends and of this client — with the server's peak
/// resident memory (VmHWM).
/// Usage: Amani.Bench.Export [--rows 1000000] [--only sqlite|postgres] [--repeat 2]
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var rows = Arg(args, "--rows") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 1_000_000;
        var only = Arg(args, "--only");
        var repeat = Arg(args, "--repeat") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 2;
        var serverDll = Path.Combine(BenchRoot.Find(), "src/Amani/bin/Release/net10.0/Amani.dll");
        var postgres = Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES");
        var failed = false;
        if (only is null or "sqlite")
            failed |= !await RunAsync("SQLite", serverDll, null, rows, repeat);
        if (only is null or "postgres")
        {
            if (postgres is null)
                Console.WriteLine("PostgreSQL: skipped ($AMANI_BENCH_POSTGRES is not set; bench/run.sh sets it).");
            else
                failed |= !await RunAsync("PostgreSQL", serverDll, $"{postgres};Search Path=bench_export_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}", rows,
                    repeat);
        }
        return failed ? 1 : 0;
    }

    private static async Task<bool> RunAsync(string label, string serverDll, string? database, int rows, int repeat)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("amani-bench-export-").FullName;
        var env = new Dictionary<string, string>
        {
            ["AMANI_DATA_DIR"] = dataDirectory, ["AMANI_DATABASE"] = database ?? "", ["AMANI_DEMO"] = "false",
            ["AMANI_ANONYMOUS_RATE_LIMIT"] = "1000000000",
        };
        if (database is not null)
            await CreateSchemaAsync(database);
        await CliAsync(serverDll, env, "missions create --code BENCH --name Benchmark --country CAF");
        var passwordFile = Path.Combine(dataDirectory, "password");
        await File.WriteAllTextAsync(passwordFile, "a long passphrase for the export run");
        await CliAsync(serverDll, env, $"users create-admin --email bench@bench.local --password-file {passwordFile}");
        var token = (await CliAsync(serverDll, env, "tokens create --user bench@bench.local --scopes incidents:read")).Trim();

        var missionId = await MissionIdAsync(database, dataDirectory);
        var load = Stopwatch.StartNew();
        if (database is null)
            await IncidentLoader.LoadSqliteAsync(Path.Combine(dataDirectory, "amani.db"), missionId, rows);
        else
            await IncidentLoader.LoadPostgresAsync(database, missionId, rows);
        Console.WriteLine($"{label}: loaded {rows:N0} incidents in {load.Elapsed.TotalSeconds:F1} s ({rows / load.Elapsed.TotalSeconds:N0}/s, " +
                          (database is null ? "prepared INSERTs in one transaction)" : "binary COPY)"));

        var port = FreePort();
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{serverDll}\" serve --urls http://127.0.0.1:{port} >> \"{dataDirectory}/server.log\" 2>&1"]);
        foreach (var (k, v) in env)
            info.Environment[k] = v;
        using var server = Process.Start(info)!;
        var ok = true;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(30) };
            await WaitReadyAsync(http, server);
            Console.WriteLine($"{label}: server VmHWM after start {Hwm(server.Id)} MB");
            var backends = database is null ? null : new PostgresBackends(database);
            for (var round = 1; round <= repeat; round++)
            {
                var when = round == 1 ? "first after start" : $"repeat {round - 1}";
                var full = await TimeAsync(http, "/api/v1/missions/BENCH/incidents.csv", token, server.Id, backends, label, $"full export (token), {when}");
                var open = await TimeAsync(http, "/api/v1/public/missions/BENCH/incidents.csv", null, server.Id, backends, label,
                    $"public export (anonymous), {when}");
                if (full != rows || open != (rows + 1) / 2)
                {
                    ok = false;
                    Console.WriteLine($"{label}: MISMATCH: expected {rows:N0} and {(rows + 1) / 2:N0} rows, got {full:N0} and {open:N0}.");
                }
            }
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            await server.WaitForExitAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
        return ok;
    }

    /// <summary>
    /// Streams one export, counting data rows (line feeds outside quotes, minus the header); prints rows/s with the load
    /// average before the request, the CPU time the server (and, on PostgreSQL, the server's database backends) and this
    /// client used, and the server's peak memory.
    /// </summary>
    private static async Task<long> TimeAsync(HttpClient http, string url, string? token, int serverPid, PostgresBackends? backends, string label,
        string what)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpuBefore = CpuSeconds(serverPid);
        var databaseBefore = backends is null ? null : await backends.CpuSecondsAsync();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var firstByte = TimeSpan.Zero;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        var quoted = false;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            if (bytes == 0)
                firstByte = clock.Elapsed;
            bytes += read;
            var rest = buffer.AsSpan(0, read);
            for (var at = rest.IndexOfAny((byte)'"', (byte)'\n'); at >= 0; at = rest.IndexOfAny((byte)'"', (byte)'\n'))
            {
                if (rest[at] == (byte)'"')
                    quoted = !quoted;
                else if (!quoted)
                    lines++;
                rest = rest[(at + 1)..];
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var client = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds;
        var rows = lines - 1;
        var cpu = CpuSeconds(serverPid) - cpuBefore;
        var database = backends is null ? "" : $", database backends {PostgresBackends.Used(databaseBefore!, await backends.CpuSecondsAsync()):F1} s";
        Console.WriteLine($"{label}: {what}: {rows:N0} rows, {bytes / 1e6:F0} MB in {seconds:F1} s = {rows / seconds:N0} rows/s " +
                          $"(load average {load} before), first byte after {firstByte.TotalMilliseconds:F0} ms; CPU: server {cpu:F1} s " +
                          $"({rows / cpu:N0} rows per CPU-second){database}, this client {client:F1} s; server VmHWM now {Hwm(serverPid)} MB");
        return rows;
    }

    /// <summary>CPU time (user + system) a process has used, from /proc/PID/stat (clock ticks of 10 ms).</summary>
    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident set size of a process, from /proc/PID/status.</summary>
    private static long Hwm(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    private static async Task<string> CliAsync(string serverDll, Dictionary<string, string> env, string arguments)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{serverDll}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in env)
            info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"amani {arguments} failed ({process.ExitCode}): {await error}");
        return await output;
    }

    private static async Task CreateSchemaAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        var schema = builder.SearchPath!;
        builder.SearchPath = null;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        await create.ExecuteNonQueryAsync();
    }

    private static async Task<Guid> MissionIdAsync(string? database, string dataDirectory)
    {
        if (database is null)
        {
            await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "amani.db")};Pooling=False");
            await sqlite.OpenAsync();
            await using var query = new SqliteCommand("SELECT id FROM missions WHERE code = 'BENCH'", sqlite);
            return Guid.Parse((string)(await query.ExecuteScalarAsync())!);
        }
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM missions WHERE code = 'BENCH'", connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process server)
    {
        for (var i = 0; i < 600; i++)
        {
            if (server.HasExited)
                throw new InvalidOperationException($"The server exited with code {server.ExitCode}.");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not become ready within 60 s.");
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
