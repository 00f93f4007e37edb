using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Measures;

/// <summary>
/// Changing and removing a survey measure: If-Match required (428) and checked (412), the slug (the key indicators store)
/// never changes, a refused change writes nothing, a removal is refused (409 naming the indicator) while an indicator is
/// computed from the measure, and each change and removal is audited (4371, 4372).
/// </summary>
public sealed class SurveyMeasureChangeTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_measure_is_changed_with_If_Match_and_removed_only_when_no_indicator_uses_it(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var planner = world.World.Planner;
        var measures = $"{SurveyWorld.Api}/surveys/{world.World.SurveyId}/measures";
        var created = await planner.PostAsJsonAsync(measures, new { slug = "feel-safe", name = "Feel safe", nameFr = "En sécurité", question = "safe_night", choices = new[] { "safe" } });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var one = $"{measures}/{id}";
        var etag = created.Headers.ETag!.Tag;

        Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string? ifMatch, object? body = null)
        {
            var request = new HttpRequestMessage(method, one) { Content = body is null ? null : JsonContent.Create(body) };
            if (ifMatch is not null)
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return client.SendAsync(request);
        }
        await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Put, null, new { name = "X" }), HttpStatusCode.PreconditionRequired, "version-required");
        await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Put, "\"7\"", new { name = "X" }), HttpStatusCode.PreconditionFailed, "stale-version");
        var slug = await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Put, etag, new { slug = "other" }), HttpStatusCode.BadRequest, "validation");
        Assert.True(slug.GetProperty("errors").TryGetProperty("slug", out _), slug.ToString());
        var choice = await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Put, etag, new { name = "Renamed", choices = new[] { "maybe" } }),
            HttpStatusCode.BadRequest, "validation");
        Assert.True(choice.GetProperty("errors").TryGetProperty("choices", out _), choice.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(world.World.Analyst, HttpMethod.Put, etag, new { name = "Renamed" })).StatusCode);
        var unchanged = await world.World.Analyst.GetFromJsonAsync<JsonElement>(one);
        Assert.Equal("Feel safe", unchanged.GetProperty("name").GetString());   // nothing of a refused change was stored
        Assert.Equal(1, unchanged.GetProperty("version").GetInt32());

        var changed = await Send(planner, HttpMethod.Put, etag, new { name = "Feel safe or fairly safe", choices = new[] { "safe", "unsafe" } });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var body = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Feel safe or fairly safe", body.GetProperty("name").GetString());
        Assert.Equal("En sécurité", body.GetProperty("nameFr").GetString());   // left out: kept
        Assert.Equal(["safe", "unsafe"], body.GetProperty("choices").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal("surveys.feel-safe", body.GetProperty("key").GetString());
        etag = changed.Headers.ETag!.Tag;
        Assert.Equal("\"2\"", etag);

        var indicator = await planner.PostAsJsonAsync($"{SurveyWorld.Api}/indicators", new
        {
            code = "FEEL-SAFE", name = "Respondents who feel safe", unit = "%", type = "percentage", direction = "higherIsBetter",
            frequency = "yearly", measure = new { key = "surveys.feel-safe" },
        });
        Assert.True(indicator.StatusCode == HttpStatusCode.Created, await indicator.Content.ReadAsStringAsync());
        var inUse = await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Delete, etag), HttpStatusCode.Conflict, "conflict");
        Assert.Contains("FEEL-SAFE", inUse.GetProperty("detail").GetString());
        Assert.Equal("FEEL-SAFE", Assert.Single(inUse.GetProperty("indicators").EnumerateArray()).GetString());
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync(one)).StatusCode);

        // A measure no indicator uses is removed: stale and missing If-Match first refused.
        var spare = await planner.PostAsJsonAsync(measures, new { slug = "feel-unsafe", name = "Feel unsafe", nameFr = "Pas en sécurité", question = "safe_night", choices = new[] { "unsafe" } });
        Assert.Equal(HttpStatusCode.Created, spare.StatusCode);
        one = $"{measures}/{(await spare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}";
        await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Delete, null), HttpStatusCode.PreconditionRequired, "version-required");
        await ProblemAssert.IsProblemAsync(await Send(planner, HttpMethod.Delete, "\"9\""), HttpStatusCode.PreconditionFailed, "stale-version");
        Assert.Equal(HttpStatusCode.NoContent, (await Send(planner, HttpMethod.Delete, spare.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await planner.GetAsync(one)).StatusCode);
        var listed = await planner.GetFromJsonAsync<JsonElement>(measures);
        Assert.Equal("feel-safe", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString());

        var audit = await world.World.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ActionCode >= 4370 && a.ActionCode <= 4379)
            .OrderBy(a => a.ActionCode).Select(a => a.ActionCode).ToListAsync());
        Assert.Equal([4370, 4370, 4371, 4372], audit);
    }
}
