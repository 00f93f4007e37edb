using System.Net;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// The rounds list page (no script): each round with its form, fieldwork, respondents and publication, linked to its page;
/// a manager creates a round through its form (a refusal shown next to its field, nothing stored); a reader sees no form.
/// </summary>
public sealed class RoundsPageTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_page_lists_the_rounds_and_a_manager_creates_one(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var (first, _) = await world.CreateRoundAsync();
        var page = $"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/rounds";

        var survey = await PageForms.TextAsync(await world.World.Analyst.GetAsync($"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}"));
        Assert.Contains($"href=\"{page}\"", survey);
        var read = await world.World.Analyst.GetAsync(page);
        var html = await PageForms.TextAsync(read);
        Assert.True(read.StatusCode == HttpStatusCode.OK, html);
        var table = html[html.IndexOf("id=\"rounds\"", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"{page}/{first}\"", table);
        Assert.Contains("2026 round", table);
        Assert.Contains("<td>12</td>", table);   // the 12 respondents of the hand design
        Assert.Contains("<td>no</td>", table);   // not published
        Assert.DoesNotContain("id=\"new-round\"", html);   // an analyst reads only
        Assert.DoesNotContain("<script", html[html.IndexOf("<main", StringComparison.Ordinal)..].Split("</main>")[0]);
        Assert.Contains("Vagues", await (await world.World.Analyst.GetAsync(page + "?culture=fr")).Content.ReadAsStringAsync());

        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var fields = new Dictionary<string, string>
        {
            ["Fields.Name"] = "Second round", ["Fields.XmlFormId"] = FormId, ["Fields.FieldworkStart"] = today, ["Fields.FieldworkEnd"] = today,
            ["Fields.StratumQuestion"] = "village", ["Fields.ClusterQuestion"] = "village", ["Fields.MinimumCellSize"] = "30",
            ["Fields.Populations"] = $"pcode,population\n{A},1000\n{B},3000",
        };
        var refused = await PageForms.PostAsync(world.World.Planner, page, page, fields);
        var refusedHtml = await PageForms.TextAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"stratumQuestion-error\"", refusedHtml);    // village is a text, not a select_one
        Assert.Contains("value=\"Second round\"", refusedHtml);          // what was typed is kept
        fields["Fields.StratumQuestion"] = "area";
        var badCsv = await PageForms.PostAsync(world.World.Planner, page, page, new Dictionary<string, string>(fields) { ["Fields.Populations"] = $"pcode,population\n{A},-5" });
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        Assert.Contains("id=\"populations-error\"", await PageForms.TextAsync(badCsv));
        Assert.Equal(1, await world.World.App.WithDbAsync(db => db.Set<SurveyRoundRecord>().CountAsync()));   // nothing of a refusal stored

        var created = await PageForms.PostAsync(world.World.Planner, page, page, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var round = await world.World.App.WithDbAsync(db => db.Set<SurveyRoundRecord>().Include(r => r.Strata).SingleAsync(r => r.Name == "Second round"));
        Assert.Equal($"{page}/{round.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(2, round.Strata.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await PageForms.PostAsync(world.World.Analyst, page, page, fields)).StatusCode);
    }
}
