using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Missions;

namespace Amani.Tests.Platform.Audit;

public sealed class StateChangeAuditRowTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Creating_a_mission_through_the_API_writes_one_audit_row_naming_actor_action_entity_and_request(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.CreateUserAsync(Role.Administrator);
        var admin = await app.SignInAsync(user);
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence));

        var response = await admin.PostAsJsonAsync("/api/v1/missions", new { code = "unmiss", name = "South Sudan mission", countryIso3 = "ssd" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var missionId = await app.WithDbAsync(db => db.Missions.Where(m => m.Code == "UNMISS").Select(m => m.Id).SingleAsync());
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        var row = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Sequence > before).ToListAsync()));
        Assert.Equal(1400, row.ActionCode);
        Assert.Equal((int)AuditAction.MissionCreated, row.ActionCode);
        Assert.Equal($"user:{user.Id}", row.Actor);
        Assert.Equal("mission", row.EntityType);
        Assert.Equal(missionId.ToString(), row.EntityId);
        Assert.Contains("UNMISS", row.Summary);
        Assert.Equal(requestId, row.RequestId);
        Assert.Equal(AuditChain.Truncate(app.Clock.GetUtcNow().UtcDateTime), row.OccurredAt);
        Assert.Equal(before + 1, row.Sequence);
    }
}
