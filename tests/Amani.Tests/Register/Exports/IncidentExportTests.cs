using Amani.Platform.Data;
using System.Net;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Tests.Register.Incidents.Query;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Exports;

public sealed class IncidentExportTests
{
    private const string Base = $"/api/v1/missions/{ExportWorld.Mission}/incidents";
    private const string PublicBase = $"/api/v1/public/missions/{ExportWorld.Mission}/incidents";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_format_parses_with_one_row_per_visible_incident_and_formulas_neutralised(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var world = await ExportWorld.CreateAsync(app);
        // Recorded last and the newest occurrence of all: newest-first would list it first, the order of recording lists it last.
        var recordedLast = await Fixtures.RecordAsync(world.Duty, new
        {
            source = "patrol", categoryCode = "riots", occurredAt = app.Clock.GetUtcNow(), description = "Recorded last", confidentiality = "mission",
        });
        // The recorder sees all, by id (UUID version 7): the order of recording, which a test cannot pin within one millisecond.
        var expected = ExportWorld.InRecordingOrder(world.PublicExact, world.MissionWest, world.PublicNowhere, world.Restricted);
        Assert.True(string.CompareOrdinal(expected[^1].ToString(), recordedLast.ToString()) < 0, "ids of later records sort later");
        expected = [.. expected, recordedLast];

        var csv = ExportWorld.ParseCsv(await ExportWorld.GetOkAsync(world.Duty, $"{Base}.csv", "text/csv", @"^ALPHA-incidents-\d{8}\.csv$"));
        var rows = ExportWorld.Records(csv);
        Assert.Equal(expected, rows.Select(r => Guid.Parse(r["id"])));
        var row = rows.ToDictionary(r => Guid.Parse(r["id"]));
        var exact = row[world.PublicExact];
        Assert.Equal("'" + ExportWorld.Formula, exact["description"]);
        Assert.Equal("Allied militia; Armed group X", exact["actor1"]); // one side's actors by name, ACLED's "; " between them
        Assert.Equal("'-Militia, \"the\" one", exact["actor2"]);
        Assert.Equal(("Battles", "Armed clash", "3", "1"), (exact["event_type"], exact["event_subtype"], exact["fatalities"], exact["civilian_fatalities"]));
        Assert.Equal(("Ombella-M'Poko", "CF.AA", "Boali", ExportWorld.PlaceName), (exact["adm1_name"], exact["adm1_code"], exact["adm2_name"], exact["location"]));
        Assert.Equal(("4.5512", "18.5534", "1", "public"), (exact["latitude"], exact["longitude"], exact["location_precision"], exact["confidentiality"]));
        var west = row[world.MissionWest];
        Assert.Equal(("-12.5", "Riot,\nwith a line break", "media"), (west["longitude"], west["description"], west["source"])); // a number stays a number
        Assert.Equal(("'" + ExportWorld.AtFormula, ""), (row[world.PublicNowhere]["description"], row[world.PublicNowhere]["latitude"]));
        Assert.Equal("reported", row[world.Restricted]["status"]);

        var hxl = ExportWorld.ParseCsv(await ExportWorld.GetOkAsync(world.Duty, $"{Base}.hxl.csv", "text/csv", @"^ALPHA-incidents-\d{8}\.hxl\.csv$"));
        Assert.Equal(csv[0], hxl[0]);
        Assert.Equal(["#event+id", "#date+occurred"], hxl[1].Take(2));
        foreach (var tag in new[] { "#date+reported", "#event+type", "#event+subtype", "#group+actor1", "#group+actor2", "#affected+killed",
                     "#affected+killed+civilians", "#adm1+name", "#adm1+code", "#adm2+name", "#loc+name", "#geo+lat", "#geo+lon", "#geo+precision",
                     "#status", "#meta+source" })
            Assert.Contains(tag, hxl[1]);
        Assert.All(hxl[1], tag => Assert.Matches(@"^#([a-z0-9]+(\+[a-z0-9]+)*|x_[a-z0-9_]+)$", tag));
        Assert.Equal(csv.Skip(1), hxl.Skip(2));
        Assert.All(ExportWorld.Records(hxl, skip: 2), r => Assert.DoesNotContain("#", r["id"]));

        var features = ExportWorld.Features(await ExportWorld.GetOkAsync(world.Duty, $"{Base}.geojson", "application/geo+json", @"^ALPHA-incidents-\d{8}\.geojson$"));
        Assert.Equal(expected, features.Select(f => f.GetProperty("id").GetGuid()));
        var feature = features.ToDictionary(f => f.GetProperty("id").GetGuid());
        Assert.Equal([18.5534, 4.5512], feature[world.PublicExact].GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("Point", feature[world.PublicExact].GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(-12.5, feature[world.MissionWest].GetProperty("properties").GetProperty("longitude").GetDouble());
        Assert.Equal(JsonValueKind.Null, feature[world.PublicNowhere].GetProperty("geometry").ValueKind);
        Assert.Equal(ExportWorld.Formula, feature[world.PublicExact].GetProperty("properties").GetProperty("description").GetString()); // JSON carries the text as is
        Assert.Equal(3, feature[world.PublicExact].GetProperty("properties").GetProperty("fatalities").GetInt32());

        var bom = await (await world.Duty.GetAsync($"{Base}.csv?bom=true")).Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bom.Take(3));
        var plain = await (await world.Duty.GetAsync($"{Base}.csv")).Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'i', plain[0]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Exports_show_each_caller_what_the_list_shows_and_the_public_a_coarsened_view_without_free_text(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var world = await ExportWorld.CreateAsync(app);
        var otherPartner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, ExportWorld.Mission, world.Other));
        var grantedPartner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, ExportWorld.Mission, world.Granted));
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, ExportWorld.Mission));

        async Task<List<Guid>> Ids(HttpClient client, string url) =>
            ExportWorld.Records(ExportWorld.ParseCsv(await (await client.GetAsync(url)).Content.ReadAsStringAsync())).Select(r => Guid.Parse(r["id"])).ToList();
        Assert.Equal([world.PublicExact, world.PublicNowhere], await Ids(otherPartner, $"{Base}.csv"));
        Assert.Equal([world.PublicExact, world.PublicNowhere, world.Restricted], await Ids(grantedPartner, $"{Base}.csv"));
        Assert.Equal([world.PublicExact, world.MissionWest, world.PublicNowhere], await Ids(analyst, $"{Base}.csv"));
        Assert.Equal(2, ExportWorld.Features(await (await otherPartner.GetAsync($"{Base}.geojson")).Content.ReadAsStringAsync()).Count);

        var anonymous = app.CreateClient();
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"{Base}.csv"), HttpStatusCode.Unauthorized, "unauthenticated");
        foreach (var format in new[] { "csv", "hxl.csv", "geojson" })
        {
            var raw = await ExportWorld.GetOkAsync(anonymous, $"{PublicBase}.{format}", format == "geojson" ? "application/geo+json" : "text/csv",
                @$"^ALPHA-public-incidents-\d{{8}}\.{format.Replace(".", @"\.")}$");
            foreach (var secret in new[] { "4.5512", "18.5534", ExportWorld.PlaceName, "HYPERLINK", "Restricted detail", "Riot", world.DutyUser.Id.ToString(),
                         world.DutyUser.Email, world.MissionWest.ToString(), world.Restricted.ToString() })
                Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        }
        var publicRows = ExportWorld.Records(ExportWorld.ParseCsv(await (await anonymous.GetAsync($"{PublicBase}.csv")).Content.ReadAsStringAsync()));
        Assert.Equal(ExportWorld.InRecordingOrder(world.PublicExact, world.PublicNowhere), publicRows.Select(r => Guid.Parse(r["id"])));
        var publicRow = publicRows.ToDictionary(r => Guid.Parse(r["id"]));
        var coarse = publicRow[world.PublicExact];
        Assert.Equal(("4.6", "18.6", "3", "Boali", "CF.AA.01", "Ombella-M'Poko"),
            (coarse["latitude"], coarse["longitude"], coarse["location_precision"], coarse["adm2_name"], coarse["adm2_code"], coarse["adm1_name"]));
        Assert.Equal(("", "", "", "", ""), (coarse["description"], coarse["location"], coarse["status"], coarse["source"], coarse["reported_at"]));
        Assert.Equal("'" + ExportWorld.AtFormula, publicRow[world.PublicNowhere]["description"]); // approved for the public, still neutralised
        var publicFeatures = ExportWorld.Features(await (await anonymous.GetAsync($"{PublicBase}.geojson")).Content.ReadAsStringAsync());
        var coarseFeature = publicFeatures.Single(f => f.GetProperty("id").GetGuid() == world.PublicExact);
        Assert.Equal([18.6, 4.6], coarseFeature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync($"/api/v1/public/missions/NOPE/incidents.csv"), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Exports_apply_the_list_filters_and_refuse_bad_ones_before_writing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var world = await ExportWorld.CreateAsync(app);
        async Task<List<Guid>> Ids(HttpClient client, string url) =>
            ExportWorld.Features(await ExportWorld.GetOkAsync(client, url, "application/geo+json", ".")).Select(f => f.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([world.PublicExact, world.Restricted], await Ids(world.Duty, $"{Base}.geojson?category=battles"));
        Assert.Equal([world.PublicExact, world.PublicNowhere], await Ids(world.Duty, $"{Base}.geojson?area=CF.AA.01"));
        Assert.Equal([world.MissionWest], await Ids(world.Duty, $"{Base}.geojson?bbox=-13,4,-12,5"));
        Assert.Equal([world.MissionWest], await Ids(world.Duty, $"{Base}.geojson?source=media"));
        Assert.Equal([world.PublicNowhere], await Ids(world.Duty, $"{Base}.geojson?q=sum"));
        Assert.Equal([world.Restricted], await Ids(world.Duty, $"{Base}.geojson?to={Uri.EscapeDataString(app.Clock.GetUtcNow().AddHours(-3.5).ToString("O"))}"));
        Assert.Empty(await Ids(world.Duty, $"{Base}.geojson?status=verified"));
        Assert.Equal([world.PublicExact], await Ids(app.CreateClient(), $"{PublicBase}.geojson?category=battles"));

        foreach (var (url, field) in new[] { ($"{Base}.csv?area=NOPE", "area"), ($"{Base}.hxl.csv?bbox=1,2,3", "bbox"), ($"{Base}.geojson?status=closing", "status"),
                     ($"{PublicBase}.csv?area=NOPE", "area") })
        {
            var problem = await ProblemAssert.IsProblemAsync(await (url.Contains("public") ? app.CreateClient() : world.Duty).GetAsync(url),
                HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }
    }
}
