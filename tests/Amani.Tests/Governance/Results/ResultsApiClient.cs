using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Tests.Analysis.Alerts;
using Xunit;

namespace Amani.Tests.Governance.Results;

/// <summary>Calls of the results API the tests share, over the alert tests' world (mission ALPHA, areas CF, CF.AA, CF.BB, CF.AA.01…, one user per role).</summary>
internal static class ResultsApiClient
{
    public static HttpClient Planner(this AlertWorld world) => world.Clients[Role.PlanningOfficer];

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(Guid Id, string ETag)> IndicatorAsync(this AlertWorld world, object indicator, HttpClient? client = null)
    {
        var response = await (client ?? world.Planner()).PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/indicators", indicator);
        var body = await OkAsync(response, HttpStatusCode.Created);
        return (body.GetProperty("id").GetGuid(), response.Headers.ETag!.Tag);
    }

    public static object Entered(string code, string type = "count", string frequency = "quarterly", int? areaLevel = 1, string[]? disaggregations = null,
        bool allowOver100 = false) => new
    {
        code, name = $"Indicator {code}", unit = "number", type, direction = "higherIsBetter", frequency, areaLevel, disaggregations, allowOver100,
    };

    public static Task<HttpResponseMessage> EnterAsync(this AlertWorld world, Guid indicator, object values, HttpClient? client = null) =>
        (client ?? world.Planner()).PostAsJsonAsync($"/api/v1/indicators/{indicator}/values", values);

    public static async Task<JsonElement> ValuesAsync(this AlertWorld world, Guid indicator, HttpClient? client = null) =>
        await OkAsync(await (client ?? world.Planner()).GetAsync($"/api/v1/indicators/{indicator}/values"));

    public static HttpRequestMessage WithETag(HttpMethod method, string url, string etag, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
