using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>Rules with invalid figures are refused with 400 naming the field and the allowed range, and nothing is stored.</summary>
public sealed class AlertRuleValidationTests
{
    private static Dictionary<string, object?> Count(params (string Key, object? Value)[] changes)
    {
        var rule = new Dictionary<string, object?> { ["name"] = "Clashes in Ombella", ["kind"] = "incidentCount", ["severity"] = "severe",
            ["areaPCode"] = AlertWorld.Ombella, ["threshold"] = 10, ["windowDays"] = 7 };
        foreach (var (key, value) in changes)
            if (value is null)
                rule.Remove(key);
            else
                rule[key] = value;
        return rule;
    }

    /// <summary>(body, field named, text the message must contain)</summary>
    public static IEnumerable<(Dictionary<string, object?> Body, string Field, string Says)> BadRules(AlertWorld world) =>
    [
        (Count(("threshold", 0)), "threshold", "from 1 to 1000000"),
        (Count(("threshold", 1_000_001)), "threshold", "from 1 to 1000000"),
        (Count(("threshold", null)), "threshold", "need threshold: a whole number from 1 to 1000000"),
        (Count(("windowDays", 0)), "windowDays", "from 1 to 365"),
        (Count(("windowDays", 366)), "windowDays", "from 1 to 365"),
        (Count(("factor", 2.0)), "factor", "does not apply to rules of kind incidentCount"),
        (Count(("kind", "trend"), ("threshold", null), ("factor", 1.0), ("minimumCount", 5)), "factor", "from 1.1 to 100"),
        (Count(("kind", "trend"), ("threshold", null), ("factor", 101.0), ("minimumCount", 5)), "factor", "from 1.1 to 100"),
        (Count(("kind", "trend"), ("threshold", null), ("factor", 2.0)), "minimumCount", "need minimumCount: a whole number from 1 to 1000000"),
        (Count(("kind", "trend"), ("factor", 2.0), ("minimumCount", 5)), "threshold", "does not apply to rules of kind trend"),
        (Count(("kind", "reportSurge"), ("threshold", null), ("factor", 3.0), ("minimumCount", 5), ("baselineWindows", 53)), "baselineWindows", "from 1 to 52"),
        (Count(("kind", "reportSurge"), ("threshold", null), ("factor", 3.0), ("minimumCount", 5)), "baselineWindows", "need baselineWindows: a number of windows from 1 to 52"),
        (Count(("kind", "reportSurge"), ("threshold", null), ("factor", 3.0), ("minimumCount", 5), ("baselineWindows", 4), ("public", true)), "public", "never public"),
        (Count(("kind", "reportSurge"), ("threshold", null), ("factor", 3.0), ("minimumCount", 5), ("baselineWindows", 4), ("categories", new[] { "battles" })),
            "categories", "no categories"),
        (Count(("kind", "forecast"), ("threshold", null), ("windowDays", null), ("forecastOutcome", "atLeast25Deaths"), ("probability", 1.5)), "probability", "from 0.01 to 1"),
        (Count(("kind", "forecast"), ("threshold", null), ("windowDays", null), ("forecastOutcome", "atLeast25Deaths"), ("probability", 0.0)), "probability", "from 0.01 to 1"),
        (Count(("kind", "forecast"), ("threshold", null), ("windowDays", null), ("probability", 0.3)), "forecastOutcome", "atLeast1Death, atLeast25Deaths, atLeast100Deaths"),
        (Count(("kind", "forecast"), ("threshold", null), ("forecastOutcome", "atLeast25Deaths"), ("probability", 0.3)), "windowDays", "does not apply to rules of kind forecast"),
        (Count(("kind", "forecast"), ("threshold", null), ("windowDays", null), ("forecastOutcome", "atLeast50Deaths"), ("probability", 0.3)), "forecastOutcome", "atLeast25Deaths"),
        (Count(("kind", "earthquake")), "kind", "incidentCount"),
        (Count(("severity", "catastrophic")), "severity", "extreme"),
        (Count(("severity", null)), "severity", "required"),
        (Count(("name", "")), "name", "required"),
        (Count(("name", new string('x', 201))), "name", "3 to 200 characters"),
        (Count(("areaPCode", "CF.ZZ")), "areaPCode", "There is no area CF.ZZ"),
        (Count(("areaLevel", 6)), "areaLevel", "from 0 to 5"),
        (Count(("areaLevel", 0)), "areaLevel", "from 1 to 5"),
        (Count(("areaLevel", 4)), "areaLevel", "There is no area of level 4"),
        (Count(("categories", new[] { "battles", "earthquakes" })), "categories", "'earthquakes' is not a category"),
        (Count(("ownerRole", "partner")), "ownerRole", "fieldOfficer"),
        (Count(("defaultOwnerUserId", world.Users[Role.Partner].Id)), "defaultOwnerUserId", "responds to alerts"),
        (Count(("deadlineHours", 0)), "deadlineHours", "from 1 to 720"),
        (Count(("deadlineHours", 721)), "deadlineHours", "from 1 to 720"),
    ];

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invalid_rules_are_refused_naming_the_field_and_the_allowed_range_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var before = await CountsAsync(world);
        var failures = new List<string>();
        foreach (var (body, field, says) in BadRules(world))
        {
            var response = await world.Analyst.PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-rules", body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{field}: expected 400, got {(int)response.StatusCode} {text}");
                continue;
            }
            // A rule the shape checks or the editor refuse lists the field in errors; an unknown enum value is named in the detail
            // (malformed-request, "at '$.kind'", with the allowed values).
            var problem = JsonDocument.Parse(text).RootElement;
            var detail = problem.GetProperty("detail").GetString()!;
            var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var list)
                ? string.Join(" ", list.EnumerateArray().Select(m => m.GetString()))
                : detail.Contains($"'$.{field}'", StringComparison.Ordinal) ? "" : null;
            if (messages is null || !(messages + detail).Contains(says, StringComparison.OrdinalIgnoreCase))
                failures.Add($"{field}: expected the field named with '{says}', got {text}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await CountsAsync(world));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_valid_rule_is_stored_with_its_audit_row_and_an_edit_needs_the_current_version(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var id = await world.RuleAsync(Count(("categories", new[] { "battles", "violence-against-civilians" }), ("areaLevel", 2)));

        var rule = await world.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}");
        Assert.Equal("incidentCount", rule.GetProperty("kind").GetString());
        Assert.Equal(AlertWorld.Ombella, rule.GetProperty("areaPCode").GetString());
        Assert.Equal(["battles", "violence-against-civilians"], rule.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(12, rule.GetProperty("effectiveDeadlineHours").GetInt32()); // severe: 12 hours by default
        Assert.Equal("dutyOfficer", rule.GetProperty("ownerRole").GetString());

        var edit = Count(("threshold", 12));
        using (var noVersion = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}") { Content = JsonContent.Create(edit) })
            await ProblemAssert.IsProblemAsync(await world.Analyst.SendAsync(noVersion), HttpStatusCode.PreconditionRequired, "version-required");
        using (var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}") { Content = JsonContent.Create(edit) })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
            await ProblemAssert.IsProblemAsync(await world.Analyst.SendAsync(stale), HttpStatusCode.PreconditionFailed, "stale-version");
        }
        using (var current = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}") { Content = JsonContent.Create(edit) })
        {
            current.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var edited = await world.Analyst.SendAsync(current);
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            Assert.Equal("\"2\"", edited.Headers.ETag!.Tag);
            Assert.Equal(12, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("threshold").GetInt32());
        }
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}"))
        {
            delete.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
            Assert.Equal(HttpStatusCode.NoContent, (await world.Analyst.SendAsync(delete)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await world.Analyst.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{id}")).StatusCode);
        Assert.Empty(await world.Analyst.GetFromJsonAsync<JsonElement[]>($"/api/v1/missions/{AlertWorld.Mission}/alert-rules") ?? []);

        var audit = await world.AuditAsync();
        Assert.Equal([(int)AuditAction.AlertRuleCreated, (int)AuditAction.AlertRuleUpdated, (int)AuditAction.AlertRuleArchived],
            audit.Select(a => a.Code));
        Assert.All(audit, a => Assert.Equal(id.ToString(), a.EntityId));
        Assert.NotNull(await world.App.WithDbAsync(db => db.Set<AlertRule>().Where(r => r.Id == id).Select(r => r.ArchivedAt).SingleAsync()));
    }

    private static Task<(int Rules, int Audit)> CountsAsync(AlertWorld world) => world.App.WithDbAsync(async db =>
        (await db.Set<AlertRule>().CountAsync(), await db.AuditEntries.CountAsync()));
}
