using System.Net;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Governance.Results.Public;

/// <summary>
/// The public results over HTTP as anyone gets them: only public indicators; security figures by area from 1 to k−1
/// suppressed (with the complement that would reveal them), mission totals as they are; nothing of who entered a value,
/// comments or follow-up flags; the page in English and French with the "fewer than 5" mark; rate-limited.
/// </summary>
public sealed class PublicResultsTests
{
    private const string Api = $"/api/v1/public/missions/{TestMission.Code}/indicators";
    private const string Page = $"/public/missions/{TestMission.Code}/results";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_API_lists_only_public_indicators_and_suppresses_small_security_figures_by_area_but_not_mission_totals(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await PublicResultsWorld.CreateAsync(app);
        var response = await app.CreateClient().GetAsync(Api);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var list = JsonDocument.Parse(text).RootElement;

        Assert.Equal([PublicResultsWorld.Entered, PublicResultsWorld.Security], list.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        var security = list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == PublicResultsWorld.Security);
        Assert.Equal("Incidents (FR)", security.GetProperty("nameFr").GetString());
        Assert.True(security.GetProperty("securityFigures").GetBoolean());
        Assert.StartsWith("incidents.test-only", security.GetProperty("formula").GetString());

        var january = Period(security, "202401");
        Assert.Equal(10, january.GetProperty("value").GetDouble());
        Assert.Equal((null, true, "small"), Area(january, "CF.AA"));
        Assert.Equal((7d, false, null), Area(january, "CF.BB"));
        Assert.Equal((null, true, "complementary"), Area(january, "CF.CC"));
        var february = Period(security, "202402");
        Assert.Equal([(7d, false, null), (8d, false, null), (12d, false, null)], new[] { "CF.AA", "CF.BB", "CF.CC" }.Select(a => Area(february, a)));
        var march = Period(security, "202403");
        Assert.Equal(3, march.GetProperty("value").GetDouble()); // a mission total of 3 is published as it is
        Assert.Equal((null, true, "small"), Area(march, "CF.AA"));
        Assert.Equal((null, true, "small"), Area(march, "CF.BB"));
        Assert.Equal((0d, false, null), Area(march, "CF.CC")); // two small cells: no complement needed, a zero is no one

        // An entered indicator is not a security figure: its small values by area are published.
        var patrols = Period(list.EnumerateArray().Single(i => i.GetProperty("code").GetString() == PublicResultsWorld.Entered), "202403");
        Assert.Equal((2d, false, null), Area(patrols, "CF.AA"));

        Assert.DoesNotContain(PublicResultsWorld.Comment, text);
        foreach (var name in new[] { "\"comment\"", "\"enteredBy\"", "\"followUp\"", "\"enteredAt\"", "\"numerator\"", "\"denominator\"" })
            Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_mission_without_public_indicators_answers_an_empty_list_and_an_unknown_mission_404(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var client = app.CreateClient();

        var empty = await client.GetAsync(Api);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("[]", await empty.Content.ReadAsStringAsync());
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/public/missions/NOWHERE/indicators"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/public/missions/NOWHERE/results")).StatusCode);
        Assert.Contains("This mission publishes no indicator yet.", await client.GetStringAsync(Page));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_page_shows_the_figures_in_English_and_French_with_the_fewer_than_mark_and_names_as_text(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await PublicResultsWorld.CreateAsync(app);
        var client = app.CreateClient();

        var page = await client.GetStringAsync(Page);
        Assert.Contains("Public results of ALPHA", page);
        Assert.Contains("data-suppressed=\"small\">fewer than 5</span>", page);
        Assert.DoesNotContain(PublicResultsWorld.Internal, page);
        Assert.DoesNotContain(PublicResultsWorld.Comment, page);
        Assert.DoesNotContain("<b>bold</b>", page);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", page);
        Assert.DoesNotContain("<script", page.Replace("<script src=\"/js/amani.js", ""), StringComparison.OrdinalIgnoreCase);

        var french = WebUtility.HtmlDecode(await client.GetStringAsync(Page + "?culture=fr"));
        Assert.Contains("Résultats publics de ALPHA", french);
        Assert.Contains("moins de 5", french);
        Assert.Contains("Incidents (FR)", french);
    }

    [Fact]
    public async Task The_API_and_the_page_are_rate_limited_per_address_with_retry_after()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings => settings with { AnonymousRequestsPerMinute = 2 });
        await TestMission.CreateAsync(app);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Api)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page)).StatusCode);
        foreach (var path in new[] { Api, Page })
        {
            var refused = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        }
    }

    private static JsonElement Period(JsonElement indicator, string period) =>
        indicator.GetProperty("periods").EnumerateArray().Single(p => p.GetProperty("period").GetString() == period);

    private static (double? Value, bool Suppressed, string? Why) Area(JsonElement period, string area)
    {
        var cell = period.GetProperty("areas").EnumerateArray().Single(a => a.GetProperty("area").GetString() == area);
        var value = cell.GetProperty("value");
        var why = cell.GetProperty("suppression");
        return (value.ValueKind == JsonValueKind.Null ? null : value.GetDouble(), cell.GetProperty("suppressed").GetBoolean(),
            why.ValueKind == JsonValueKind.Null ? null : why.GetString());
    }
}
