using System.Net;
using System.Net.Http.Json;
using Amani.Governance.Surveys.Measures;
using Amani.Platform.Data;
using Amani.Tests.Governance.Surveys.Rounds;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Measures;

/// <summary>
/// The survey measures page (no script, English and French): a manager creates a measure (a bad choice shown next to its
/// field, nothing stored), changes it (a stale version refused with 409, nothing written), meets a removal refused while
/// an indicator uses the measure, and removes one no indicator uses after confirming; a reader sees the list only.
/// </summary>
public sealed class MeasuresPageTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_manager_creates_changes_and_removes_measures_on_the_page(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var planner = world.World.Planner;
        var page = $"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/measures";
        Task<List<SurveyMeasure>> StoredAsync() => world.World.App.WithDbAsync(db => db.Set<SurveyMeasure>().AsNoTracking().OrderBy(m => m.Slug).ToListAsync());

        var first = await PageForms.TextAsync(await planner.GetAsync(page));
        Assert.Contains("id=\"no-measures\"", first);
        Assert.Contains("<code>safe_night</code>", first);   // the questions a measure can count, with their choices
        var create = new Dictionary<string, string>
        {
            ["Fields.Slug"] = "feel-safe", ["Fields.Name"] = "Feel safe", ["Fields.NameFr"] = "En sécurité", ["Fields.Question"] = "safe_night",
            ["Fields.Choices"] = "safe, maybe",
        };
        var refused = await PageForms.PostAsync(planner, page, page, create);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await PageForms.TextAsync(refused);
        Assert.Contains("id=\"choices-error\"", refusedHtml);
        Assert.Contains("'maybe' is not a choice of 'safe_night'", refusedHtml);
        Assert.Empty(await StoredAsync());
        create["Fields.Choices"] = "safe";
        var created = await PageForms.PostAsync(planner, page, page, create);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"{page}?done=created", created.Headers.Location!.OriginalString);
        create["Fields.Slug"] = "feel-unsafe";
        create["Fields.Choices"] = "unsafe";
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostAsync(planner, page, page, create)).StatusCode);
        var stored = await StoredAsync();
        Assert.Equal(["feel-safe", "feel-unsafe"], stored.Select(m => m.Slug).ToArray());
        var safe = stored[0];

        var edit = await PageForms.TextAsync(await planner.GetAsync($"{page}?edit={safe.Id}"));
        Assert.Contains("id=\"edit-measure\"", edit);
        var change = new Dictionary<string, string>
        {
            ["Fields.Id"] = safe.Id.ToString(), ["Fields.Version"] = "7", ["Fields.Name"] = "Feel safe at night", ["Fields.NameFr"] = "En sécurité la nuit",
            ["Fields.Question"] = "safe_night", ["Fields.Choices"] = "safe",
        };
        var stale = await PageForms.PostAsync(planner, page, $"{page}?handler=Update", change);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed since you loaded it", await PageForms.TextAsync(stale));
        Assert.Equal("Feel safe", (await StoredAsync())[0].Name);
        change["Fields.Version"] = "1";
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.PostAsync(planner, page, $"{page}?handler=Update", change)).StatusCode);
        Assert.Equal(("Feel safe at night", 2), ((await StoredAsync())[0].Name, (await StoredAsync())[0].Version));
        Assert.Contains("En sécurité la nuit", await PageForms.TextAsync(await world.World.Analyst.GetAsync(page + "?culture=fr")));

        var indicator = await planner.PostAsJsonAsync($"{SurveyWorld.Api}/indicators", new
        {
            code = "FEEL-SAFE", name = "Respondents who feel safe", unit = "%", type = "percentage", direction = "higherIsBetter",
            frequency = "yearly", measure = new { key = "surveys.feel-safe" },
        });
        Assert.Equal(HttpStatusCode.Created, indicator.StatusCode);
        Assert.Contains("id=\"confirm-remove\"", await PageForms.TextAsync(await planner.GetAsync($"{page}?remove={safe.Id}")));
        var inUse = await PageForms.PostAsync(planner, page, $"{page}?handler=Remove",
            new Dictionary<string, string> { ["Fields.Id"] = safe.Id.ToString(), ["Fields.Version"] = "2" });
        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        Assert.Contains("FEEL-SAFE", await PageForms.TextAsync(inUse));
        var unsafeOne = stored[1];
        var removed = await PageForms.PostAsync(planner, page, $"{page}?handler=Remove",
            new Dictionary<string, string> { ["Fields.Id"] = unsafeOne.Id.ToString(), ["Fields.Version"] = "1" });
        Assert.Equal($"{page}?done=removed", removed.Headers.Location!.OriginalString);
        Assert.Equal(["feel-safe"], (await StoredAsync()).Select(m => m.Slug).ToArray());

        var reader = await PageForms.TextAsync(await world.World.Analyst.GetAsync(page));
        Assert.Contains("surveys.feel-safe", reader);
        Assert.DoesNotContain("id=\"new-measure\"", reader);
        Assert.DoesNotContain("<script", reader[reader.IndexOf("<main", StringComparison.Ordinal)..].Split("</main>")[0]);
        Assert.Equal(HttpStatusCode.Forbidden, (await PageForms.PostAsync(world.World.Analyst, page, page, create)).StatusCode);
    }
}
