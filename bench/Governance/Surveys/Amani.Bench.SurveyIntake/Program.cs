using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

// OpenRosa intake benchmark (issue 14): N submissions arriving at once from C phones (closed loop, one keep-alive
// connection each) against the real server, on SQLite and PostgreSQL; and the kill -9 crash check. Run through
// bench/surveys-intake.sh, which builds and provides PostgreSQL.
var command = args.FirstOrDefault() is { } first && !first.StartsWith("--") ? first : "intake";
string Value(string name, string fallback) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
var count = int.Parse(Value("--count", "1000"), CultureInfo.InvariantCulture);
var clients = int.Parse(Value("--clients", "50"), CultureInfo.InvariantCulture);
var warmupSeconds = int.Parse(Value("--warmup", "6"), CultureInfo.InvariantCulture);
var only = Value("--only", "");
var serverDll = Value("--server", Path.Combine(BenchRoot.Find(), "src/Amani/bin/Release/net10.0/Amani.dll"));
var postgres = Environment.GetEnvironmentVariable("AMANI_BENCH_POSTGRES");

var databases = new List<(string Name, string? Database)>();
if (only is "" or "sqlite")
    databases.Add(("SQLite", null));
if (only is "" or "postgres")
{
    if (string.IsNullOrEmpty(postgres))
        Console.WriteLine("PostgreSQL skipped: set AMANI_BENCH_POSTGRES (bench/surveys-intake.sh creates a throw-away database).");
    else
        databases.Add(("PostgreSQL", $"{postgres};Search Path=bench_surveys_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}"));
}
Console.WriteLine($"OpenRosa intake: {command}, {count} submissions from {clients} concurrent phones, without attachments ({Environment.ProcessorCount} cores).");
var failed = false;
foreach (var (name, database) in databases)
{
    await using var server = await BenchServer.StartAsync(serverDll, name, database);
    failed |= command == "crash" ? !await Crash(server, name) : !await Intake(server, name);
}
Console.WriteLine(failed ? "FAILED" : "PASSED");
return failed ? 1 : 0;

async Task<bool> Intake(BenchServer server, string name)
{
    // Cold: the first submissions after start (200, then the measured count), while the runtime still compiles the hot
    // path to its optimised tier. Warm: the same count after posting for --warmup seconds, as a server that has been up
    // a while answers them (the report intake benchmark warms up the same way). The targets apply to the warm run; the
    // cold one is printed beside it.
    await Phones.SendAsync(server.SubmissionUrl, "first", 200, clients, null);
    var cold = await Phones.SendAsync(server.SubmissionUrl, "cold", count, clients, null);
    var warmup = Stopwatch.StartNew();
    var warmed = 0;
    while (warmup.Elapsed.TotalSeconds < warmupSeconds)
        warmed += (await Phones.SendAsync(server.SubmissionUrl, "warm", 500, clients, null)).Created;
    var reference = await Phones.SendAsync(server.SubmissionUrl.Replace("/submission", "/bench/read"), "reference", count, clients, null);
    var result = await Phones.SendAsync(server.SubmissionUrl, "run", count, clients, null);
    var stored = await server.CountAsync();
    var expected = 200 + cold.Created + warmed + count;
    var ok = result.Created == count && cold.Created == count && reference.Created == count && stored == expected && result.PerSecond >= 200 && result.P99 <= 100;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} cold (the first {count} after the first 200): {cold.PerSecond:F0}/s; p50 {cold.P50:F1} ms, p99 {cold.P99:F1} ms, max {cold.Max:F1} ms"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} warm (after {warmupSeconds} s of posts): {count} submissions in {result.Elapsed.TotalMilliseconds:F0} ms = {result.PerSecond:F0}/s; " +
        $"p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, max {result.Max:F1} ms; 201: {result.Created}, other: {result.Other}; " +
        $"rows stored: {stored} of {expected} sent — targets ≥ 200/s, p99 ≤ 100 ms: {(ok ? "met" : "MISSED")}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name} reference (the same posts read and checked, not stored): {reference.PerSecond:F0}/s; p50 {reference.P50:F1} ms, p99 {reference.P99:F1} ms — " +
        $"storing keeps {result.PerSecond / reference.PerSecond:P0} of the reference's rate; p99 {result.P99 / reference.P99:F2} × the reference's"));
    return ok;
}

async Task<bool> Crash(BenchServer server, string name)
{
    var acknowledged = new ConcurrentDictionary<string, byte>();
    var unanswered = new ConcurrentDictionary<string, byte>();
    var total = Math.Max(count, 2000);
    var sending = Phones.SendAsync(server.SubmissionUrl, "crash", total, clients, (id, status) =>
    {
        if (status == HttpStatusCode.Created)
            acknowledged[id] = 0;
        else if (status is null)
            unanswered[id] = 0;
    });
    while (acknowledged.Count < total / 4 && !sending.IsCompleted)
        await Task.Delay(5);
    server.Kill();
    var atKill = acknowledged.Count;
    await sending;
    await server.RestartAsync();
    var rows = await server.InstanceCountsAsync();
    var missing = acknowledged.Keys.Count(id => !rows.ContainsKey(id));
    var twice = rows.Count(r => r.Value > 1);
    // Send again what got no answer, as ODK Collect would: a stored one answers 202, the others 201; nothing twice.
    var retried = await Phones.ResendAsync(server.SubmissionUrl, unanswered.Keys.ToList(), clients);
    var after = await server.InstanceCountsAsync();
    var ok = missing == 0 && twice == 0 && after.All(r => r.Value == 1) && retried.Other == 0
             && after.Count == acknowledged.Count + unanswered.Keys.Count(id => !acknowledged.ContainsKey(id));
    Console.WriteLine($"{name}: killed (SIGKILL) with {atKill} of {total} acknowledged; in the end {acknowledged.Count} acknowledged with 201, " +
                      $"{unanswered.Count} without answer. After restart: {rows.Count} stored, acknowledged but missing: {missing}, stored twice: {twice}. " +
                      $"Resent the unanswered: {retried.Created} × 201, {retried.Duplicate} × 202 (stored before the kill, answer lost), " +
                      $"{retried.Other} other; rows now {after.Count}, none twice: {after.All(r => r.Value == 1)} — {(ok ? "PASS" : "FAIL")}");
    return ok;
}

/// <summary>Phones posting submissions as ODK Collect does (multipart, xml_submission_file), closed loop, one connection each.</summary>
static class Phones
{
    public sealed record Result(TimeSpan Elapsed, int Created, int Duplicate, int Other, double[] Milliseconds)
    {
        public double PerSecond => Created / Elapsed.TotalSeconds;
        public double P50 => Percentile(0.50);
        public double P99 => Percentile(0.99);
        public double Max => Milliseconds.Length == 0 ? double.NaN : Milliseconds[^1];
        private double Percentile(double p) => Milliseconds.Length == 0 ? double.NaN : Milliseconds[Math.Min(Milliseconds.Length - 1, (int)Math.Ceiling(p * Milliseconds.Length) - 1)];
    }

    public static Task<Result> SendAsync(string url, string run, int count, int clients, Action<string, HttpStatusCode?>? onAnswer) =>
        PostAllAsync(url, Enumerable.Range(0, count).Select(i => $"uuid:{run}-{Guid.NewGuid()}").ToList(), clients, onAnswer);

    public static Task<Result> ResendAsync(string url, IReadOnlyList<string> ids, int clients) => PostAllAsync(url, ids, clients, null);

    private static async Task<Result> PostAllAsync(string url, IReadOnlyList<string> ids, int clients, Action<string, HttpStatusCode?>? onAnswer)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false, UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var next = -1;
        int created = 0, duplicate = 0, other = 0;
        var times = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ids.Count)
            {
                var body = new MultipartFormDataContent
                {
                    { new ByteArrayContent(Encoding.UTF8.GetBytes(Instance(ids[i]))), "xml_submission_file", "instance.xml" },
                };
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(url, body);
                    await response.Content.ReadAsByteArrayAsync();
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    _ = response.StatusCode switch
                    {
                        HttpStatusCode.Created => Interlocked.Increment(ref created),
                        HttpStatusCode.Accepted => Interlocked.Increment(ref duplicate),
                        _ => Interlocked.Increment(ref other),
                    };
                    onAnswer?.Invoke(ids[i], response.StatusCode);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref other);
                    onAnswer?.Invoke(ids[i], null);
                    await Task.Delay(20);
                }
            }
        })));
        clock.Stop();
        var sorted = times.ToArray();
        Array.Sort(sorted);
        return new Result(clock.Elapsed, created, duplicate, other, sorted);
    }

    private static string Instance(string id) =>
        $"""<?xml version="1.0"?><data id="perception_bench" version="1"><safe_at_night>yes</safe_at_night><trust_police>3</trust_police><household_size>5</household_size><meta><instanceID>{id}</instanceID></meta></data>""";
}

/// <summary>The real server as a separate process (<c>dotnet Amani.dll serve</c>), its mission, form and app user made through the CLI.</summary>
sealed class BenchServer : IAsyncDisposable
{
    private Process? _process;
    private readonly string _dll, _dataDirectory;
    private readonly string? _database;
    private readonly Uri _address;
    public string SubmissionUrl { get; private set; } = "";

    private BenchServer(string dll, string dataDirectory, string? database, Uri address) =>
        (_dll, _dataDirectory, _database, _address) = (dll, dataDirectory, database, address);

    public static async Task<BenchServer> StartAsync(string dll, string name, string? database)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"amani-bench-surveys-{name.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new BenchServer(dll, directory, database, new Uri($"http://127.0.0.1:{port}"));
        await server.RunAsync("missions create --code BENCH --name \"Benchmark mission\" --country CAF");
        var form = Path.Combine(directory, "perception.xml");
        await File.WriteAllTextAsync(form, """
            <?xml version="1.0"?>
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa">
              <h:head><h:title>Perception benchmark</h:title><model>
                <instance><data id="perception_bench" version="1"><safe_at_night/><trust_police/><household_size/><meta><instanceID/></meta></data></instance>
                <bind nodeset="/data/safe_at_night" type="string"/><bind nodeset="/data/trust_police" type="int"/><bind nodeset="/data/household_size" type="int"/>
                <bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
              </model></h:head>
              <h:body><input ref="/data/safe_at_night"><label>Safe at night?</label></input><input ref="/data/trust_police"><label>Trust</label></input>
                <input ref="/data/household_size"><label>Size</label></input></h:body>
            </h:html>
            """);
        await server.RunAsync($"surveys import-form \"{form}\" --mission BENCH");
        var output = await server.RunAsync("surveys app-user create --mission BENCH --name bench", capture: true);
        server.SubmissionUrl = output.Trim().Split('\n')[^1].Trim() + "/submission";
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        _process = Process.Start(Info($"serve --urls {_address.ToString().TrimEnd('/')}", capture: false))!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var until = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < until; await Task.Delay(100))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see {_dataDirectory}/server.log.");
            try
            {
                if ((await probe.GetAsync(new Uri(_address, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
        }
        throw new TimeoutException("The server did not become ready within 90 s.");
    }

    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    public async Task<int> CountAsync() => (await InstanceCountsAsync()).Values.Sum();

    public async Task<Dictionary<string, int>> InstanceCountsAsync()
    {
        await using var db = new AmaniDbContext(DatabaseTarget.Resolve(_database, _dataDirectory).CreateOptions());
        return await db.Set<Submission>().AsNoTracking().GroupBy(s => s.InstanceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    private async Task<string> RunAsync(string arguments, bool capture = false)
    {
        using var cli = Process.Start(Info(arguments, capture))!;
        var output = capture ? await cli.StandardOutput.ReadToEndAsync() : "";
        await cli.WaitForExitAsync();
        if (cli.ExitCode != 0)
            throw new InvalidOperationException($"'amani {arguments}' failed with exit code {cli.ExitCode}; see {_dataDirectory}/server.log.");
        return output;
    }

    private ProcessStartInfo Info(string arguments, bool capture)
    {
        var log = Path.Combine(_dataDirectory, "server.log");
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{_dll}\" {arguments}" + (capture ? $" 2>> \"{log}\"" : $" >> \"{log}\" 2>&1")])
        {
            UseShellExecute = false, RedirectStandardOutput = capture,
        };
        info.Environment["AMANI_DATA_DIR"] = _dataDirectory;
        info.Environment["AMANI_DATABASE"] = _database ?? "";
        info.Environment["AMANI_DEMO"] = "false";
        info.Environment["AMANI_BENCH_NOOP"] = "true"; // maps the reference: the same post read and checked, not stored
        info.Environment["AMANI_URLS"] = _address.ToString().TrimEnd('/');
        return info;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
                Kill();
        }
        _process?.Dispose();
    }
}
