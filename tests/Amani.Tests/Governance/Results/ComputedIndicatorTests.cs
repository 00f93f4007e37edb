using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Results.Computation;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// Computed indicators count the mission's own incidents — by the indicator's periods, for the whole mission and each
/// area of its level, zero where nothing happened, never a restricted incident, only public ones for a public
/// indicator — are never typed by hand, and follow a new incident without anyone asking.
/// </summary>
public sealed class ComputedIndicatorTests
{
    private static async Task<Dictionary<(string Period, string Area, string Split), double>> ValuesByKeyAsync(AlertWorld world, Guid indicator) =>
        (await world.ValuesAsync(indicator)).EnumerateArray().ToDictionary(
            v => (v.GetProperty("period").GetString()!, v.GetProperty("area").GetString()!, v.GetProperty("disaggregation").GetString()!),
            v => v.GetProperty("value").GetDouble());

    private static Task ComputeAsync(AlertWorld world) => world.App.WithScopeAsync(async services =>
    {
        await services.GetRequiredService<IndicatorComputer>().ComputeAsync(world.MissionId, null, null, null, CancellationToken.None);
        return 0;
    });

    private static string QuarterOf(DateTimeOffset at) => $"{at.Year}Q{(at.Month - 1) / 3 + 1}";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Incidents_are_counted_by_quarter_and_prefecture_without_restricted_ones_and_a_public_indicator_counts_public_ones_only(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (count, _) = await world.IndicatorAsync(new
        {
            code = "INC-Q", name = "Incidents by prefecture", unit = "incidents", type = "count", direction = "lowerIsBetter", frequency = "quarterly",
            areaLevel = 1, disaggregations = new[] { "category" }, measure = new { key = "incidents.count" },
        });
        var (killed, _) = await world.IndicatorAsync(new
        {
            code = "KILLED-PUBLIC", name = "Deaths in public incidents", unit = "deaths", type = "sum", direction = "lowerIsBetter", frequency = "yearly",
            @public = true, measure = new { key = "incidents.fatalities" },
        });
        await world.IncidentAsync(AlertWorld.InOmbella, 1, deaths: 3);
        await world.IncidentAsync(AlertWorld.InOmbella, 1, deaths: 2, category: "violence-against-civilians.attack");
        await world.IncidentAsync(AlertWorld.InOuham, 1, deaths: 4, confidentiality: "public");
        await world.IncidentAsync(AlertWorld.InOuham, 1, deaths: 9, confidentiality: "restricted");
        await ComputeAsync(world);

        var at = world.App.Clock.GetUtcNow().AddDays(-1);
        var quarter = QuarterOf(at);
        var values = await ValuesByKeyAsync(world, count);
        Assert.Equal(3, values[(quarter, "", "")]);
        Assert.Equal(2, values[(quarter, AlertWorld.Ombella, "")]);
        Assert.Equal(1, values[(quarter, AlertWorld.Ouham, "")]);
        Assert.Equal(1, values[(quarter, AlertWorld.Ombella, "category:violence-against-civilians.attack")]);
        Assert.Equal(2, values[(quarter, "", "category:battles.armed-clash")]);
        Assert.Equal(0, values[(QuarterOf(at.AddMonths(-3)), "", "")]); // nothing happened: a 0, not a gap
        Assert.Equal(0, values[(QuarterOf(at.AddMonths(-3)), AlertWorld.Ouham, "")]);
        Assert.All((await world.ValuesAsync(count)).EnumerateArray(), v => Assert.True(v.GetProperty("computed").GetBoolean()));

        Assert.Equal(4, (await ValuesByKeyAsync(world, killed))[(at.Year.ToString(), "", "")]);

        var list = await OkAsync(await world.Analyst.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/indicators"));
        var listed = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "INC-Q");
        Assert.True(listed.GetProperty("computed").GetBoolean());
        Assert.Equal("INC-Q", listed.GetProperty("code").GetString());
        Assert.Equal(3, listed.GetProperty("latestValues")[0].GetProperty("value").GetDouble());
        Assert.Equal("", listed.GetProperty("latestValues")[0].GetProperty("area").GetString());
        Assert.Contains("restricted", listed.GetProperty("formula").GetString());

        // Never typed by hand.
        var typed = await world.EnterAsync(count, new[] { new { period = quarter, value = 5 } });
        var problem = await ProblemAssert.IsProblemAsync(typed, HttpStatusCode.BadRequest, "validation");
        Assert.Contains("computed", problem.GetProperty("rejects")[0].GetProperty("message").GetString());
        Assert.Equal(3, (await ValuesByKeyAsync(world, count))[(quarter, "", "")]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_new_incident_reaches_the_computed_values_without_anyone_asking(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (count, _) = await world.IndicatorAsync(new
        {
            code = "INC-M", name = "Incidents", unit = "incidents", type = "count", direction = "lowerIsBetter", frequency = "monthly",
            measure = new { key = "incidents.count" },
        });
        var month = world.App.Clock.GetUtcNow().AddDays(-1).ToString("yyyyMM");
        // Creating the indicator has it computed: a 0 for this month.
        Assert.Equal(0, await PollAsync(world, count, month, v => v == 0));
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        // The aggregates take the incident in (every 2 s), announce the month, and the indicator follows.
        Assert.Equal(1, await PollAsync(world, count, month, v => v == 1));
    }

    /// <summary>Reads the mission-wide value of a period until it satisfies <paramref name="done"/> (or a minute has passed, then fails).</summary>
    private static async Task<double?> PollAsync(AlertWorld world, Guid indicator, string period, Func<double?, bool> done)
    {
        double? value = null;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            value = (await ValuesByKeyAsync(world, indicator)).TryGetValue((period, "", ""), out var v) ? v : null;
            if (done(value))
                return value;
        }
        Assert.Fail($"The computed value of {period} stayed {value?.ToString() ?? "absent"}.");
        return null;
    }
}
