using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Register.Reporting.BadInput.IntakeRowCounts;

namespace Amani.Tests.Register.Incidents.BadInput;

/// <summary>
/// Bad status moves and versions (POST /api/v1/incidents/{id}/transitions and /assignment). The PUT case of a missing or
/// stale If-Match is <see cref="IncidentLifecycleTests.Updates_need_the_current_version"/>; these cover the other guarded
/// changes and check that nothing was written.
/// </summary>
public sealed class IncidentTransitionBadInputTests
{
    private static Task<HttpResponseMessage> Move(IncidentWorld world, string location, object body, string ifMatch = "\"1\"") =>
        IncidentLifecycleTests.Send(world.Duty, HttpMethod.Post, location + "/transitions", body, ifMatch);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_the_workflow_does_not_allow_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        var problem = await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "verified", reason = "Straight to verified" }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Contains("can move to: Triaged, Rejected, Duplicate", FieldError(problem, "to"));
        await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "reported", reason = "Back to the start" }), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_to_duplicate_without_the_original_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        var self = Guid.Parse(location.Split('/')[^1]);
        foreach (object body in new object[]
        {
            new { to = "duplicate", reason = "Same as another" },
            new { to = "duplicate", reason = "Same as itself", duplicateOf = self },
            new { to = "duplicate", reason = "Same as a ghost", duplicateOf = Guid.NewGuid() },
        })
        {
            var problem = await AssertRefusedAsync(world.App, () => Move(world, location, body), HttpStatusCode.BadRequest, "validation");
            Assert.Contains("Name the incident", FieldError(problem, "duplicateOf"));
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_with_a_stale_version_gets_412(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        Assert.Equal(HttpStatusCode.OK, (await Move(world, location, new { to = "triaged", reason = "Looked at it" })).StatusCode);
        await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "verified", reason = "Two sources" }, "\"1\""),
            HttpStatusCode.PreconditionFailed, "stale-version");
        await AssertRefusedAsync(world.App, () => IncidentLifecycleTests.Send(world.Duty, HttpMethod.Post, location + "/assignment", new { userId = (Guid?)null }, "\"1\""),
            HttpStatusCode.PreconditionFailed, "stale-version");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_without_a_version_gets_428(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        await AssertRefusedAsync(world.App, () => world.Duty.PostAsJsonAsync(location + "/transitions", new { to = "triaged", reason = "Looked at it" }),
            HttpStatusCode.PreconditionRequired, "version-required");
        await AssertRefusedAsync(world.App, () => world.Duty.PostAsJsonAsync(location + "/assignment", new { userId = (Guid?)null }),
            HttpStatusCode.PreconditionRequired, "version-required");
        foreach (var header in new[] { "1", "\"one\"", "*" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, location + "/transitions") { Content = JsonContent.Create(new { to = "triaged", reason = "Looked at it" }) };
            request.Headers.TryAddWithoutValidation("If-Match", header);
            await AssertRefusedAsync(world.App, () => world.Duty.SendAsync(request), HttpStatusCode.PreconditionRequired, "version-required");
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_move_to_an_unknown_status_or_without_a_reason_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        var unknown = await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "solved", reason = "Done" }), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("triaged", unknown.GetProperty("detail").GetString());
        var reasonless = await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "triaged" }), HttpStatusCode.BadRequest, "validation");
        Assert.NotEmpty(FieldError(reasonless, "reason"));
        await AssertRefusedAsync(world.App, () => Move(world, location, new { to = "triaged", reason = new string('r', 1001) }), HttpStatusCode.BadRequest, "validation");
    }
}
