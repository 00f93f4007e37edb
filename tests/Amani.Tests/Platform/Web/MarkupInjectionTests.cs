using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;

namespace Amani.Tests.Platform.Web;

/// <summary>
/// Security finding 2: markup put into every name a user or a file can set — an area (by the API and by a boundary
/// file), the mission, an organisation, a user, an incident's place, description and actor, a community report, an alert
/// rule, a follow-up, an access token — is shown as text on every page that shows it, map tooltips and popups included:
/// no element is created from it, no script runs, and the Content Security Policy never has to step in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkupInjectionTests(Chromium chromium)
{
    /// <summary>Each payload sets <c>window.__injected</c> if it ever runs, and leaves a <c>data-injected</c> element if it is ever parsed as HTML.</summary>
    private static readonly string[] Payloads =
    [
        "<img src=x data-injected onerror=\"window.__injected=1\">",
        "\"><svg data-injected onload=\"window.__injected=1\"></svg>",
        "<script data-injected>window.__injected=1</script>",
        "'><iframe data-injected srcdoc=\"<script>parent.__injected=1</script>\"></iframe>",
    ];

    private static string Named(string what, int payload) => $"{what} {Payloads[payload % Payloads.Length]}";

    [Fact]
    public async Task Markup_in_every_name_a_user_or_a_file_sets_is_shown_as_text_and_never_runs()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var code = TestMission.Code;

        // Names set through the API.
        await Created(admin.PutAsJsonAsync($"/api/v1/missions/{code}", new { name = Named("Mission", 0), timeZone = "Africa/Bangui" }), HttpStatusCode.OK);
        await Created(admin.PostAsJsonAsync($"/api/v1/missions/{code}/areas", new
        {
            pCode = "CF.XA", name = Named("Area", 1), level = 1, parentPCode = "CF",
            geometry = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[19,4],[20,4],[20,5],[19,5],[19,4]]]}""").RootElement,
        }));
        // A boundary file: its features' names.
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            type = "FeatureCollection",
            features = new[]
            {
                new
                {
                    type = "Feature", properties = new Dictionary<string, string> { ["pcode"] = "CF.XB", ["name"] = Named("Boundary file", 2) },
                    geometry = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[20,4],[21,4],[21,5],[20,5],[20,4]]]}""").RootElement,
                },
            },
        })));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        await Created(admin.PostAsync($"/api/v1/missions/{code}/areas/import?level=1", new MultipartFormDataContent { { file, "file", "areas.geojson" } }),
            HttpStatusCode.OK);
        await Created(admin.PostAsJsonAsync("/api/v1/organizations", new { name = Named("Organisation", 3), kind = "ngo" }));
        await Created(admin.PostAsJsonAsync("/api/v1/users", new { email = "named@test.amani.local", displayName = Named("User", 0) }));
        var incident = await Created(admin.PostAsJsonAsync($"/api/v1/missions/{code}/incidents", new
        {
            source = "patrol", categoryCode = "battles.armed-clash", occurredAt = DateTimeOffset.UtcNow.AddHours(-3), latitude = 4.5, longitude = 18.5,
            placeName = Named("Place", 1), description = Named("Description", 2), confidentiality = "mission",
            actors = new[] { new { name = Named("Actor", 3), side = 1, type = "stateForces" } },
        }));
        await Created(app.CreateClient().PostAsJsonAsync("/api/v1/reports", new
        {
            description = Named("Community report", 0), missionCode = code, latitude = 4.5, longitude = 18.5,
        }));
        await Created(admin.PostAsJsonAsync($"/api/v1/missions/{code}/alert-rules", new
        {
            name = Named("Alert rule", 1), kind = "incidentCount", severity = "moderate", threshold = 1, windowDays = 7,
        }));
        await Created(admin.PostAsJsonAsync($"/api/v1/missions/{code}/follow-ups", FollowUps.MatrixFollowUps.New(Named("Follow-up", 2))));
        await Created(admin.PostAsJsonAsync("/api/v1/tokens", new { name = Named("Token", 3), scopes = new[] { "missions:read" } }));
        var incidentId = incident.GetProperty("id").GetGuid();

        // Every page that shows those names, as the administrator (who sees all of them) and as the anonymous public.
        var page = await chromium.OpenAsync(app);
        await Watch(page);
        var adminUser = await app.CreateUserAsync(Role.Administrator);
        await page.SignInAsync(adminUser, "/");
        var pages = new[]
        {
            $"/missions/{code}/incidents", $"/missions/{code}/incidents/{incidentId}", $"/missions/{code}/incidents/{incidentId}/edit",
            $"/missions/{code}/triage", $"/missions/{code}/alerts", $"/missions/{code}/follow-ups", "/follow-ups", "/admin/users",
            "/admin/organizations", "/admin/missions", $"/admin/missions/{code}", $"/admin/missions/{code}/areas", "/account/tokens", "/notifications", "/",
        };
        var failures = new List<string>();
        foreach (var path in pages)
            failures.AddRange(await VisitAsync(page, path));
        // The dashboard's map shows the names in tooltips, as text.
        failures.AddRange(await VisitAsync(page, $"/missions/{code}", expectTooltips: true));
        var anonymous = await chromium.OpenAsync(app);
        await Watch(anonymous);
        failures.AddRange(await VisitAsync(anonymous, "/report", expectTooltips: true));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(chromium.PageErrors);
    }

    /// <summary>Records Content Security Policy violations: a policy that had to block something means markup got through.</summary>
    private static Task Watch(IPage page) => page.Context.AddInitScriptAsync(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");

    /// <summary>Opens <paramref name="path"/>, hovers every shape of its map (its tooltip opens), and reports any sign that markup was parsed or ran.</summary>
    /// <param name="expectTooltips">The page's map must open tooltips and show an injected name in one, as text (else the check proved nothing there).</param>
    private static async Task<IReadOnlyList<string>> VisitAsync(IPage page, string path, bool expectTooltips = false)
    {
        var (openedTooltips, textTooltips, parsedInTooltips) = (0, 0, 0);
        var response = await page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (expectTooltips) // the map may be made after the page loaded (/report: once the mission's boundaries came)
            await page.Locator(".leaflet-container .leaflet-interactive").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        if (await page.Locator(".leaflet-container").CountAsync() > 0)
        {
            // Wait until the map drew its boundaries.
            await page.Locator(".leaflet-interactive").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            if (path.StartsWith("/report", StringComparison.Ordinal))
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle); // the picker redraws finer boundaries once it has zoomed to them
            // Hover every shape of the map in turn (a pointer event on each, as Leaflet receives one when a person points at
            // it) and read the tooltip it opens. The pointer's position on the screen plays no part, so neither does where the
            // map has moved or zoomed to. A map may still redraw its shapes at a finer detail: go again, finding the shapes
            // anew, until a tooltip opened (as Playwright's own assertions wait, here up to 60 s).
            var until = DateTime.UtcNow.AddSeconds(60);
            for (var sweep = 0; sweep == 0 || (expectTooltips && openedTooltips == 0 && DateTime.UtcNow < until); sweep++)
            {
                if (sweep > 0)
                    await page.WaitForTimeoutAsync(250);
                var seen = await page.EvaluateAsync<int[]>("""
                    (() => {
                      let [opened, text, parsed] = [0, 0, 0];
                      for (const shape of [...document.querySelectorAll('.leaflet-container .leaflet-interactive')].slice(0, 300)) {
                        shape.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, cancelable: true, view: window }));
                        const tips = [...document.querySelectorAll('.leaflet-tooltip')];
                        opened += tips.length;
                        text += tips.filter(t => /onerror=|onload=|<script/.test(t.textContent)).length;
                        parsed += tips.reduce((n, t) => n + t.querySelectorAll('[data-injected]').length, 0);
                        shape.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, cancelable: true, view: window }));
                      }
                      return [opened, text, parsed];
                    })()
                    """);
                (openedTooltips, textTooltips, parsedInTooltips) = (openedTooltips + seen[0], textTooltips + seen[1], parsedInTooltips + seen[2]);
            }
        }
        var state = await page.EvaluateAsync<JsonElement>("""
            ({
              ran: window.__injected === 1,
              parsed: document.querySelectorAll('[data-injected]').length,
              violations: window.__violations || [],
            })
            """);
        var failures = new List<string>();
        if (state.GetProperty("ran").GetBoolean())
            failures.Add($"{path}: an injected script ran");
        if (state.GetProperty("parsed").GetInt32() is > 0 and var parsed)
            failures.Add($"{path}: {parsed} element(s) were created from a name");
        if (parsedInTooltips > 0)
            failures.Add($"{path}: a map tooltip made elements of a name");
        if (expectTooltips && openedTooltips == 0)
            failures.Add($"{path}: no map tooltip opened, so the names in them went unchecked");
        else if (expectTooltips && textTooltips == 0)
            failures.Add($"{path}: no map tooltip showed an injected name as text");
        foreach (var violation in state.GetProperty("violations").EnumerateArray())
            failures.Add($"{path}: the Content Security Policy blocked {violation.GetString()}");
        return failures;
    }

    private static async Task<JsonElement> Created(Task<HttpResponseMessage> sending, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
