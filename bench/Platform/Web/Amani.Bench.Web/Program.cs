using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Amani.Bench.Web;

/// <summary>
/// The web application's benchmark (issue 6; see bench/README.md). Seeds (or, with <c>--reuse</c>, reuses) a SQLite data
/// directory with a million incidents and 10,000 open community reports, starts the server as a separate process, and
/// measures in headless Chromium: the dashboard's time to interactive (cold after the server start, then warm), ≥ 100
/// pans and zooms (each <c>/map/clusters</c> fetch: duration and size), and the triage queue's first page — each next
/// to its target and to a reference measured in the same run (the same page on the mission with no incidents and no
/// reports; a static file's fetch).
/// Usage: Amani.Bench.Web [--rows 1000000] [--reports 10000] [--reuse] [--loads 5] [--moves 120] [--triage-loads 10]
/// </summary>
public static class Program
{
    private static readonly string Root = BenchRoot.Find();
    private static readonly string ServerDll = Path.Combine(Root, "src/Amani/bin/Release/net10.0/Amani.dll");

    public static async Task<int> Main(string[] args)
    {
        var rows = Int(args, "--rows", 1_000_000);
        var reports = Int(args, "--reports", 10_000);
        var loads = Int(args, "--loads", 5);
        var moves = Int(args, "--moves", 120);
        var triageLoads = Int(args, "--triage-loads", 10);
        var seeded = await Seeding.PrepareAsync(Root, ServerDll, rows, reports, args.Contains("--reuse"));
        foreach (var line in seeded.Log)
            Console.WriteLine(line);

        await using var server = new AmaniProcess(ServerDll, seeded.Directory);
        // Ctrl+C or a kill: stop the server too (it is a separate process).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        Console.CancelKeyPress += (_, _) => server.StopAsync().GetAwaiter().GetResult();
        var startup = await server.StartAsync();
        Console.WriteLine($"server started on {server.Address} in {startup.TotalSeconds:F1} s; {Load()}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var cpuAtStart = server.CpuTime();
        var errors = new List<string>();
        var page = await SignedInPageAsync(browser, server, seeded.Password, errors);

        var table = new Table();
        // 1. The dashboard: cold (first load after the server started: the map's point index is loaded by it), then warm.
        var cold = await DashboardAsync(page, Seeding.Mission);
        Console.WriteLine($"dashboard, cold: {Json(cold)}; server RSS {server.ResidentMegabytes():F0} MB, " +
                          $"server CPU time from ready to this load's end {(server.CpuTime() - cpuAtStart).TotalSeconds:F1} s");
        foreach (var line in server.LogSinceStart().Where(l => l.Contains("Map index of mission", StringComparison.Ordinal)))
            Console.WriteLine("  server log: " + line.Trim());
        var emptyCold = await DashboardAsync(page, Seeding.EmptyMission);
        await DashboardAsync(page, Seeding.Mission);
        await DashboardAsync(page, Seeding.EmptyMission);
        // A new visitor once the index is loaded: a fresh browser profile (nothing cached), signed in, first dashboard.
        var freshPage = await SignedInPageAsync(browser, server, seeded.Password, errors);
        var fresh = await DashboardAsync(freshPage, Seeding.Mission);
        await freshPage.Context.CloseAsync();
        freshPage = await SignedInPageAsync(browser, server, seeded.Password, errors);
        var freshEmpty = await DashboardAsync(freshPage, Seeding.EmptyMission);
        await freshPage.Context.CloseAsync();
        Console.WriteLine($"dashboard, fresh browser profile, index loaded: {Seeding.Mission} {Json(fresh)}; {Seeding.EmptyMission} {Json(freshEmpty)}");
        var bench = new List<DashboardLoad>();
        var empty = new List<DashboardLoad>();
        for (var i = 0; i < loads; i++)
        {
            bench.Add(await DashboardAsync(page, Seeding.Mission));
            empty.Add(await DashboardAsync(page, Seeding.EmptyMission));
        }
        Console.WriteLine($"dashboard, warm ({loads} loads each, interleaved): {Seeding.Mission} {Json(bench)}");
        Console.WriteLine($"  {Seeding.EmptyMission} {Json(empty)}");
        table.Add("Dashboard: time to interactive, cold (first load after start)", cold.Interactive, "ms", 1500,
            emptyCold.Interactive, $"{Seeding.EmptyMission}, cold");
        table.Add("Dashboard: time to interactive, new browser profile, index loaded", fresh.Interactive, "ms", 1500,
            freshEmpty.Interactive, $"{Seeding.EmptyMission}, new profile");
        table.Add($"Dashboard: time to interactive, warm, median of {loads}", Median(bench.Select(b => b.Interactive)), "ms", 1500,
            Median(empty.Select(b => b.Interactive)), $"{Seeding.EmptyMission}, warm median");
        table.Add($"Dashboard: time to interactive, warm, max of {loads}", bench.Max(b => b.Interactive), "ms", 1500,
            empty.Max(b => b.Interactive), $"{Seeding.EmptyMission}, warm max");

        // 2. Pans and zooms.
        await DashboardAsync(page, Seeding.Mission);
        var centres = await EvaluateAsync<double[][]>(page, PageScripts.Centres, new { code = Seeding.Mission });
        var cpuBefore = server.CpuTime();
        var panZoom = await EvaluateAsync<Move[]>(page, PageScripts.PanAndZoom, new { moves, seed = 42, centres });
        var cpuPerMove = (server.CpuTime() - cpuBefore).TotalMilliseconds / panZoom.Length;
        await DashboardAsync(page, Seeding.EmptyMission);
        cpuBefore = server.CpuTime();
        var emptyPanZoom = await EvaluateAsync<Move[]>(page, PageScripts.PanAndZoom, new { moves = Math.Max(40, moves / 3), seed = 7, centres });
        var emptyCpuPerMove = (server.CpuTime() - cpuBefore).TotalMilliseconds / emptyPanZoom.Length;
        var statics = (await EvaluateAsync<double[]>(page, PageScripts.StaticFetches, new { count = 50 })).ToList();
        Console.WriteLine($"pan/zoom ({panZoom.Length} moves): per zoom, median ms and max KB:");
        foreach (var zoom in panZoom.GroupBy(m => m.Zoom).OrderBy(g => g.Key))
            Console.WriteLine($"  zoom {zoom.Key,2}: {zoom.Count(),3} moves, fetch {Median(zoom.Select(m => m.Duration)),6:F1} ms (server {Median(zoom.Select(m => m.Server)),5:F1}), " +
                              $"drawn {Median(zoom.Select(m => m.Drawn)),6:F1} ms, ≤ {zoom.Max(m => m.Transfer) / 1024.0,5:F1} KB, ≤ {zoom.Max(m => m.Total):N0} incidents in view");
        if (panZoom.Any(m => m.State != "ready"))
            errors.Add($"{panZoom.Count(m => m.State != "ready")} pan/zoom moves ended in an error state");
        var durations = panZoom.Select(m => m.Duration).ToList();
        var staticP95 = Percentile(statics, 95);
        table.Add($"Pan/zoom: /map/clusters fetch p50 ({panZoom.Length} moves, zoom 4–14)", Percentile(durations, 50), "ms", 100,
            Percentile(emptyPanZoom.Select(m => m.Duration).ToList(), 50), $"{Seeding.EmptyMission}, p50");
        table.Add("Pan/zoom: /map/clusters fetch p95", Percentile(durations, 95), "ms", 100,
            Percentile(emptyPanZoom.Select(m => m.Duration).ToList(), 95), $"{Seeding.EmptyMission}, p95");
        table.Add("Pan/zoom: /map/clusters fetch p95", Percentile(durations, 95), "ms", 100, staticP95, "static file fetch, p95");
        table.Add("Pan/zoom: /map/clusters fetch max", durations.Max(), "ms", null, emptyPanZoom.Max(m => m.Duration), $"{Seeding.EmptyMission}, max");
        table.Add("Pan/zoom: server time (request → first byte) p95", Percentile(panZoom.Select(m => m.Server).ToList(), 95), "ms", null,
            Percentile(emptyPanZoom.Select(m => m.Server).ToList(), 95), $"{Seeding.EmptyMission}, p95");
        table.Add("Pan/zoom: server CPU time per move (from /proc)", cpuPerMove, "ms", null, emptyCpuPerMove, $"{Seeding.EmptyMission}, per move");
        table.Add("Pan/zoom: move → clusters drawn p95", Percentile(panZoom.Select(m => m.Drawn).ToList(), 95), "ms", null,
            Percentile(emptyPanZoom.Select(m => m.Drawn).ToList(), 95), $"{Seeding.EmptyMission}, p95");
        table.Add("Pan/zoom: transferred per viewport p95", Percentile(panZoom.Select(m => m.Transfer / 1024.0).ToList(), 95), "KB", 100,
            Percentile(emptyPanZoom.Select(m => m.Transfer / 1024.0).ToList(), 95), $"{Seeding.EmptyMission}, p95");
        table.Add("Pan/zoom: transferred per viewport max", panZoom.Max(m => m.Transfer) / 1024.0, "KB", 100,
            emptyPanZoom.Max(m => m.Transfer) / 1024.0, $"{Seeding.EmptyMission}, max");

        // 3. The triage queue's first page.
        await TriageAsync(page, Seeding.Mission);
        await TriageAsync(page, Seeding.EmptyMission);
        var triage = new List<TriageLoad>();
        var triageEmpty = new List<TriageLoad>();
        for (var i = 0; i < triageLoads; i++)
        {
            triage.Add(await TriageAsync(page, Seeding.Mission));
            triageEmpty.Add(await TriageAsync(page, Seeding.EmptyMission));
        }
        Console.WriteLine($"triage ({triageLoads} loads each, interleaved): {Seeding.Mission} {Json(triage)}");
        Console.WriteLine($"  {Seeding.EmptyMission} {Json(triageEmpty)}");
        if (triage.Any(t => t.Rows == 0))
            errors.Add("the triage queue showed no rows");
        table.Add($"Triage: first page rendered, median of {triageLoads} ({triage[0].Rows} rows)", Median(triage.Select(t => t.Rendered)), "ms", 300,
            Median(triageEmpty.Select(t => t.Rendered)), $"{Seeding.EmptyMission} (no reports), median");
        table.Add($"Triage: first page rendered, max of {triageLoads}", triage.Max(t => t.Rendered), "ms", 300,
            triageEmpty.Max(t => t.Rendered), $"{Seeding.EmptyMission}, max");
        table.Add("Triage: server time of the HTML (request → first byte), median", Median(triage.Select(t => t.ServerHtml)), "ms", null,
            Median(triageEmpty.Select(t => t.ServerHtml)), $"{Seeding.EmptyMission}, median");

        Console.WriteLine();
        Console.WriteLine($"server RSS {server.ResidentMegabytes():F0} MB; {Load()}");
        table.Print();
        foreach (var error in errors)
            Console.WriteLine("ERROR: " + error);
        var pass = table.AllMet && errors.Count == 0;
        Console.WriteLine(pass ? "PASS: every target met." : "FAIL: a target was missed or the pages misbehaved (see above).");
        return pass ? 0 : 1;
    }

    /// <summary>A fresh browser profile (1280×800, no cache, no cookies) with the benchmark's page script, signed in as the administrator.</summary>
    private static async Task<IPage> SignedInPageAsync(IBrowser browser, AmaniProcess server, string password, List<string> errors)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString().TrimEnd('/'), Locale = "en-GB", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(120_000);
        await context.AddInitScriptAsync(PageScripts.Init);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        await SignInAsync(page, password);
        return page;
    }

    private static async Task SignInAsync(IPage page, string password)
    {
        await page.GotoAsync("/account/login?returnUrl=%2F");
        await page.Locator("#email").FillAsync(Seeding.Email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
    }

    public sealed record DashboardLoad(double Interactive, double Ready, double ServerHtml, double DomContentLoaded, double Areas, double Clusters,
        double LongestTask, int Total);

    private static async Task<DashboardLoad> DashboardAsync(IPage page, string mission)
    {
        await page.GotoAsync($"/missions/{mission}", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => window.__bench && window.__bench.interactive !== null", null,
            new PageWaitForFunctionOptions { PollingInterval = 20, Timeout = 120_000 });
        return await EvaluateAsync<DashboardLoad>(page, PageScripts.DashboardFigures);
    }

    public sealed record Move(int Zoom, double Duration, double Server, long Transfer, long Body, long Decoded, double Drawn, string State, int Total);

    public sealed record TriageLoad(double ServerHtml, double ResponseEnd, double DomContentLoaded, double? FirstContentfulPaint, int Rows, long Bytes)
    {
        /// <summary>The first page is on screen: parsed (DOMContentLoaded) and painted (first contentful paint).</summary>
        public double Rendered => Math.Max(DomContentLoaded, FirstContentfulPaint ?? double.PositiveInfinity);
    }

    private static async Task<TriageLoad> TriageAsync(IPage page, string mission)
    {
        await page.GotoAsync($"/missions/{mission}/triage", new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForFunctionAsync("() => performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')", null,
            new PageWaitForFunctionOptions { PollingInterval = 20 });
        return await EvaluateAsync<TriageLoad>(page, PageScripts.TriageFigures);
    }

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>Runs a script in the page and reads its JSON answer into a record (Playwright's own conversion needs setters).</summary>
    private static async Task<T> EvaluateAsync<T>(IPage page, string script, object? argument = null) =>
        JsonSerializer.Deserialize<T>((await page.EvaluateAsync<JsonElement>(script, argument)).GetRawText(), WebJson)!;

    private static string Load() => "load average " + File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => $"{a} {b}") +
                                     $" ({Environment.ProcessorCount} cores)";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { NumberHandling = default })
        .Replace("\"", "");

    private static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 50);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IReadOnlyList<double> values, int percent)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
