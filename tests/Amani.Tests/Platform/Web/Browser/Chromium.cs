using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Amani.Tests.Platform.Web.Browser;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by <c>./test.sh</c>) driven by Playwright, one browser for
/// the whole test collection; each test opens its own context (a fresh profile: no cookies, no service workers).
/// Screenshots go to <c>test-results/screenshots/</c> at the repository's root, kept by CI as artifacts.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Args = Arguments, Headless = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>A fresh browser profile on <paramref name="app"/>, in <paramref name="locale"/>, failing the test on any page script error.</summary>
    /// <param name="javaScriptEnabled">False: the page as a browser without JavaScript sees it (plain forms only).</param>
    /// <param name="viewport">The window size; a desktop's 1280×800 unless given (e.g. a phone's 390×844).</param>
    public async Task<IPage> OpenAsync(Infrastructure.TestApp app, string locale = "en-GB", bool offline = false, bool javaScriptEnabled = true,
        ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            Locale = locale,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            JavaScriptEnabled = javaScriptEnabled,
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(15_000);
        if (offline)
            await context.SetOfflineAsync(true);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => PageErrors.Add(error);
        return page;
    }

    /// <summary>Uncaught script errors of every page opened so far (a test asserts this is empty).</summary>
    public List<string> PageErrors { get; } = [];

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Amani.slnx")))
                directory = directory.Parent;
            return directory?.FullName ?? throw new InvalidOperationException("The repository's root (Amani.slnx) was not found above the tests.");
        }
    }

    /// <summary>Saves a full-page screenshot as <c>test-results/screenshots/NAME.png</c>.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = System.IO.Path.Combine(RepositoryRoot, "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Runs axe-core (from npm, <c>src/Amani/node_modules</c>; never served by Amani) on the page and returns its
    /// serious and critical violations as "rule: help (targets)" lines.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SeriousAccessibilityViolationsAsync(IPage page)
    {
        var axe = System.IO.Path.Combine(RepositoryRoot, "src", "Amani", "node_modules", "axe-core", "axe.min.js");
        // Evaluated through the browser's debugging protocol, which the pages' Content Security Policy does not govern (a
        // <script> tag added to the page would be refused by it, as it should be).
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(" ")).join(", ")})`)
            """);
        return json.EnumerateArray().Select(v => v.GetString()!).ToList();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
