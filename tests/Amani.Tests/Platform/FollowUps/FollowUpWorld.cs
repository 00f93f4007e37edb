using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Users;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.FollowUps;

/// <summary>
/// A mission ALPHA (country CF, province CF.AA) with one user per role, a duty officer scoped to CF.AA, a field officer of
/// another mission (BRAVO), and signed-in clients; helpers to create, read and change follow-ups and to run the engine.
/// </summary>
public sealed class FollowUpWorld : IAsyncDisposable
{
    public required TestApp App { get; init; }
    public required IReadOnlyDictionary<Role, TestUser> Users { get; init; }
    public required Dictionary<Role, HttpClient> Clients { get; init; }
    public required TestUser ScopedDuty { get; init; }
    public required HttpClient Scoped { get; set; }
    public required TestUser Outsider { get; init; }

    public HttpClient Admin => Clients[Role.Administrator];
    public HttpClient Analyst => Clients[Role.Analyst];
    public HttpClient Duty => Clients[Role.DutyOfficer];
    public HttpClient Field => Clients[Role.FieldOfficer];
    public HttpClient Partner => Clients[Role.Partner];

    public static async Task<FollowUpWorld> StartAsync(DatabaseProvider provider, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null)
    {
        var app = await TestApp.StartAsync(provider, services: services);
        await TestMission.CreateAsync(app);
        var partner = await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<Amani.Foundation.Missions.MissionRules>().CreateAsync(
                new Amani.Foundation.Missions.CreateMissionRequest("BRAVO", "Bravo mission", "COD", null), CancellationToken.None);
            return (await s.GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>().CreateAsync(
                new Amani.Foundation.Organizations.CreateOrganizationRequest("Water partner", "WP", Amani.Foundation.Organizations.OrganizationKind.Ngo, null),
                CancellationToken.None)).Value!;
        });
        var users = new Dictionary<Role, TestUser>();
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var role in AccessCatalog.Roles)
        {
            users[role] = await app.CreateUserAsync(role, role == Role.Administrator ? null : TestMission.Code, role.ForOrganization ? partner.Id : null);
            clients[role] = await app.SignInAsync(users[role]);
        }
        var scoped = await app.CreateUserAsync(null);
        await app.WithScopeAsync(async s =>
        {
            var administration = s.GetRequiredService<UserAdministration>();
            var user = (await s.GetRequiredService<AmaniDbContext>().Users.SingleAsync(u => u.Id == scoped.Id));
            var granted = await administration.GrantAsync(user, new GrantRoleRequest(Role.DutyOfficer, TestMission.Code, TestMission.Province, null), CancellationToken.None);
            Assert.True(granted.Succeeded, granted.Error);
            return 0;
        });
        var outsider = await app.CreateUserAsync(Role.FieldOfficer, "BRAVO");
        return new FollowUpWorld
        {
            App = app, Users = users, Clients = clients, ScopedDuty = scoped, Scoped = await app.SignInAsync(scoped), Outsider = outsider,
        };
    }

    public static object Body(string title = "Repair the Bossembélé bridge", object? owner = null, DateTimeOffset? dueAt = null, int? remind = null,
        string? area = null, string? module = null) =>
        new { title, owner = owner ?? new { kind = "role", role = "dutyOfficer" }, dueAt, remindBeforeHours = remind, areaPCode = area, module };

    public DateTimeOffset Now => App.Clock.GetUtcNow();

    /// <summary>Moves the clock on and signs everyone in again (sessions end when idle).</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        App.Clock.Advance(by);
        foreach (var (role, user) in Users)
            Clients[role] = await App.SignInAsync(user);
        Scoped = await App.SignInAsync(ScopedDuty);
    }

    public async Task<(JsonElement FollowUp, string ETag)> CreateAsync(object body, HttpClient? client = null)
    {
        var response = await (client ?? Analyst).PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/follow-ups", body);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUp"), response.Headers.ETag!.Tag);
    }

    public async Task<(JsonElement Body, string ETag)> GetAsync(Guid id, HttpClient? client = null)
    {
        var response = await (client ?? Admin).GetAsync($"/api/v1/follow-ups/{id}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object body, string? etag)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (etag is not null)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.SendAsync(request);
    }

    public Task<(int Reminded, int Escalated)> RunAsync() => App.Services.GetRequiredService<FollowUpEngine>().RunAsync(null, CancellationToken.None);

    /// <summary>Rows that a refused request must not have added to: follow-ups, their history and evidence, and audit rows.</summary>
    public Task<(int, int, int, int)> CountsAsync() => App.WithDbAsync(async db => (await db.Set<FollowUp>().CountAsync(),
        await db.Set<FollowUpEvent>().CountAsync(), await db.Set<FollowUpEvidence>().CountAsync(), await db.AuditEntries.CountAsync()));

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
