using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using MiniExcelLibs;
using Xunit;
using static Amani.Tests.Governance.Surveys.Submissions.MarketWatch;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>
/// The submissions of a small form as a table and as exports, checked cell by cell: the full CSV (formulas neutralised,
/// repeats joined, the point resolved to its admin areas), the HXL row, a repeat's table, the XLSX sheets, the GeoJSON,
/// and the shareable export for partners, in which no personal value, coordinate or submitter appears.
/// </summary>
public sealed class SubmissionExportTests
{
    private static readonly string[] FullHeader =
    [
        "instanceID", "submittedAt", "submitter", "reviewState", "formVersion", "child_count", "respondent_name", "phone", "village_name", "age",
        "needs", "gps", "gps_adm1", "gps_adm2", "gps_adm2_name", "comments", "child/child_name", "child/child_age",
    ];

    /// <summary>What a partner must never get: names, the phone number, the coordinates, the enumerators' team.</summary>
    private static readonly string[] Personal = ["Amina", "Kofi", "Esi", "75000001", "4.3612", "18.555", "Enumerator team A"];

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_full_CSV_holds_every_answer_cell_by_cell_with_repeats_joined_and_the_point_resolved_to_its_areas(DatabaseProvider provider)
    {
        await using var world = await SurveyWorld.StartAsync(provider);
        await SetUpAsync(world, Instance("uuid:m1"));

        var csv = await CsvAsync(world.Analyst, Url("submissions.csv"));
        Assert.Equal(FullHeader, csv[0]);
        var row = csv[1];
        Assert.Equal(2, csv.Count);
        Assert.Equal("uuid:m1", row[0]);
        Assert.True(DateTime.TryParse(row[1], out _), row[1]);
        Assert.Equal(["Enumerator team A", "received", "1", "2", "Amina Zara", "'+23675000001", "Bimbo", "34", "water shelter", "4.3612 18.5550 370.0 5.0",
            "CF.AA", Adm2, Adm2Name, "'=HYPERLINK(\"x\")", "Kofi | Esi", "3 | 5"], row[2..]);

        var hxl = await CsvAsync(world.Analyst, Url("submissions.hxl.csv"));
        Assert.Equal(FullHeader, hxl[0]);
        Assert.Equal(["", "", "", "", "", "", "#respondent+name", "#contact+phone", "#loc+name", "#respondent+age", "#need", "", "#adm1+code", "#adm2+code",
            "#adm2+name", "", "", ""], hxl[1]);
        Assert.Equal("uuid:m1", hxl[2][0]);

        var children = await CsvAsync(world.Analyst, Url("submissions.csv?repeat=child"));
        Assert.Equal([["PARENT_KEY", "KEY", "child/child_name", "child/child_age"], ["uuid:m1", "uuid:m1/child[1]", "Kofi", "3"],
            ["uuid:m1", "uuid:m1/child[2]", "Esi", "5"]], children);

        var split = await CsvAsync(world.Analyst, Url("submissions.csv?split=true"));
        var needs = Array.IndexOf(split[0], "needs");
        Assert.Equal(["needs/water", "needs/food", "needs/shelter"], split[0][(needs + 1)..(needs + 4)]);
        Assert.Equal(["1", "0", "1"], split[1][(needs + 1)..(needs + 4)]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_export_for_partners_leaves_out_personal_answers_coordinates_and_the_submitter_in_CSV_HXL_and_XLSX(DatabaseProvider provider)
    {
        await using var world = await SurveyWorld.StartAsync(provider);
        await SetUpAsync(world, Instance("uuid:m1"), Instance("uuid:m2", name: "Zara Amina", comments: "market closed"));

        var csv = await CsvAsync(world.Field, Url("submissions.csv?for=partners"));
        Assert.Equal(["instanceID", "submittedAt", "reviewState", "formVersion", "child_count", "village_name", "age", "needs", "gps_adm1", "gps_adm2",
            "gps_adm2_name", "comments", "child/child_age"], csv[0]);
        Assert.Equal(["received", "1", "2", "Bimbo", "34", "water shelter", "CF.AA", Adm2, Adm2Name, "market closed", "3 | 5"], csv[2][2..]);
        var hxl = await CsvAsync(world.Field, Url("submissions.hxl.csv?for=partners"));
        var children = await CsvAsync(world.Field, Url("submissions.csv?for=partners&repeat=child"));
        Assert.Equal(["PARENT_KEY", "KEY", "child/child_age"], children[0]);
        foreach (var file in new[] { csv, hxl, children })
            foreach (var cell in file.SelectMany(r => r))
                Assert.DoesNotContain(Personal, p => cell.Contains(p, StringComparison.Ordinal));

        var xlsx = await world.Field.GetAsync(Url("submissions.xlsx?for=partners"));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["submissions", "child"], MiniExcel.GetSheetNames(workbook));
        foreach (var sheet in new[] { "submissions", "child" })
        {
            workbook.Position = 0;
            var rows = MiniExcel.Query(workbook, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(sheet == "submissions" ? 3 : 5, rows.Count);
            foreach (var cell in rows.SelectMany(r => r.Values).Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""))
                Assert.DoesNotContain(Personal, p => cell.Contains(p, StringComparison.Ordinal));
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_full_XLSX_has_a_sheet_per_repeat_numbers_as_numbers_and_the_GeoJSON_a_point_per_answer_with_its_areas(DatabaseProvider provider)
    {
        await using var world = await SurveyWorld.StartAsync(provider);
        await SetUpAsync(world, Instance("uuid:m1"));

        using var workbook = new MemoryStream(await world.Analyst.GetByteArrayAsync(Url("submissions.xlsx")));
        var main = MiniExcel.Query(workbook, sheetName: "submissions").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(FullHeader, main[0].Values.Select(v => v?.ToString()));
        Assert.Equal("uuid:m1", main[1]["A"]);
        Assert.Equal(34d, Convert.ToDouble(main[1]["J"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Amina Zara", main[1]["G"]);
        Assert.Equal("=HYPERLINK(\"x\")", main[1]["P"]); // a value, never a formula
        workbook.Position = 0;
        var children = MiniExcel.Query(workbook, sheetName: "child").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["uuid:m1", "uuid:m1/child[2]", "Esi"], children[2].Values.Take(3).Select(v => v?.ToString()));

        var geo = await world.Analyst.GetFromJsonAsync<JsonElement>(Url("submissions.geojson"));
        var feature = Assert.Single(geo.GetProperty("features").EnumerateArray());
        Assert.Equal([18.555, 4.3612], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var properties = feature.GetProperty("properties");
        Assert.Equal(("uuid:m1", "received", "gps", "CF.AA", Adm2, Adm2Name), (properties.GetProperty("instanceID").GetString(),
            properties.GetProperty("reviewState").GetString(), properties.GetProperty("question").GetString(), properties.GetProperty("adm1").GetString(),
            properties.GetProperty("adm2").GetString(), properties.GetProperty("adm2Name").GetString()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_table_is_paged_with_cursors_and_its_binary_answers_link_to_the_attachment_endpoint(DatabaseProvider provider)
    {
        await using var world = await SurveyWorld.StartAsync(provider);
        foreach (var id in new[] { "uuid:h1", "uuid:h2" })
            Assert.Equal(HttpStatusCode.Created, (await world.SubmitAsync(SurveyWorld.Instance(id, "house.jpg", ["m1.jpg"]), ("house.jpg", "h"), ("m1.jpg", "m"))).StatusCode);

        var first = await world.Field.GetFromJsonAsync<JsonElement>($"{SurveyWorld.Api}/forms/{SurveyWorld.FormId}/submissions/table?limit=1");
        var columns = first.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["instanceID", "submittedAt", "submitter", "reviewState", "formVersion", "member_count", "consent", "household_size", "location",
            "location_adm1", "location_adm2", "location_adm2_name", "house_photo", "member/member_name", "member/member_photo"], columns);
        Assert.Equal(["member"], first.GetProperty("repeats").EnumerateArray().Select(r => r.GetString()));
        var row = Assert.Single(first.GetProperty("rows").EnumerateArray()).EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? null : c.GetString()).ToList();
        Assert.Equal("uuid:h1", row[0]);
        var link = row[columns.IndexOf("house_photo")]!;
        Assert.Equal($"{SurveyWorld.Api}/forms/{SurveyWorld.FormId}/submissions/uuid%3Ah1/attachments/house.jpg", link);
        Assert.Equal("h", await world.Field.GetStringAsync(link));
        Assert.Equal("CF.AA", row[columns.IndexOf("location_adm1")]);
        Assert.Null(row[columns.IndexOf("location_adm2")]); // the test mission has no admin-2 area

        var next = first.GetProperty("next").GetString()!;
        var second = await world.Field.GetFromJsonAsync<JsonElement>($"{SurveyWorld.Api}/forms/{SurveyWorld.FormId}/submissions/table?limit=1&cursor={Uri.EscapeDataString(next)}");
        Assert.Equal("uuid:h2", second.GetProperty("rows")[0][0].GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_audience_repeat_or_cursor_is_refused_and_partners_and_outsiders_of_a_sensitive_survey_get_nothing(DatabaseProvider provider)
    {
        await using var world = await SurveyWorld.StartAsync(provider);
        var api = $"{SurveyWorld.Api}/forms/{SurveyWorld.FormId}";
        Assert.Contains("'partners'", (await ProblemAssert.IsProblemAsync(await world.Field.GetAsync($"{api}/submissions.csv?for=public"),
            HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString());
        Assert.Contains("its repeats are: member", (await ProblemAssert.IsProblemAsync(await world.Field.GetAsync($"{api}/submissions.csv?repeat=nope"),
            HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await world.Field.GetAsync($"{api}/submissions/table?cursor=garbage"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Partner.GetAsync($"{api}/submissions.csv?for=partners"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.Field.GetAsync($"{SurveyWorld.Api}/forms/nope/submissions.xlsx"), HttpStatusCode.NotFound, "not-found");

        var survey = await world.Planner.GetAsync($"{SurveyWorld.Api}/surveys/{world.SurveyId}");
        var put = new HttpRequestMessage(HttpMethod.Put, $"{SurveyWorld.Api}/surveys/{world.SurveyId}")
            { Content = JsonContent.Create(new { name = "Household safety", sensitive = true, team = Array.Empty<Guid>() }) };
        put.Headers.IfMatch.Add(survey.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.SendAsync(put)).StatusCode);
        foreach (var format in new[] { "submissions.csv", "submissions.hxl.csv", "submissions.xlsx", "submissions.geojson", "submissions/table" })
            Assert.Contains("sensitive", (await ProblemAssert.IsProblemAsync(await world.Analyst.GetAsync($"{api}/{format}"), HttpStatusCode.Forbidden, "forbidden"))
                .GetProperty("detail").GetString());
    }
}
