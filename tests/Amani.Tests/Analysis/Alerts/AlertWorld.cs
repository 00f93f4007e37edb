using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Platform.Hosting;
using Amani.Foundation.Organizations;
using Amani.Tests.Infrastructure;
using Amani.Foundation.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>
/// Mission ALPHA with a small area tree — the country CF; the provinces CF.AA (Ombella-M'Poko, 18–19°E 4–5°N) and CF.BB
/// (Ouham, 19–20°E 4–5°N); the district CF.AA.01 (Bimbo, 18–18.5°E 4–4.5°N) and below it CF.AA.01.01 (Bimbo-Centre,
/// 18–18.25°E 4–4.25°N) — and one user per role. The scheduled and nudged evaluations are held off (an hour) unless a
/// test asks for them, so that each test runs the alert engine itself, on the test clock.
/// </summary>
public sealed class AlertWorld : IAsyncDisposable
{
    public const string Mission = TestMission.Code;
    public const string Ombella = "CF.AA", Ouham = "CF.BB", Bimbo = "CF.AA.01", BimboCentre = "CF.AA.01.01";
    /// <summary>Points (longitude, latitude) inside the areas: the deepest area containing each is the one named.</summary>
    public static readonly (double Lon, double Lat) InBimboCentre = (18.1, 4.1), InBimbo = (18.4, 4.4), InOmbella = (18.8, 4.8), InOuham = (19.5, 4.5);

    public required TestApp App { get; init; }
    public required Guid MissionId { get; init; }
    public required IReadOnlyDictionary<Role, TestUser> Users { get; init; }
    public required Dictionary<Role, HttpClient> Clients { get; init; }

    public HttpClient Analyst => Clients[Role.Analyst];
    public HttpClient Duty => Clients[Role.DutyOfficer];
    public HttpClient Field => Clients[Role.FieldOfficer];
    public HttpClient Admin => Clients[Role.Administrator];
    public HttpClient Partner => Clients[Role.Partner];

    /// <param name="host">Changes the host's settings (the public base URL, for instance).</param>
    /// <param name="capSenderDomain">AMANI_CAP_SENDER_DOMAIN; null: the public address's host.</param>
    public static async Task<AlertWorld> StartAsync(DatabaseProvider provider, TimeSpan? nudgeDelay = null, Action<IServiceCollection>? services = null,
        TestDatabase? database = null, Func<AmaniSettings, AmaniSettings>? host = null, string? capSenderDomain = "alerts.test")
    {
        var settings = new AlertSettings { EvaluationInterval = TimeSpan.FromHours(1), NudgeDelay = nudgeDelay ?? TimeSpan.FromHours(1), CapSenderDomain = capSenderDomain };
        Action<IServiceCollection> configure = s =>
        {
            s.AddSingleton(settings);
            services?.Invoke(s);
        };
        var app = database is null ? await TestApp.StartAsync(provider, host, services: configure) : await TestApp.StartAsync(database, host, services: configure);
        var missionId = (await TestMission.CreateAsync(app)).Id;
        var partnerOrganization = await app.WithScopeAsync(async s =>
        {
            var areas = s.GetRequiredService<AreaRules>();
            var mission = await s.GetRequiredService<AmaniDbContext>().Missions.SingleAsync();
            await areas.AddAsync(mission, new CreateAreaRequest(Ouham, "Ouham", 1, "CF", Square(19, 4, 1), null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(Bimbo, "Bimbo", 2, Ombella, Square(18, 4, 0.5), null, null), CancellationToken.None);
            await areas.AddAsync(mission, new CreateAreaRequest(BimboCentre, "Bimbo-Centre", 3, Bimbo, Square(18, 4, 0.25), null, null), CancellationToken.None);
            await s.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
            return (await s.GetRequiredService<OrganizationRules>().CreateAsync(new CreateOrganizationRequest("Alert partner", "AP", OrganizationKind.Ngo, null),
                CancellationToken.None)).Value!.Id;
        });
        var users = new Dictionary<Role, TestUser>();
        foreach (var role in AccessCatalog.Roles)
            users[role] = await app.CreateUserAsync(role, role == Role.Administrator ? null : Mission, role.ForOrganization ? partnerOrganization : null);
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var (role, user) in users)
            clients[role] = await app.SignInAsync(user);
        return new AlertWorld { App = app, MissionId = missionId, Users = users, Clients = clients };
    }

    /// <summary>
    /// Moves the test clock on, and signs every role in again: a session lasts 8 hours on the (test) clock.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        App.Clock.Advance(by);
        foreach (var (role, user) in Users)
            Clients[role] = await App.SignInAsync(user);
    }

    /// <summary>A user holding <paramref name="role"/> only for the area <paramref name="pCode"/> of the mission, signed in.</summary>
    public async Task<(TestUser User, HttpClient Client)> AreaUserAsync(Role role, string pCode)
    {
        var user = await App.CreateUserAsync(null);
        await App.WithScopeAsync(async s =>
        {
            var administration = s.GetRequiredService<UserAdministration>();
            var account = await s.GetRequiredService<AmaniDbContext>().Users.SingleAsync(u => u.Id == user.Id);
            var granted = await administration.GrantAsync(account, new GrantRoleRequest(role, Mission, pCode, null), CancellationToken.None);
            Assert.True(granted.Succeeded, granted.Error);
            return 0;
        });
        return (user, await App.SignInAsync(user));
    }

    public static JsonElement Square(double west, double south, double size) => JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture,
        $$"""{"type":"Polygon","coordinates":[[[{{west}},{{south}}],[{{west + size}},{{south}}],[{{west + size}},{{south + size}}],[{{west}},{{south + size}}],[{{west}},{{south}}]]]}""")).RootElement;

    /// <summary>Records an incident through the API (as the field officer unless another client is given); returns its id.</summary>
    public async Task<Guid> IncidentAsync((double Lon, double Lat) at, double daysAgo, int? deaths = null, string category = "battles.armed-clash",
        string confidentiality = "mission", HttpClient? client = null, string description = "Armed men fired on the market")
    {
        var response = await (client ?? Field).PostAsJsonAsync($"/api/v1/missions/{Mission}/incidents", new
        {
            source = "patrol", categoryCode = category, occurredAt = App.Clock.GetUtcNow().AddDays(-daysAgo), latitude = at.Lat, longitude = at.Lon,
            description, confidentiality, fatalitiesBest = deaths, placeName = "Marché central",
            restrictedToRoles = confidentiality == "restricted" ? new[] { "dutyOfficer" } : null,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task IncidentsAsync(int count, (double Lon, double Lat) at, double daysAgo, int? deaths = null, string category = "battles.armed-clash",
        string confidentiality = "mission")
    {
        for (var i = 0; i < count; i++)
            await IncidentAsync(at, daysAgo + i * 0.01, deaths, category, confidentiality);
    }

    /// <summary>Submits a community report from inside an area, anonymously; its reception time is the test clock's.</summary>
    public async Task ReportAsync((double Lon, double Lat) at)
    {
        var response = await App.CreateClient().PostAsJsonAsync("/api/v1/reports",
            new { description = "Armed men seen near the school", latitude = at.Lat, longitude = at.Lon, missionCode = Mission });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Creates a rule as the analyst and returns its id.</summary>
    public async Task<Guid> RuleAsync(object rule, HttpClient? client = null)
    {
        var response = await (client ?? Analyst).PostAsJsonAsync($"/api/v1/missions/{Mission}/alert-rules", rule);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>One pass of the alert engine, as the scheduler runs it: evaluate every rule, then escalate overdue alerts.</summary>
    public Task RunAsync() => App.Services.GetRequiredService<AlertEngine>().RunAsync(null, CancellationToken.None);

    public Task<List<Alert>> AlertsAsync() => App.WithDbAsync(db => db.Set<Alert>().AsNoTracking().OrderBy(a => a.RaisedAt).ThenBy(a => a.Id).ToListAsync());

    public async Task<Alert> SingleAlertAsync() => Assert.Single(await AlertsAsync());

    public async Task<(JsonElement Body, string ETag)> GetAlertAsync(Guid id, HttpClient? client = null)
    {
        var response = await (client ?? Duty).GetAsync($"/api/v1/alerts/{id}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    public async Task<HttpResponseMessage> MoveAsync(Guid id, object body, HttpClient? client = null, string? etag = null)
    {
        client ??= Duty;
        etag ??= (await GetAlertAsync(id, client)).ETag;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{id}/transitions") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    public Task<List<(int Code, string EntityId, string Summary)>> AuditAsync() => App.WithDbAsync(async db =>
        (await db.AuditEntries.AsNoTracking().Where(a => a.ActionCode >= 2500 && a.ActionCode < 2600).OrderBy(a => a.Sequence)
            .Select(a => new { a.ActionCode, a.EntityId, a.Summary }).ToListAsync()).Select(a => (a.ActionCode, a.EntityId ?? "", a.Summary)).ToList());

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
