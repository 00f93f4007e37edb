using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amani.Bench.ReportPage;
using Microsoft.Playwright;

// The public report page's transfer on a phone (security finding 8 of issue 12): see bench/README.md.
// First visit in a fresh Chromium profile, a revisit in the same profile, and the reference — the same first visit as
// the old server answered it (no compression, full boundaries), made by the counting proxy in reference mode.
const double TargetKb = 150;
var root = BenchRoot.Find();
var dataDirectory = Path.Combine(root, "bench", ".data", "report-page");
if (Directory.Exists(dataDirectory))
    Directory.Delete(dataDirectory, recursive: true);
Directory.CreateDirectory(dataDirectory);
var log = Path.Combine(dataDirectory, "server.log");

var port = FreePort();
var serverUri = new Uri($"http://127.0.0.1:{port}");
var info = new ProcessStartInfo("/bin/sh",
    ["-c", $"exec dotnet '{Path.Combine(root, "src", "Amani", "bin", "Release", "net10.0", "Amani.dll")}' serve --urls {serverUri.ToString().TrimEnd('/')} >> '{log}' 2>&1"])
{
    UseShellExecute = false,
};
info.Environment["AMANI_DATA_DIR"] = dataDirectory;
info.Environment["AMANI_DATABASE"] = "";
info.Environment["AMANI_DEMO"] = "true"; // the demo mission MINUSCA: 90 areas with their boundaries, 1,848 events
info.Environment["AMANI_ANONYMOUS_RATE_LIMIT"] = "1000000000";
var clock = Stopwatch.StartNew();
using var server = Process.Start(info)!;
try
{
    await WaitReadyAsync(server, serverUri);
    Console.WriteLine($"server with the demo data ready in {clock.Elapsed.TotalSeconds:0} s (SQLite, {dataDirectory})");

    await using var current = new CountingProxy(serverUri, reference: false);
    await using var reference = new CountingProxy(serverUri, reference: true);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    var phone = await browser.NewContextAsync(Phone(current));
    var first = await VisitAsync(phone, current);
    var repeat = await VisitAsync(phone, current);
    var old = await VisitAsync(await browser.NewContextAsync(Phone(reference)), reference);

    Print("first visit (fresh profile)", first);
    Print("revisit (same profile)", repeat);
    Print("reference: the first visit as the old server answered it (no compression, full boundaries)", old);

    var (firstKb, repeatKb, oldKb) = (Kb(first), Kb(repeat), Kb(old));
    Console.WriteLine();
    Console.WriteLine("| figure | KB transferred | target | ÷ target | reference | ÷ reference |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    Console.WriteLine($"| first visit | {firstKb:0.0} | ≤ {TargetKb:0} | {firstKb / TargetKb:0.00} | {oldKb:0.0} | {firstKb / oldKb:0.000} |");
    Console.WriteLine($"| revisit | {repeatKb:0.0} | nearly all from cache | — | {oldKb:0.0} | {repeatKb / oldKb:0.000} |");
    Console.WriteLine($"| revisit: requests to the network / of the first visit | {repeat.Count} / {first.Count} | | | | |");
    var boundaries = first.Where(e => e.Target.Contains("handler=boundaries", StringComparison.Ordinal)).Sum(e => e.ResponseBytes) / 1024.0;
    var oldBoundaries = old.Where(e => e.Target.Contains("handler=boundaries", StringComparison.Ordinal)).Sum(e => e.ResponseBytes) / 1024.0;
    Console.WriteLine($"| first visit: boundaries | {boundaries:0.0} | | | {oldBoundaries:0.0} | {boundaries / oldBoundaries:0.000} |");
    if (old.Any(e => e.Encoding is not null))
        Console.WriteLine("warning: the reference got compressed answers; its figure is too low");
    return firstKb <= TargetKb ? 0 : 1;
}
finally
{
    if (!server.HasExited)
    {
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
            server.Kill(entireProcessTree: true);
    }
}

static BrowserNewContextOptions Phone(CountingProxy proxy) => new()
{
    BaseURL = proxy.Address.ToString().TrimEnd('/'),
    ViewportSize = new ViewportSize { Width = 390, Height = 844 },
    DeviceScaleFactor = 3,
    IsMobile = true,
    HasTouch = true,
    UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
    Locale = "fr-FR",
    ServiceWorkers = ServiceWorkerPolicy.Allow,
};

// A visit: open /report in a new tab, wait until the map has drawn its boundaries and the page made itself ready for
// offline use, then until nothing crossed the proxy for 2 s (the service worker keeps the page's files after that).
static async Task<List<CountingProxy.Exchange>> VisitAsync(IBrowserContext context, CountingProxy proxy)
{
    var page = await context.NewPageAsync();
    page.SetDefaultTimeout(60_000);
    await page.GotoAsync("/report");
    await page.Locator("#report-map[data-boundaries] path.leaflet-interactive").First.WaitForAsync();
    await page.Locator("html[data-offline-ready]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    await proxy.QuietAsync(TimeSpan.FromSeconds(2));
    await page.CloseAsync();
    return proxy.Take();
}

static double Kb(List<CountingProxy.Exchange> exchanges) => exchanges.Sum(e => e.ResponseBytes) / 1024.0;

static void Print(string title, List<CountingProxy.Exchange> exchanges)
{
    Console.WriteLine();
    Console.WriteLine($"{title}: {Kb(exchanges):0.0} KB in {exchanges.Count} answers (status line, headers and body as sent)");
    foreach (var exchange in exchanges)
    {
        var target = exchange.Target.Length > 90 ? exchange.Target[..90] + "…" : exchange.Target;
        Console.WriteLine($"  {exchange.ResponseBytes / 1024.0,8:0.0} KB  {exchange.Status ?? "-",3}  {exchange.Encoding ?? "",-4}  {target}");
    }
}

static async Task WaitReadyAsync(Process server, Uri address)
{
    using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromMinutes(5))
    {
        if (server.HasExited)
            throw new InvalidOperationException($"The server exited with code {server.ExitCode}; see its log.");
        try
        {
            if ((await probe.GetAsync(new Uri(address, "/health/ready"))).StatusCode == HttpStatusCode.OK)
                return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Seeding the demo, or not listening yet.
        }
        await Task.Delay(200);
    }
    throw new TimeoutException("The server did not become ready within 5 minutes.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
