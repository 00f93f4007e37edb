using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Governance.Results.Values;
using Amani.Foundation.Users;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// Indicators refuse a definition that does not hold together; values are checked against their indicator and a batch
/// with one bad line writes nothing; an owner approves a period, which locks it, and unlocking says why (audited);
/// targets fall within the plan; the plan shows each indicator's status; a partner sees what its organisation reports.
/// </summary>
public sealed class IndicatorRulesTests
{
    private static async Task<int> StoredAsync(AlertWorld world, Guid indicator) =>
        await world.App.WithDbAsync(db => db.Set<IndicatorValue>().CountAsync(v => v.IndicatorId == indicator));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_definition_that_does_not_hold_together_is_refused_naming_the_field_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var cases = new (object Body, string Field)[]
        {
            (new { code = "bad code!", name = "x", unit = "n", type = "count", direction = "higherIsBetter", frequency = "monthly" }, "code"),
            (new { code = "R1", name = "x", unit = "n", type = "ratio", direction = "higherIsBetter", frequency = "monthly" }, "factor"),
            (new { code = "C1", name = "x", unit = "n", type = "count", direction = "higherIsBetter", frequency = "monthly", areaLevel = 7 }, "areaLevel"),
            (new { code = "C2", name = "x", unit = "n", type = "count", direction = "higherIsBetter", frequency = "monthly", disaggregations = new[] { "caste" } }, "disaggregations"),
            (new { code = "C3", name = "x", unit = "n", type = "count", direction = "higherIsBetter", frequency = "monthly", measure = new { key = "incidents.nothing" } }, "measure.key"),
            (new { code = "C4", name = "x", unit = "%", type = "percentage", direction = "higherIsBetter", frequency = "monthly", measure = new { key = "incidents.count" } }, "type"),
            (new { code = "C5", name = "x", unit = "%", type = "percentage", direction = "higherIsBetter", frequency = "monthly",
                measure = new { key = "reports.answered-within", arguments = new Dictionary<string, int> { ["days"] = 0 } } }, "measure.arguments.days"),
            (new { code = "C6", unit = "n", type = "count", direction = "higherIsBetter", frequency = "monthly" }, "name"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await world.Planner().PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/indicators", body),
                HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Indicator>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_batch_with_one_bad_line_writes_nothing_and_lists_every_bad_line(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (count, _) = await world.IndicatorAsync(Entered("COUNT", disaggregations: ["sex"]));
        var (share, _) = await world.IndicatorAsync(Entered("SHARE", type: "percentage", areaLevel: null));
        var refused = await world.EnterAsync(count, new object[]
        {
            new { period = "2024Q1", area = AlertWorld.Ombella, disaggregation = "sex:female", value = 4 },   // fine
            new { period = "2024Q1", area = AlertWorld.Ouham, disaggregation = "sex:female", value = 2.5 },   // not whole
            new { period = "202401", area = AlertWorld.Ouham, disaggregation = "sex:male", value = 1 },        // a month for a quarterly indicator
            new { period = "2024Q1", area = "CF.ZZ", disaggregation = "sex:male", value = 1 },                  // unknown area
            new { period = "2024Q1", area = AlertWorld.Bimbo, disaggregation = "sex:male", value = 1 },         // wrong level
            new { period = "2024Q1", area = AlertWorld.Ouham, disaggregation = "age:18-59", value = 1 },        // not its list
        });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["value", "period", "area", "area", "disaggregation"],
            problem.GetProperty("rejects").EnumerateArray().Select(r => r.GetProperty("field").GetString()));
        Assert.Equal(["values[1]", "values[2]", "values[3]", "values[4]", "values[5]"],
            problem.GetProperty("rejects").EnumerateArray().Select(r => r.GetProperty("where").GetString()));
        Assert.Equal(0, await StoredAsync(world, count));

        var over = await world.EnterAsync(share, new object[] { new { period = "2024Q1", numerator = 12, denominator = 10 } });
        Assert.Equal("numerator", (await ProblemAssert.IsProblemAsync(over, HttpStatusCode.BadRequest, "validation")).GetProperty("rejects")[0].GetProperty("field").GetString());
        var fine = await OkAsync(await world.EnterAsync(share, new object[] { new { period = "2024Q1", numerator = 6, denominator = 8, comment = "From the survey" } }));
        Assert.Equal(1, fine.GetProperty("written").GetInt32());
        var stored = (await world.ValuesAsync(share))[0];
        Assert.Equal(75, stored.GetProperty("value").GetDouble());
        Assert.Equal("From the survey", stored.GetProperty("comment").GetString());
        Assert.False(string.IsNullOrEmpty(stored.GetProperty("enteredBy").GetString())); // who entered it, by name
        // Duty and field officers do not enter values.
        Assert.Equal(HttpStatusCode.Forbidden, (await world.EnterAsync(share, Array.Empty<object>(), world.Field)).StatusCode);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_owner_approves_a_period_which_locks_it_and_unlocking_it_says_why_in_the_audit_log(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var owner = world.Users[Role.Analyst].Id;
        var body = new { code = "OWNED", name = "Owned", unit = "n", type = "count", direction = "higherIsBetter", frequency = "yearly", ownerUserId = owner };
        var (id, _) = await world.IndicatorAsync(body);
        await OkAsync(await world.EnterAsync(id, new object[] { new { period = "2024", value = 3 } }));

        Assert.Equal(HttpStatusCode.Forbidden, (await world.Planner().PostAsJsonAsync($"/api/v1/indicators/{id}/approvals", new { period = "2024" })).StatusCode);
        await ProblemAssert.IsProblemAsync(await world.Analyst.PostAsJsonAsync($"/api/v1/indicators/{id}/approvals", new { period = "2024Q1" }),
            HttpStatusCode.BadRequest, "validation");
        var approved = await OkAsync(await world.Analyst.PostAsJsonAsync($"/api/v1/indicators/{id}/approvals", new { period = "2024" }));
        Assert.Equal(["2024"], approved.GetProperty("approvedPeriods").EnumerateArray().Select(p => p.GetString()));

        var locked = await ProblemAssert.IsProblemAsync(await world.EnterAsync(id, new object[] { new { period = "2024", value = 4 } }), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("approved", locked.GetProperty("rejects")[0].GetProperty("message").GetString());
        Assert.Equal(3, (await world.ValuesAsync(id))[0].GetProperty("value").GetDouble());

        await ProblemAssert.IsProblemAsync(await world.Planner().PostAsJsonAsync($"/api/v1/indicators/{id}/approvals/2024/unlock", new { reason = " " }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Duty.PostAsJsonAsync($"/api/v1/indicators/{id}/approvals/2024/unlock", new { reason = "x" })).StatusCode);
        await OkAsync(await world.Planner().PostAsJsonAsync($"/api/v1/indicators/{id}/approvals/2024/unlock", new { reason = "The figure for Ouham was corrected." }));
        await OkAsync(await world.EnterAsync(id, new object[] { new { period = "2024", value = 4 } }));
        var unlocked = (int)AuditAction.IndicatorPeriodUnlocked;
        var audited = await world.App.WithDbAsync(db => db.AuditEntries.Where(a => a.ActionCode == unlocked).Select(a => a.Summary).ToListAsync());
        Assert.Equal(["2024 of OWNED unlocked: The figure for Ouham was corrected."], audited);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Targets_fall_within_the_plan_and_the_plan_shows_each_indicator_against_its_target(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var (up, upTag) = await world.IndicatorAsync(Entered("UP", type: "sum", frequency: "yearly", areaLevel: null));
        var (down, downTag) = await world.IndicatorAsync(new { code = "DOWN", name = "Down", unit = "n", type = "count", direction = "lowerIsBetter", frequency = "yearly" });
        var noPlan = await world.Planner().SendAsync(WithETag(HttpMethod.Put, $"/api/v1/indicators/{up}/targets", upTag, new[] { new { kind = "target", period = "2025", value = 10 } }));
        await ProblemAssert.IsProblemAsync(noPlan, HttpStatusCode.BadRequest, "validation");

        var plan = await OkAsync(await world.Planner().PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/plans",
            new { title = "Plan", startsOn = "2024-01-01", endsOn = "2025-12-31" }), HttpStatusCode.Created);
        var outside = await world.Planner().SendAsync(WithETag(HttpMethod.Put, $"/api/v1/indicators/{up}/targets", upTag, new[] { new { kind = "target", period = "2027", value = 10 } }));
        Assert.True((await ProblemAssert.IsProblemAsync(outside, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("targets[0].period", out _));
        var set = await world.Planner().SendAsync(WithETag(HttpMethod.Put, $"/api/v1/indicators/{up}/targets", upTag,
            new object[] { new { kind = "baseline", period = "2023", value = 0 }, new { kind = "target", period = "2025", value = 10 } }));
        await OkAsync(set);
        await OkAsync(await world.Planner().SendAsync(WithETag(HttpMethod.Put, $"/api/v1/indicators/{down}/targets", downTag,
            new object[] { new { kind = "target", period = "2025", value = 5 } })));
        await OkAsync(await world.EnterAsync(up, new object[] { new { period = "2025", value = 9.5 } }));
        await OkAsync(await world.EnterAsync(down, new object[] { new { period = "2025", value = 8 } }));

        var etag = $"\"{plan.GetProperty("version").GetInt32()}\"";
        var planId = plan.GetProperty("id").GetGuid();
        var withObjective = await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{planId}/nodes", etag, new { level = "objective", code = "O1", name = "Objective" }));
        plan = await OkAsync(withObjective);
        var objective = plan.GetProperty("tree")[0].GetProperty("id").GetGuid();
        etag = withObjective.Headers.ETag!.Tag;
        foreach (var indicator in new[] { up, down })
        {
            var added = await world.Planner().SendAsync(WithETag(HttpMethod.Post, $"/api/v1/plans/{planId}/nodes", etag, new { level = "indicator", indicatorId = indicator, parentId = objective }));
            plan = await OkAsync(added);
            etag = added.Headers.ETag!.Tag;
        }
        var statuses = plan.GetProperty("tree")[0].GetProperty("children").EnumerateArray()
            .ToDictionary(n => n.GetProperty("code").GetString()!, n => n.GetProperty("indicator").GetProperty("status").GetString());
        Assert.Equal("atRisk", statuses["UP"]);      // 9.5 of 10 from a baseline of 0: within 10 %
        Assert.Equal("offTrack", statuses["DOWN"]);  // 8 where 5 or fewer were aimed at
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_partner_reads_and_enters_only_what_its_organisation_reports(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var partner = world.Users[Role.Partner].Id;
        var organization = await world.App.WithDbAsync(db => db.RoleAssignments.Where(a => a.UserId == partner).Select(a => a.OrganizationId!.Value).SingleAsync());
        var (theirs, _) = await world.IndicatorAsync(new { code = "THEIRS", name = "Theirs", unit = "n", type = "count", direction = "higherIsBetter", frequency = "yearly",
            reporters = new[] { organization } });
        var (other, _) = await world.IndicatorAsync(Entered("OTHER", frequency: "yearly", areaLevel: null));
        var listed = await OkAsync(await world.Partner.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/indicators"));
        Assert.Equal(["THEIRS"], listed.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Partner.GetAsync($"/api/v1/indicators/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.EnterAsync(other, new object[] { new { period = "2024", value = 1 } }, world.Partner)).StatusCode);
        await OkAsync(await world.EnterAsync(theirs, new object[] { new { period = "2024", value = 1 } }, world.Partner));
        Assert.Equal(0, await StoredAsync(world, other));
    }
}
