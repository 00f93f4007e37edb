using System.Net;
using System.Net.Http.Json;
using Amani.Governance.Results;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>A mission defines its own category lists; indicators split values by them; a list in use gains options but never loses one.</summary>
public sealed class CategoryListTests
{
    private const string Lists = $"/api/v1/missions/{AlertWorld.Mission}/category-lists";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mission_list_splits_values_and_keeps_the_options_its_values_name(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var displacement = new Dictionary<string, string> { ["idp"] = "Internally displaced", ["host"] = "Host community" };
        await OkAsync(await world.Planner().PutAsJsonAsync($"{Lists}/displacement", new { name = "Displacement status", options = displacement }));
        foreach (var (list, body, field) in new (string, object, string)[]
                 {
                     ("sex", new { name = "Sex again", options = displacement }, "code"),
                     ("Bad Code", new { name = "x", options = displacement }, "code"),
                     ("empty", new { name = "Empty", options = new Dictionary<string, string>() }, "options"),
                     ("labels", new { name = "Labels", options = new Dictionary<string, string> { ["a"] = "x|y" } }, "options.a"),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await world.Planner().PutAsJsonAsync($"{Lists}/{Uri.EscapeDataString(list)}", body),
                HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Analyst.PutAsJsonAsync($"{Lists}/other", new { name = "Other", options = displacement })).StatusCode);
        var all = await OkAsync(await world.Field.GetAsync(Lists));
        Assert.Equal(["sex", "age", "displacement"], all.EnumerateArray().Select(l => l.GetProperty("code").GetString()));

        var (id, _) = await world.IndicatorAsync(Entered("PEOPLE", frequency: "yearly", areaLevel: null, disaggregations: ["displacement", "sex"]));
        await OkAsync(await world.EnterAsync(id, new object[] { new { period = "2024", disaggregation = "sex:female,displacement:idp", value = 12 } }));
        Assert.Equal("displacement:idp,sex:female", (await world.ValuesAsync(id))[0].GetProperty("disaggregation").GetString());

        var shrunk = await world.Planner().PutAsJsonAsync($"{Lists}/displacement", new { name = "Displacement status", options = new Dictionary<string, string> { ["idp"] = "IDP" } });
        await ProblemAssert.IsProblemAsync(shrunk, HttpStatusCode.Conflict, "conflict");
        var grown = new Dictionary<string, string>(displacement) { ["returnee"] = "Returnee" };
        await OkAsync(await world.Planner().PutAsJsonAsync($"{Lists}/displacement", new { name = "Displacement status", options = grown }));
        Assert.Equal(3, (await world.App.WithDbAsync(db => db.Set<CategoryList>().SingleAsync())).Options.Split('|').Length);
    }
}
