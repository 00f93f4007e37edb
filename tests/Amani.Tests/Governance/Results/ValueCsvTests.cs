using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Governance.Results;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Governance.Results;

public sealed class ValueCsvTests
{
    private const string Url = $"/api/v1/missions/{TestMission.Code}/results/csv";

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Exported_values_imported_again_are_identical_with_numerators_and_comments(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        await ExchangeWorld.SeedAsync(app, mission.Id);
        Assert.True((await ExchangeWorld.EnterAsync(app, mission.Id,
            ExchangeWorld.Line(ExchangeWorld.Answered, new ValueInput("2024Q2", "", "", null, 30, 40, "-5 on last quarter")))).Succeeded);
        var before = await ExchangeWorld.ValuesAsync(app, mission.Id);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));

        var exported = await officer.GetAsync(Url);
        Assert.Equal("text/csv", exported.Content.Headers.ContentType?.MediaType);
        var csv = await exported.Content.ReadAsStringAsync();
        Assert.StartsWith("indicator,period,area,disaggregation,value,numerator,denominator,comment,follow_up,computed,entered_by,entered_at\r\n", csv);
        Assert.Contains($"{ExchangeWorld.Answered},2024Q2,,,75,30,40,'-5 on last quarter,false,false,,", csv); // neutralised for spreadsheets
        Assert.Contains("\"Two lines\nof comment\"", csv);
        Assert.Equal(6, await app.WithDbAsync(db => ExchangeWorld.DeleteEnteredAsync(db, mission.Id)));

        var imported = await officer.PostAsync(Url, Csv(csv));
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        Assert.Equal(6, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("written").GetInt32());
        Assert.Equal(before, await ExchangeWorld.ValuesAsync(app, mission.Id));
        var shown = await officer.GetStringAsync(Url);
        Assert.Contains(",false,false,", shown);
        Assert.Matches(@",\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\r\n", shown);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Refused_lines_are_listed_by_their_line_in_the_file_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        await ExchangeWorld.ApproveAsync(app, mission.Id, ExchangeWorld.Budget, "2023");
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));
        var csv = string.Join("\r\n",
            "Indicator,Period,Area,Disaggregation,Value,Numerator,Denominator,Comment,Follow_Up",   // 1
            $"{ExchangeWorld.Budget},2024,,,100,,,\"a comment",                                      // 2
            "over two lines\",",                                                                     // 3
            "",                                                                                      // 4
            "NO-SUCH,2024,,,1,,,,",                                                                  // 5
            $"{ExchangeWorld.Killed},202401,CF.ZZ,,1,,,,",                                           // 6
            $"{ExchangeWorld.Killed},202401,CF.AA,age:0-17,1,,,,",                                   // 7
            $"{ExchangeWorld.Killed},2024,CF.AA,,1,,,,",                                             // 8
            $"{ExchangeWorld.Killed},202401,CF.AA,,2.5,,,,",                                         // 9
            $"{ExchangeWorld.Answered},2024Q1,,,,50,40,,",                                           // 10
            $"{ExchangeWorld.Budget},2023,,,5,,,,",                                                  // 11
            $"{ExchangeWorld.Budget},2022,,,abc,,,,",                                                // 12
            $"{ExchangeWorld.Budget},2021,,,1,,,,maybe",                                             // 13
            $"{ExchangeWorld.Budget},2020,,,1,,",                                                    // 14
            "");

        var problem = await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, Csv(csv)), HttpStatusCode.BadRequest, "validation");
        var rejects = problem.GetProperty("rejects").EnumerateArray()
            .Select(r => (r.GetProperty("where").GetString(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal(
        [
            ("line 5", "indicator"), ("line 6", "area"), ("line 7", "disaggregation"), ("line 8", "period"), ("line 9", "value"),
            ("line 10", "numerator"), ("line 11", "period"), ("line 12", "value"), ("line 13", "follow_up"), ("line 14", "line"),
        ], rejects);
        Assert.Contains("'abc' is not a number", problem.GetProperty("rejects")[7].GetProperty("message").GetString());
        Assert.Contains("exceeds the denominator", problem.GetProperty("rejects")[5].GetProperty("message").GetString());
        Assert.Empty(await ExchangeWorld.ValuesAsync(app, mission.Id)); // not even line 2, which is valid
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_header_with_an_unknown_or_without_a_required_column_is_refused_by_name(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await ExchangeWorld.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));

        foreach (var (csv, named) in new[]
                 {
                     ("indicator,period,value,colour\r\nBUDGET,2024,1,red\r\n", "'colour'"),
                     ("indicator,value\r\nBUDGET,1\r\n", "period"),
                     ("indicator,period,numerator\r\nBUDGET,2024,1\r\n", "value (or numerator and denominator)"),
                     ("indicator,period,value,Value\r\nBUDGET,2024,1,1\r\n", "more than once: value"),
                     ("", "empty"),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, Csv(csv)), HttpStatusCode.BadRequest, "malformed-request");
            Assert.Contains(named, problem.GetProperty("detail").GetString());
        }
        await ProblemAssert.IsProblemAsync(await officer.PostAsync(Url, new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Empty(await ExchangeWorld.ValuesAsync(app, mission.Id));

        var minimal = await officer.PostAsync(Url, Csv("\uFEFFINDICATOR,period,value\nBUDGET,2024,17\n"));
        Assert.True(minimal.StatusCode == HttpStatusCode.OK, await minimal.Content.ReadAsStringAsync());
        Assert.Equal(17, Assert.Single(await ExchangeWorld.ValuesAsync(app, mission.Id)).Value);
    }
}
