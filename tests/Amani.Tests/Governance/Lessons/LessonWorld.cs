using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Lessons;

/// <summary>
/// Mission ALPHA with two provinces, CF.AA (from <see cref="TestMission"/>) and CF.BB, and one signed-in user per role
/// over the mission (the planning officer among them), plus a field officer and an analyst scoped to CF.BB.
/// </summary>
public sealed class LessonWorld : IAsyncDisposable
{
    public const string Mission = TestMission.Code, Ombella = TestMission.Province, Ouham = "CF.BB";
    public static string Api => $"/api/v1/missions/{Mission}/lessons";

    public required TestApp App { get; init; }
    public required Dictionary<Role, TestUser> Users { get; init; }
    public required Dictionary<Role, HttpClient> Clients { get; init; }
    public required HttpClient FieldInOuham { get; init; }
    public required HttpClient AnalystInOuham { get; init; }

    public HttpClient Field => Clients[Role.FieldOfficer];
    public HttpClient Duty => Clients[Role.DutyOfficer];
    public HttpClient Analyst => Clients[Role.Analyst];
    public HttpClient Planner => Clients[Role.PlanningOfficer];
    public HttpClient Partner => Clients[Role.Partner];

    public static async Task<LessonWorld> StartAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var partner = await app.WithScopeAsync(async s =>
        {
            var square = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[19,4],[20,4],[20,5],[19,5],[19,4]]]}""").RootElement;
            await s.GetRequiredService<AreaRules>().AddAsync(mission, new CreateAreaRequest(Ouham, "Ouham", 1, "CF", square, null, null), CancellationToken.None);
            await s.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
            return (await s.GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>().CreateAsync(
                new Amani.Foundation.Organizations.CreateOrganizationRequest("Lesson partner", "LP", Amani.Foundation.Organizations.OrganizationKind.Ngo, null),
                CancellationToken.None)).Value!.Id;
        });
        var users = new Dictionary<Role, TestUser>();
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var role in AccessCatalog.Roles)
        {
            users[role] = await app.CreateUserAsync(role, role == Role.Administrator ? null : Mission, role.ForOrganization ? partner : null);
            clients[role] = await app.SignInAsync(users[role]);
        }
        return new LessonWorld
        {
            App = app, Users = users, Clients = clients,
            FieldInOuham = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, Mission, null, Ouham)),
            AnalystInOuham = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, Mission, null, Ouham)),
        };
    }

    public static object NewLesson(string title, string? area = null, bool attributed = true, string[]? themes = null, object[]? links = null,
        string observation = "Community focal points called the base after office hours and nobody answered.",
        string recommendation = "Route the alert numbers to the duty phone around the clock.") => new
    {
        kind = "lesson", title, observation, discussion = "The network had one phone.", recommendation, themes = themes ?? ["early warning"],
        areaPCode = area, attributed, links = links ?? [],
    };

    public async Task<JsonElement> CreateAsync(HttpClient client, object lesson)
    {
        var response = await client.PostAsJsonAsync(Api, lesson);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, int? version)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType()) };
        if (version is { } v)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        return await client.SendAsync(request);
    }

    /// <summary>Moves the lesson (reading its version first, as the author or manager); asserts it moved.</summary>
    public async Task<JsonElement> MoveAsync(HttpClient client, Guid id, string to, string? reason = null)
    {
        var current = await (await client.GetAsync($"{Api}/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        var response = await SendAsync(client, HttpMethod.Post, $"{Api}/{id}/transitions", new { to, reason }, current.GetProperty("version").GetInt32());
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Records, submits and validates a lesson.</summary>
    public async Task<Guid> ValidatedAsync(HttpClient author, object lesson)
    {
        var id = (await CreateAsync(author, lesson)).GetProperty("id").GetGuid();
        await MoveAsync(author, id, "submitted");
        await MoveAsync(Analyst, id, "validated");
        return id;
    }

    public async Task<string[]> TitlesAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"{Api}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();
    }

    public Task<int> CountAsync<T>() where T : class => App.WithDbAsync(db => db.Set<T>().CountAsync());

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
