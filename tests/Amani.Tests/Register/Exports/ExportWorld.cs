using System.Globalization;
using System.Net;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Tests.Register.Incidents.Query;
using Amani.Tests.Infrastructure;
using CsvHelper;
using CsvHelper.Configuration;
using Xunit;

namespace Amani.Tests.Register.Exports;

/// <summary>
/// Mission ALPHA with district CF.AA.01 (centroid 4.6, 18.6) and four incidents recorded by one duty officer:
/// a public one with exact coordinates and a formula as description, a mission one at longitude -12.5, a public one
/// without coordinates whose approved description starts with "@", and one restricted to the "Granted NGO".
/// </summary>
public sealed class ExportWorld
{
    public const string Mission = TestMission.Code;
    public const string Formula = "=HYPERLINK(\"http://evil.example/\",\"click\")";
    public const string AtFormula = "@SUM(1)";
    public const string PlaceName = "Behind the Boali mosque";

    public required TestUser DutyUser { get; init; }
    public required HttpClient Duty { get; init; }
    public required Guid Granted { get; init; }
    public required Guid Other { get; init; }
    public required Guid PublicExact { get; init; }
    public required Guid MissionWest { get; init; }
    public required Guid PublicNowhere { get; init; }
    public required Guid Restricted { get; init; }

    public static async Task<ExportWorld> CreateAsync(TestApp app)
    {
        await TestMission.CreateAsync(app);
        await Fixtures.AddAreasAsync(app);
        var granted = await Fixtures.OrganizationAsync(app, "Granted NGO");
        var other = await Fixtures.OrganizationAsync(app, "Other NGO");
        var dutyUser = await app.CreateUserAsync(Role.DutyOfficer, Mission);
        var duty = await app.SignInAsync(dutyUser);
        var now = app.Clock.GetUtcNow();
        var publicExact = await Fixtures.RecordAsync(duty, new
        {
            source = "patrol", categoryCode = "battles.armed-clash", occurredAt = now.AddHours(-1), latitude = 4.5512, longitude = 18.5534,
            placeName = PlaceName, areaPCode = "CF.AA.01.X", description = Formula, descriptionPublic = false, confidentiality = "public",
            fatalitiesBest = 3, civilianFatalities = 1,
            actors = new object[]
            {
                new { name = "Armed group X", side = 1, type = "rebelGroup" }, new { name = "-Militia, \"the\" one", side = 2 },
                new { name = "Allied militia", side = 1 },
            },
        });
        var missionWest = await Fixtures.RecordAsync(duty, new
        {
            source = "media", categoryCode = "riots", occurredAt = now.AddHours(-2), latitude = 4.2, longitude = -12.5,
            description = "Riot,\nwith a line break", confidentiality = "mission",
        });
        var publicNowhere = await Fixtures.RecordAsync(duty, new
        {
            source = "partner", categoryCode = "protests", occurredAt = now.AddHours(-3), areaPCode = "CF.AA.01", description = AtFormula,
            descriptionPublic = true, confidentiality = "public",
        });
        await Fixtures.PublishAsync(app, publicNowhere);
        var restricted = await Fixtures.RecordAsync(duty, new
        {
            source = "patrol", categoryCode = "battles", occurredAt = now.AddHours(-4), latitude = 4.4, longitude = 18.4,
            description = "Restricted detail", confidentiality = "restricted", restrictedToOrganizations = new[] { granted },
        });
        return new ExportWorld
        {
            DutyUser = dutyUser, Duty = duty, Granted = granted, Other = other, PublicExact = publicExact, MissionWest = missionWest,
            PublicNowhere = publicNowhere, Restricted = restricted,
        };
    }

    /// <summary>
    /// Incidents in the order exports list them: by id as the databases order it (UUIDs as text or bytes, which agree),
    /// i.e. the order of recording.
    /// </summary>
    public static Guid[] InRecordingOrder(params Guid[] ids) => ids.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToArray();

    /// <summary>The rows of a CSV body (header first), each as its cells, read by CsvHelper.</summary>
    public static List<string[]> ParseCsv(string body)
    {
        using var reader = new CsvReader(new StringReader(body), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false, DetectColumnCountChanges = true, BadDataFound = args => Assert.Fail($"Bad CSV data: {args.RawRecord}"),
        });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(reader.Parser.Record!);
        return rows;
    }

    /// <summary>The data rows of a CSV as dictionaries keyed by the header, after asserting every row has the header's column count.</summary>
    public static List<Dictionary<string, string>> Records(List<string[]> rows, int skip = 1)
    {
        var header = rows[0];
        Assert.All(rows, row => Assert.Equal(header.Length, row.Length));
        return rows.Skip(skip).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    public static async Task<string> GetOkAsync(HttpClient client, string url, string contentType, string fileName)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(fileName, response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        return body;
    }

    public static List<JsonElement> Features(string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.All(features, f => Assert.Equal("Feature", f.GetProperty("type").GetString()));
        return features;
    }
}
