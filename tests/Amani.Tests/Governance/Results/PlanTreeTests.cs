using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// A plan is a versioned tree: version 1 is written, edited while a draft (level order, no cycle, one place per
/// indicator, If-Match), activated; the next version starts as a copy whose nodes keep their keys, logs each change with
/// the recommendation behind it, and supersedes the first when activated. An active version never changes.
/// </summary>
public sealed class PlanTreeTests
{
    private const string Plans = $"/api/v1/missions/{AlertWorld.Mission}/plans";

    private static async Task<(JsonElement Plan, string ETag)> AddAsync(AlertWorld world, JsonElement plan, string etag, object node, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{plan.GetProperty("id").GetGuid()}/nodes", etag, node));
        if (expected != HttpStatusCode.OK)
        {
            await ProblemAssert.IsProblemAsync(response, expected, expected == HttpStatusCode.BadRequest ? "validation" : expected == HttpStatusCode.Conflict ? "conflict" : "stale-version");
            return (plan, etag);
        }
        return (await OkAsync(response), response.Headers.ETag!.Tag);
    }

    private static Guid Node(JsonElement plan, string code) => All(plan.GetProperty("tree")).First(n => n.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private static IEnumerable<JsonElement> All(JsonElement nodes) => nodes.EnumerateArray().SelectMany(n => new[] { n }.Concat(All(n.GetProperty("children"))));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_plan_is_edited_as_a_draft_activated_and_its_next_version_keeps_the_node_keys_and_logs_each_change(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (indicator, _) = await world.IndicatorAsync(Entered("POC-1"));
        var created = await world.Planner().PostAsJsonAsync(Plans, new { title = "Mandate 2024–2026", startsOn = "2024-01-01", endsOn = "2026-12-31" });
        var plan = await OkAsync(created, HttpStatusCode.Created);
        var etag = created.Headers.ETag!.Tag;
        await ProblemAssert.IsProblemAsync(await world.Planner().PostAsJsonAsync(Plans, new { title = "Again", startsOn = "2024-01-01", endsOn = "2026-12-31" }),
            HttpStatusCode.Conflict, "conflict");

        (plan, etag) = await AddAsync(world, plan, etag, new { level = "priority", code = "P1", name = "Protection of civilians" });
        (plan, etag) = await AddAsync(world, plan, etag, new { level = "objective", code = "O1.1", name = "Violence against civilians falls", parentId = Node(plan, "P1") });
        (plan, etag) = await AddAsync(world, plan, etag, new { level = "indicator", indicatorId = indicator, parentId = Node(plan, "O1.1") });
        // Bad trees: a level above its parent, an indicator at the root, the same indicator twice, a stale ETag.
        await AddAsync(world, plan, etag, new { level = "priority", code = "P2", name = "Wrong", parentId = Node(plan, "O1.1") }, HttpStatusCode.BadRequest);
        await AddAsync(world, plan, etag, new { level = "indicator", indicatorId = indicator }, HttpStatusCode.BadRequest);
        await AddAsync(world, plan, etag, new { level = "indicator", indicatorId = indicator, parentId = Node(plan, "P1") }, HttpStatusCode.BadRequest);
        await AddAsync(world, plan, "\"1\"", new { level = "priority", code = "P2", name = "Political process" }, HttpStatusCode.PreconditionFailed);
        var noETag = await world.Planner().PostAsJsonAsync($"/api/v1/plans/{plan.GetProperty("id").GetGuid()}/nodes", new { level = "priority", code = "P2", name = "x" });
        Assert.Equal(HttpStatusCode.PreconditionRequired, noETag.StatusCode);

        // A cycle: P1 moved under its own objective.
        var cycle = await world.Planner().SendAsync(WithETag(HttpMethod.Put, $"/api/v1/plans/{plan.GetProperty("id").GetGuid()}/nodes/{Node(plan, "P1")}", etag,
            new { level = "priority", code = "P1", name = "Protection of civilians", parentId = Node(plan, "O1.1") }));
        var problem = await ProblemAssert.IsProblemAsync(cycle, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("parentId", problem.GetRawText());

        var tree = plan.GetProperty("tree");
        Assert.Equal("P1", tree[0].GetProperty("code").GetString());
        Assert.Equal("POC-1", tree[0].GetProperty("children")[0].GetProperty("children")[0].GetProperty("indicator").GetProperty("code").GetString());

        var activated = await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{plan.GetProperty("id").GetGuid()}/activation", etag));
        plan = await OkAsync(activated);
        Assert.Equal("active", plan.GetProperty("status").GetString());
        await AddAsync(world, plan, activated.Headers.ETag!.Tag, new { level = "priority", code = "P2", name = "Political process" }, HttpStatusCode.Conflict);

        var next = await world.Planner().PostAsJsonAsync($"/api/v1/plans/{plan.GetProperty("id").GetGuid()}/next", new { title = "Mandate 2025–2026" });
        var second = await OkAsync(next, HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        Assert.Equal(All(plan.GetProperty("tree")).Select(n => n.GetProperty("key").GetGuid()), All(second.GetProperty("tree")).Select(n => n.GetProperty("key").GetGuid()));
        Assert.NotEqual(Node(plan, "P1"), Node(second, "P1"));
        (second, var secondETag) = await AddAsync(world, second, next.Headers.ETag!.Tag, new { level = "priority", code = "P2", name = "Political process" });
        Assert.Contains(second.GetProperty("changes").EnumerateArray(), c => c.GetProperty("kind").GetString() == "added" && c.GetProperty("text").GetString()!.Contains("P2"));

        await OkAsync(await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{second.GetProperty("id").GetGuid()}/activation", secondETag)));
        var versions = await OkAsync(await world.Analyst.GetAsync(Plans));
        Assert.Equal(["active", "superseded"], versions.EnumerateArray().Select(v => v.GetProperty("status").GetString()));
        var current = await OkAsync(await world.Field.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/plan"));
        Assert.Equal(2, current.GetProperty("number").GetInt32());
        // The analyst reads the plan but does not change it.
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Analyst.PostAsJsonAsync($"/api/v1/plans/{second.GetProperty("id").GetGuid()}/next", new { })).StatusCode);
    }
}
