using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Tests.Governance.Surveys.Forms;
using Amani.Tests.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>
/// A small XLSForm for the submissions' table and exports: a respondent's name and phone (personal, by their names and
/// HXL tags), a village name marked <c>personal: no</c>, an age, a select_multiple, a geopoint, free text, and a repeat of
/// children (whose names are personal). The mission gets an admin-2 area, Bimbo-Centre (CF.AA.01), around the point.
/// </summary>
internal static class MarketWatch
{
    public const string FormId = "market_watch", Adm2 = "CF.AA.01", Adm2Name = "Bimbo-Centre";

    public static byte[] Workbook()
    {
        var form = new XlsForm()
            .Survey(["type", "name", "label", "hxl", "personal"],
                ["text", "respondent_name", "Name", "#respondent+name", null],
                ["text", "phone", "Phone", "#contact+phone", null],
                ["text", "village_name", "Village", "#loc+name", "no"],
                ["integer", "age", "Age", "#respondent+age", null],
                ["select_multiple needs", "needs", "Needs", "#need", null],
                ["geopoint", "gps", "Location", null, null],
                ["text", "comments", "Comments", null, null],
                ["begin repeat", "child", "Child", null, null],
                ["text", "child_name", "Child's name", null, null],
                ["integer", "child_age", "Child's age", null, null],
                ["end repeat", "", "", null, null])
            .Choices(["list_name", "name", "label"], ["needs", "water", "Water"], ["needs", "food", "Food"], ["needs", "shelter", "Shelter"])
            .Settings(["form_title", "form_id", "version"], "Market watch", FormId, "1");
        return form.Stream().ToArray();
    }

    public static string Instance(string instanceId, string name = "Amina Zara", string comments = "=HYPERLINK(\"x\")") => $"""
        <data id="{FormId}" version="1"><respondent_name>{name}</respondent_name><phone>+23675000001</phone><village_name>Bimbo</village_name>
        <age>34</age><needs>water shelter</needs><gps>4.3612 18.5550 370.0 5.0</gps><comments>{System.Security.SecurityElement.Escape(comments)}</comments>
        <child><child_name>Kofi</child_name><child_age>3</child_age></child><child><child_name>Esi</child_name><child_age>5</child_age></child>
        <meta><instanceID>{instanceId}</instanceID></meta></data>
        """;

    /// <summary>Imports the form, adds the admin-2 area and sends <paramref name="instances"/> as the world's app user.</summary>
    public static async Task SetUpAsync(SurveyWorld world, params string[] instances)
    {
        var body = new MultipartFormDataContent();
        var file = new ByteArrayContent(Workbook());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        body.Add(file, "file", "market.xlsx");
        var imported = await world.Planner.PostAsync($"{SurveyWorld.Api}/forms", body);
        Assert.True(imported.StatusCode == HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        await world.App.WithScopeAsync(async services =>
        {
            var mission = await services.GetRequiredService<AmaniDbContext>().Missions.FirstAsync(m => m.Code == TestMission.Code);
            var square = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[18.5,4.3],[18.6,4.3],[18.6,4.4],[18.5,4.4],[18.5,4.3]]]}""").RootElement;
            var added = await services.GetRequiredService<AreaRules>().AddAsync(mission,
                new CreateAreaRequest(Adm2, Adm2Name, 2, TestMission.Province, square, null, null), CancellationToken.None);
            Assert.Null(added.Refusal);
            await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
            return true;
        });
        foreach (var instance in instances)
        {
            var sent = await world.SubmitAsync(instance);
            Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        }
    }

    public static string Url(string rest) => $"{SurveyWorld.Api}/forms/{FormId}/{rest}";

    /// <summary>A CSV file's records, read with CsvHelper (the byte order mark dropped).</summary>
    public static async Task<List<string[]>> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        using var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var records = new List<string[]>();
        while (await reader.ReadAsync())
            records.Add(reader.Parser.Record!);
        return records;
    }
}
