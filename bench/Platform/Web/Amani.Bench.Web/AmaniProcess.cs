using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Amani.Bench.Web;

/// <summary>
/// The Release build of Amani run as separate processes on one data directory: CLI commands (as <c>./amani</c> runs
/// them: workstation GC, no tiered PGO) and the server (<c>serve</c> on a free 127.0.0.1 port), with the anonymous rate
/// limit lifted so that the seeding can post its reports from one address. Output goes to <c>server.log</c>.
/// </summary>
public sealed class AmaniProcess(string serverDll, string dataDirectory) : IAsyncDisposable
{
    private Process? _server;
    public Uri Address { get; private set; } = new("http://127.0.0.1:0");
    public string LogFile => Path.Combine(dataDirectory, "server.log");

    /// <summary>Runs one CLI command to its end; throws on a non-zero exit code.</summary>
    public async Task<TimeSpan> RunAsync(params string[] arguments)
    {
        var clock = Stopwatch.StartNew();
        var info = StartInfo(arguments);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_TieredPGO"] = "0";
        using var cli = Process.Start(info)!;
        await cli.WaitForExitAsync();
        if (cli.ExitCode != 0)
            throw new InvalidOperationException($"'amani {string.Join(' ', arguments)}' failed with exit code {cli.ExitCode}; see {LogFile}.");
        return clock.Elapsed;
    }

    /// <summary>Starts the server and waits for <c>/health/ready</c>; returns the time that took.</summary>
    public async Task<TimeSpan> StartAsync()
    {
        var clock = Stopwatch.StartNew();
        Address = new Uri($"http://127.0.0.1:{FreePort()}");
        _server = Process.Start(StartInfo(["serve", "--urls", Address.ToString().TrimEnd('/')]))!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"The server exited with code {_server.ExitCode}; see {LogFile}.");
            try
            {
                if ((await probe.GetAsync(new Uri(Address, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"The server did not become ready within 120 s; see {LogFile}.");
    }

    /// <summary>The lines the server logged since its last start (its log file is kept across runs).</summary>
    public IReadOnlyList<string> LogSinceStart()
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var lines = new StreamReader(stream).ReadToEnd().Split('\n');
        var start = Array.FindLastIndex(lines, l => l.Contains("Amani is running at", StringComparison.Ordinal));
        return lines[Math.Max(0, start)..];
    }

    /// <summary>The server's resident memory (VmRSS from /proc), in MB.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{_server!.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    /// <summary>CPU time the server has used so far (user + system, from /proc): unlike wall time, hardly inflated by other processes.</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_server!.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: utime and stime are fields 14 and 15 (man 5 proc), in clock ticks of 10 ms.
        return TimeSpan.FromMilliseconds((long.Parse(fields[11]) + long.Parse(fields[12])) * 10);
    }

    public async Task StopAsync()
    {
        Process? server;
        lock (this)
            (server, _server) = (_server, null);
        if (server is null || server.HasExited)
            return;
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString()]))
            await term.WaitForExitAsync();
        if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
            server.Kill(entireProcessTree: true);
        server.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var quoted = string.Join(' ', arguments.Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        // exec: the shell becomes the Amani process, so stopping this pid stops Amani itself.
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{serverDll}' {quoted} >> '{LogFile}' 2>&1"]) { UseShellExecute = false };
        info.Environment["AMANI_DATA_DIR"] = dataDirectory;
        info.Environment["AMANI_DATABASE"] = "";
        info.Environment["AMANI_DEMO"] = "false";
        info.Environment["AMANI_ANONYMOUS_RATE_LIMIT"] = "1000000000";
        info.Environment["AMANI_TRACKING_RATE_LIMIT"] = "1000000000";
        return info;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
