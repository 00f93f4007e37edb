using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.Rounds.RoundWorld;

namespace Amani.Tests.Governance.Surveys.Rounds;

/// <summary>
/// A round's manage page (no script): a manager changes the design with the version the page was loaded with (a stale
/// one refused, 409, nothing written), replaces the strata's populations from a CSV file (a bad file refused beside its
/// field), publishes and withdraws the round; a reader neither sees the link nor opens the page (404, as any mission page it may not open).
/// </summary>
public sealed partial class RoundManagePageTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_manager_changes_the_design_imports_populations_and_publishes_from_the_page(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await world.SendHandDesignAsync();
        var (id, _) = await world.CreateRoundAsync();
        var roundPage = $"/missions/{SurveyWorld.Mission}/surveys/{world.World.SurveyId}/rounds/{id}";
        var manage = roundPage + "/manage";
        var planner = world.World.Planner;

        Assert.DoesNotContain("id=\"manage-round\"", await PageForms.TextAsync(await world.World.Analyst.GetAsync(roundPage)));
        Assert.Equal(HttpStatusCode.NotFound, (await world.World.Analyst.GetAsync(manage)).StatusCode); // surveys:read only: as for any page it may not open
        Assert.Contains($"href=\"{manage}\"", await PageForms.TextAsync(await planner.GetAsync(roundPage)));
        var loaded = await PageForms.TextAsync(await planner.GetAsync(manage));
        Assert.Contains("value=\"2026 round\"", loaded);
        Assert.Contains($"pcode,population\n{A},1000\n{B},3000", loaded);   // the strata as the CSV the form takes
        Assert.Contains("Publier", await (await planner.GetAsync(manage + "?culture=fr")).Content.ReadAsStringAsync());

        var fields = Fields(world, "2026 round (revised)", version: 1);
        var changed = await PageForms.PostAsync(planner, manage, manage + "?handler=Design", fields);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(roundPage, changed.Headers.Location!.OriginalString);
        var round = await RoundAsync(world, id);
        Assert.Equal(("2026 round (revised)", 12, 2), (round.Name, round.MinimumCellSize, round.Version));

        var stale = await PageForms.PostAsync(planner, manage, manage + "?handler=Design", Fields(world, "Lost change", version: 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("The round was changed since you loaded it.", await PageForms.TextAsync(stale));
        Assert.Equal(("2026 round (revised)", 2), ((await RoundAsync(world, id)).Name, (await RoundAsync(world, id)).Version));

        var badFile = await PostFileAsync(planner, manage, 2, $"pcode,population\n{A},-5\n");
        Assert.Equal(HttpStatusCode.BadRequest, badFile.StatusCode);
        Assert.Contains("id=\"file-error\"", await PageForms.TextAsync(badFile));
        var imported = await PostFileAsync(planner, manage, 2, $"pcode,population\n{A},2000\n{B},3000\n");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        round = await RoundAsync(world, id);
        Assert.Equal((2000.0, 3), (round.Strata.Single(s => s.Pcode == A).Population, round.Version));

        var published = await PageForms.PostAsync(planner, manage, manage + "?handler=Publication", new Dictionary<string, string> { ["version"] = "3", ["publish"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.True((await RoundAsync(world, id)).Published);
        Assert.Contains("Withdraw the publication", await PageForms.TextAsync(await planner.GetAsync(manage)));
        var withdrawn = await PageForms.PostAsync(planner, manage, manage + "?handler=Publication", new Dictionary<string, string> { ["version"] = "4", ["publish"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.False((await RoundAsync(world, id)).Published);

        Assert.Equal(HttpStatusCode.NotFound, (await PageForms.PostAsync(world.World.Analyst, roundPage, manage + "?handler=Publication",
            new Dictionary<string, string> { ["version"] = "5", ["publish"] = "true" })).StatusCode);
        Assert.False((await RoundAsync(world, id)).Published);
    }

    private static Dictionary<string, string> Fields(RoundWorld world, string name, int version)
    {
        var today = DateOnly.FromDateTime(world.World.App.Clock.GetUtcNow().UtcDateTime);
        return new Dictionary<string, string>
        {
            ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Fields.Name"] = name, ["Fields.XmlFormId"] = FormId,
            ["Fields.FieldworkStart"] = today.AddDays(-7).ToString("yyyy-MM-dd"), ["Fields.FieldworkEnd"] = today.AddDays(7).ToString("yyyy-MM-dd"),
            ["Fields.StratumQuestion"] = "area", ["Fields.ClusterQuestion"] = "village", ["Fields.SexQuestion"] = "sex", ["Fields.AgeQuestion"] = "age",
            ["Fields.ConsentQuestion"] = "consent", ["Fields.MinimumCellSize"] = "12", ["Fields.Populations"] = $"pcode,population\n{A},1000\n{B},3000",
        };
    }

    private static Task<SurveyRoundRecord> RoundAsync(RoundWorld world, Guid id) =>
        world.World.App.WithDbAsync(db => db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata).SingleAsync(r => r.Id == id));

    [GeneratedRegex("<meta name=\"amani-csrf\" content=\"([^\"]+)\"")]
    private static partial Regex Token();

    /// <summary>The populations form posted as a browser does: multipart, the file and the version, the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string page, int version, string csv)
    {
        var token = WebUtility.HtmlDecode(Token().Match(await client.GetStringAsync(page)).Groups[1].Value);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
            { file, "file", "populations.csv" },
        };
        return await client.PostAsync(page + "?handler=Populations", body);
    }
}
