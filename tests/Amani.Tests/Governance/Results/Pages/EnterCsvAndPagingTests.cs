using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amani.Governance.Results;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>
/// Two additions to the results pages, over HTTP as a browser without JavaScript uses them: a CSV file uploaded on the
/// data-entry page (the API's import: a bad line listed by its number and nothing written; a good file written), and
/// the indicator page's values table paged newest first with links to the older and newer periods.
/// </summary>
public sealed class EnterCsvAndPagingTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_CSV_file_uploaded_on_the_entry_page_lists_its_bad_lines_and_writes_nothing_or_writes_all(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var indicator = await app.WithScopeAsync(async services =>
        {
            var created = await ResultsPageData.CreateIndicatorAsync(services, "MEETINGS", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            await ResultsPageData.CreatePlanAsync(services, planner.Id, created);
            return created;
        });
        var client = await app.SignInAsync(planner);
        var enter = $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}/enter";
        Assert.Contains("enctype=\"multipart/form-data\"", await client.GetStringAsync(enter + "?period=202402"));

        var bad = await UploadAsync(client, enter + "?handler=Csv&period=202402", "indicator,period,area,value\nMEETINGS,202402,,7\nMEETINGS,202403,,seven\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was written: 1 value(s) of the file were refused.", html);
        Assert.Contains("<li>line 3 — Value:", html);
        Assert.DoesNotContain("line 2 —", html);
        Assert.Empty(await app.WithDbAsync(db => db.Set<IndicatorValue>().ToListAsync()));

        var unreadable = await UploadAsync(client, enter + "?handler=Csv", "who,when\nme,now\n");
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("The file cannot be read, nothing was written", WebUtility.HtmlDecode(await unreadable.Content.ReadAsStringAsync()));
        var none = await client.PostAsync(enter + "?handler=Csv", new MultipartFormDataContent { { new StringContent(""), "file" } }); // no file chosen
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Choose a CSV file to import", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()));

        var good = await UploadAsync(client, enter + "?handler=Csv&period=202402", "indicator,period,area,value\nMEETINGS,202402,,7\nMEETINGS,202403,,9\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("Imported from the file: 2 value(s) written, 0 unchanged.", await client.GetStringAsync(good.Headers.Location!.OriginalString));
        var values = await app.WithDbAsync(db => db.Set<IndicatorValue>().OrderBy(v => v.Period).Select(v => new { v.Period, v.Value, v.EnteredByUserId }).ToListAsync());
        Assert.Equal([("202402", 7.0, (Guid?)planner.Id), ("202403", 9.0, planner.Id)], values.Select(v => (v.Period, v.Value, v.EnteredByUserId)));

        // A duty officer does not enter values: the upload is refused like the page (404 in the mission's pages).
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(duty, enter + "?handler=Csv", "indicator,period,value\nMEETINGS,202404,1\n")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<IndicatorValue>().CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_values_table_pages_newest_first_with_links_to_older_and_newer_periods(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var indicator = await app.WithScopeAsync(async services =>
        {
            var created = await ResultsPageData.CreateIndicatorAsync(services, "PATROLS", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            await ResultsPageData.CreatePlanAsync(services, planner.Id, created);
            foreach (var (period, value) in new[] { ("202401", 1.0), ("202402", 2.0), ("202403", 3.0), ("202404", 4.0), ("202405", 5.0) })
                await ResultsPageData.EnterAsync(services, created, period, value);
            return created;
        });
        var client = await app.SignInAsync(planner);
        var page = $"/missions/{TestMission.Code}/results/indicators/{indicator.Id}";

        var all = await client.GetStringAsync(page);
        Assert.Equal(["202405", "202404", "202403", "202402", "202401"], Periods(all));
        Assert.DoesNotContain("period-pager", all);

        var first = await client.GetStringAsync(page + "?limit=2");
        Assert.Equal(["202405", "202404"], Periods(first));
        Assert.DoesNotContain("id=\"newer-periods\"", first);
        var second = await client.GetStringAsync(Link(first, "older-periods"));
        Assert.Equal(["202403", "202402"], Periods(second));
        var third = await client.GetStringAsync(Link(second, "older-periods"));
        Assert.Equal(["202401"], Periods(third));
        Assert.DoesNotContain("id=\"older-periods\"", third);
        Assert.Equal(["202403", "202402"], Periods(await client.GetStringAsync(Link(third, "newer-periods"))));
        Assert.Equal(["202405", "202404"], Periods(await client.GetStringAsync(Link(second, "newer-periods"))));
        Assert.Contains("Périodes plus anciennes", WebUtility.HtmlDecode(await client.GetStringAsync(page + "?limit=2&culture=fr")));

        var forged = await client.GetAsync(page + "?after=not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var html = await forged.Content.ReadAsStringAsync();
        Assert.Contains("is not one this server gave out", WebUtility.HtmlDecode(html));
        Assert.Equal(["202405", "202404", "202403", "202402", "202401"], Periods(html));
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync(path, new MultipartFormDataContent { { file, "file", "values.csv" } });
    }

    /// <summary>The periods of the values table, in the order shown.</summary>
    private static List<string> Periods(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<tr data-period=\"(\\d+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Link(string html, string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<a href=\"([^\"]+)\"[^>]*id=\"{id}\"");
        Assert.True(match.Success, $"No link #{id}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
