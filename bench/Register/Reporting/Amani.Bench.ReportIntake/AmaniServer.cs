using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Amani.Bench;

/// <summary>
/// The real Amani server as a separate process (<c>dotnet Amani.dll serve</c>) on a free 127.0.0.1 port, on a SQLite
/// file in its own data directory or on a PostgreSQL database, with the per-address rate limit lifted for the load
/// generator and the no-op endpoint switched on.
/// </summary>
public sealed class AmaniServer(string serverDll, string dataDirectory, string? database) : IAsyncDisposable
{
    /// <summary>Anonymous requests per minute per address: high enough never to throttle the benchmark.</summary>
    public const int RateLimit = 1_000_000_000;

    private Process? _process;
    public Uri Address { get; private set; } = new("http://127.0.0.1:0");
    public string LogFile => Path.Combine(dataDirectory, "server.log");
    public string DataDirectory => dataDirectory;
    public string? Database => database;

    /// <summary>Creates the benchmark mission through the CLI (which also creates the schema).</summary>
    public async Task CreateMissionAsync(CancellationToken cancellationToken)
    {
        using var cli = Process.Start(StartInfo("missions create --code BENCH --name \"Benchmark mission\" --country CAF"))!;
        await cli.WaitForExitAsync(cancellationToken);
        if (cli.ExitCode != 0)
            throw new InvalidOperationException($"'amani missions create' failed with exit code {cli.ExitCode}; see {LogFile}.");
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        _process = Process.Start(StartInfo($"serve --urls {Address.ToString().TrimEnd('/')}"))!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see {LogFile}.");
            try
            {
                if ((await probe.GetAsync(new Uri(Address, "/health/ready"), cancellationToken)).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"The server did not become ready within 60 s; see {LogFile}.");
    }

    /// <summary>CPU time the server process has used so far (user + system, from /proc), to compare the cost per request.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_process!.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 3, utime field 14, stime field 15 (man 5 proc); clock ticks of 10 ms.
        return TimeSpan.FromMilliseconds((long.Parse(fields[11]) + long.Parse(fields[12])) * 10);
    }

    /// <summary>kill -9: no shutdown, no draining, no flush.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>Ctrl+C: a graceful stop.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
            return;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await term.WaitForExitAsync();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            Kill();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private ProcessStartInfo StartInfo(string arguments)
    {
        // exec: the shell becomes the server process, so killing this pid kills the server itself.
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{serverDll}\" {arguments} >> \"{LogFile}\" 2>&1"])
        {
            UseShellExecute = false,
        };
        info.Environment["AMANI_DATA_DIR"] = dataDirectory;
        info.Environment["AMANI_DATABASE"] = database ?? "";
        info.Environment["AMANI_DEMO"] = "false";
        info.Environment["AMANI_ANONYMOUS_RATE_LIMIT"] = RateLimit.ToString();
        info.Environment["AMANI_TRACKING_RATE_LIMIT"] = RateLimit.ToString();
        info.Environment["AMANI_BENCH_NOOP"] = "true";
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
