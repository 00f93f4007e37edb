using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Foundation.Organizations;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Incidents.Query;

/// <summary>
/// Finding 5 of the security probe: any recorder, a partner included, could set descriptionPublic and the text appeared
/// at once in the public list. Now one of the mission's staff asks, a second person holding incidents:publish approves,
/// partners cannot ask, and both steps are audited.
/// </summary>
public sealed class PublicationTests
{
    private static readonly string Public = $"/api/v1/public/missions/{TestMission.Code}/incidents";

    private static object Incident(DateTimeOffset at, string description) => new
    {
        source = "patrol", categoryCode = "riots", occurredAt = at, areaPCode = TestMission.Province, description, descriptionPublic = true,
        confidentiality = "public",
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_description_is_published_only_when_a_second_person_approves_and_never_by_a_partner(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var ngo = await app.WithScopeAsync(async services => (await services.GetRequiredService<OrganizationRules>()
            .CreateAsync(new CreateOrganizationRequest("Partner NGO", "PNGO", OrganizationKind.Ngo, null), CancellationToken.None)).Value!.Id);
        var partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, ngo));
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var anonymous = app.CreateClient();
        var now = app.Clock.GetUtcNow();

        // A partner cannot ask: refused, nothing stored.
        var before = await app.WithDbAsync(db => db.Incidents.CountAsync());
        await ProblemAssert.IsProblemAsync(await partner.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents",
            Incident(now.AddHours(-2), "Partner's account of the riot")), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(before, await app.WithDbAsync(db => db.Incidents.CountAsync()));

        // Staff ask: the public sees the incident, not its text.
        var id = await Fixtures.RecordAsync(duty, Incident(now.AddHours(-1), "Youths burned the market stalls"));
        var asked = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{id}");
        Assert.Equal("requested", asked.GetProperty("publication").GetProperty("state").GetString());
        Assert.False(asked.GetProperty("descriptionPublic").GetBoolean());
        Assert.DoesNotContain("market stalls", await anonymous.GetStringAsync(Public));

        // The one who asked cannot approve.
        await ProblemAssert.IsProblemAsync(await Approve(duty, id, "\"1\""), HttpStatusCode.Forbidden, "forbidden");

        // A second person approves: published, both steps audited.
        await Fixtures.PublishAsync(app, id);
        Assert.Contains("Youths burned the market stalls", await anonymous.GetStringAsync(Public));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == id.ToString()).Select(e => e.ActionCode).ToListAsync());
        Assert.Contains(AuditCodes.IncidentPublicationRequested, actions);
        Assert.Contains(AuditCodes.IncidentDescriptionPublished, actions);

        // Changing the published text asks again: the public no longer reads it.
        var current = await duty.GetAsync($"/api/v1/incidents/{id}");
        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/incidents/{id}") { Content = JsonContent.Create(Incident(now.AddHours(-1), "Edited after approval")) };
        edit.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await duty.SendAsync(edit)).StatusCode);
        var publicList = await anonymous.GetStringAsync(Public);
        Assert.DoesNotContain("Edited after approval", publicList);
        Assert.DoesNotContain("market stalls", publicList);
    }

    private static Task<HttpResponseMessage> Approve(HttpClient client, Guid id, string version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{id}/publication");
        request.Headers.IfMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(version));
        return client.SendAsync(request);
    }
}
