using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Analysis.Alerts;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>Calls of the assessments API the tests share, over the alert tests' world: an active plan P1 › O1.1 › the indicator POC-1, and an assessment of it.</summary>
internal static class AssessmentClient
{
    public const string Assessments = $"/api/v1/missions/{AlertWorld.Mission}/assessments";

    public sealed record Setup(Guid Indicator, JsonElement Plan, Guid ObjectiveKey, Guid PriorityKey, Guid Assessment, string ETag);

    /// <summary>Plan version 1 (active) with priority P1, objective O1.1 and the indicator POC-1 below it; a draft assessment of it.</summary>
    public static async Task<Setup> SetUpAsync(this AlertWorld world)
    {
        var (indicator, _) = await world.IndicatorAsync(Entered("POC-1"));
        var created = await world.Planner().PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/plans",
            new { title = "Mandate 2024–2026", startsOn = "2024-01-01", endsOn = "2026-12-31" });
        var plan = await OkAsync(created, HttpStatusCode.Created);
        var etag = created.Headers.ETag!.Tag;
        (plan, etag) = await NodeAsync(world, plan, etag, new { level = "priority", code = "P1", name = "Protection of civilians" });
        (plan, etag) = await NodeAsync(world, plan, etag, new { level = "objective", code = "O1.1", name = "Violence against civilians falls", parentId = Node(plan, "P1").Id });
        (plan, etag) = await NodeAsync(world, plan, etag, new { level = "indicator", indicatorId = indicator, parentId = Node(plan, "O1.1").Id });
        plan = await OkAsync(await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{Id(plan)}/activation", etag)));
        var assessment = await world.Planner().PostAsJsonAsync(Assessments, new
        {
            title = "Mid-term review 2024", periodFrom = "2024-01-01", periodUntil = "2024-06-30", scope = "Protection of civilians in Ombella-M'Poko",
            method = "Indicator review and field interviews", team = "Planning unit, Civil Affairs",
        });
        var body = await OkAsync(assessment, HttpStatusCode.Created);
        return new Setup(indicator, plan, Node(plan, "O1.1").Key, Node(plan, "P1").Key, Id(body), assessment.Headers.ETag!.Tag);
    }

    public static async Task<(JsonElement Plan, string ETag)> NodeAsync(AlertWorld world, JsonElement plan, string etag, object node)
    {
        var response = await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{Id(plan)}/nodes", etag, node));
        return (await OkAsync(response), response.Headers.ETag!.Tag);
    }

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    public static (Guid Id, Guid Key) Node(JsonElement plan, string code)
    {
        var node = All(plan.GetProperty("tree")).First(n => n.GetProperty("code").GetString() == code);
        return (Id(node), node.GetProperty("key").GetGuid());
    }

    private static IEnumerable<JsonElement> All(JsonElement nodes) => nodes.EnumerateArray().SelectMany(n => new[] { n }.Concat(All(n.GetProperty("children"))));

    /// <summary>A change of the assessment (If-Match: <paramref name="etag"/>) as the planner unless another client is given.</summary>
    public static Task<HttpResponseMessage> ChangeAsync(this AlertWorld world, HttpMethod method, string url, string etag, object? body = null, HttpClient? client = null) =>
        (client ?? world.Planner()).SendAsync(WithETag(method, url, etag, body));

    /// <summary>Expects 200 and returns the assessment and its new ETag.</summary>
    public static async Task<(JsonElement Body, string ETag)> OkChangeAsync(this AlertWorld world, HttpMethod method, string url, string etag, object? body = null,
        HttpClient? client = null)
    {
        var response = await world.ChangeAsync(method, url, etag, body, client);
        return (await OkAsync(response), response.Headers.ETag!.Tag);
    }

    public static string DueOn(this AlertWorld world, int days) => DateOnly.FromDateTime(world.App.Clock.GetUtcNow().UtcDateTime.AddDays(days)).ToString("yyyy-MM-dd");
}
