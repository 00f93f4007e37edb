using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Analysis.Dashboard;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Analysis.Dashboard;

/// <summary>The dashboard map's cluster API: clusters per zoom and viewport, filters, visibility, freshness across nodes, bad requests.</summary>
public sealed class MapClustersApiTests
{
    private const string Country = "bbox=14,2,28,11";
    private static string Clusters(string query) => $"/api/v1/missions/{TestMission.Code}/map/clusters?{query}";

    internal static object Incident(double latitude, double longitude, string category = "battles.armed-clash", string? confidentiality = null,
        string source = "patrol") => new
    {
        source, categoryCode = category, occurredAt = new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero), latitude, longitude,
        placeName = "Near Boali", description = "Shots heard near the market.", confidentiality,
    };

    internal static async Task<Guid> RecordAsync(HttpClient client, object incident)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", incident);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    private sealed record IdOnly(Guid Id);

    private static readonly System.Text.Json.JsonSerializerOptions Json = Options();

    private static System.Text.Json.JsonSerializerOptions Options()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        Amani.Platform.Problems.JsonSetup.Configure(options);
        return options;
    }

    private static async Task<MapClustersResponse> GetAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync(Clusters(query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MapClustersResponse>(Json))!;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Nearby_incidents_form_one_cluster_that_splits_into_points_with_ids_when_zoomed_in(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var near = new List<Guid>();
        for (var i = 0; i < 3; i++)
            near.Add(await RecordAsync(officer, Incident(4.5 + i * 0.0005, 18.5 + i * 0.0005, i == 2 ? "protests.peaceful-protest" : "battles.armed-clash")));
        var far = await RecordAsync(officer, Incident(8.4, 21.0, "riots.mob-violence"));

        var country = await GetAsync(officer, Country + "&zoom=4");
        Assert.Equal(4, country.Total);
        var cluster = Assert.Single(country.Clusters);
        Assert.Equal((3, "battles"), (cluster.Count, cluster.Category));
        Assert.InRange(cluster.Lat, 4.49, 4.51);
        var single = Assert.Single(country.Points);
        Assert.Equal((far, "riots.mob-violence"), (single.Id, single.Category));

        var street = await GetAsync(officer, "bbox=18.49,4.49,18.51,4.51&zoom=16");
        Assert.Equal(3, street.Total);
        Assert.Empty(street.Clusters);
        Assert.Equal(near.Order(), street.Points.Select(p => p.Id).Order());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_filters_of_the_incident_list_narrow_the_clusters(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        await RecordAsync(officer, Incident(4.5, 18.5, "battles.armed-clash"));
        await RecordAsync(officer, Incident(4.6, 18.6, "battles"));
        await RecordAsync(officer, Incident(4.7, 18.7, "protests.peaceful-protest", source: "media"));
        await RecordAsync(officer, Incident(7.0, 20.0, "battles.armed-clash"));

        Assert.Equal(3, (await GetAsync(officer, Country + "&zoom=5&category=battles")).Total);
        Assert.Equal(1, (await GetAsync(officer, Country + "&zoom=5&source=media")).Total);
        Assert.Equal(3, (await GetAsync(officer, Country + $"&zoom=5&area={TestMission.Province}")).Total);
        Assert.Equal(0, (await GetAsync(officer, Country + "&zoom=5&status=closed")).Total);
        Assert.Equal(4, (await GetAsync(officer, Country + "&zoom=5&status=reported&from=2024-03-01T00:00:00Z&to=2024-03-31T00:00:00Z")).Total);
        Assert.Equal(0, (await GetAsync(officer, Country + "&zoom=5&from=2024-04-01T00:00:00Z")).Total);
        Assert.Equal(1, (await GetAsync(officer, "bbox=19.5,6.5,20.5,7.5&zoom=5")).Total);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_partner_sees_only_what_the_incident_list_shows_them_and_new_incidents_show_at_once_on_every_node(DatabaseProvider provider)
    {
        await using var database = TestDatabase.Create(provider);
        await using var nodeA = await TestApp.StartNodeAsync(database);
        await using var nodeB = await TestApp.StartNodeAsync(database);
        await TestMission.CreateAsync(nodeA);
        var granted = await Amani.Tests.Register.Incidents.Query.Fixtures.OrganizationAsync(nodeA, "Granted NGO");
        var officer = await nodeA.SignInAsync(await nodeA.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var partner = await nodeB.SignInAsync(await nodeA.CreateUserAsync(Role.Partner, TestMission.Code, granted));
        var analyst = await nodeB.SignInAsync(await nodeA.CreateUserAsync(Role.Analyst, TestMission.Code));
        await RecordAsync(officer, Incident(4.5, 18.5, confidentiality: "public"));
        await RecordAsync(officer, Incident(4.6, 18.6, confidentiality: "mission"));
        await RecordAsync(officer, new
        {
            source = "patrol", categoryCode = "battles", occurredAt = new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero), latitude = 4.7,
            longitude = 18.7, description = "Restricted to duty officers.", confidentiality = "restricted", restrictedToRoles = new[] { "dutyOfficer" },
        });
        await RecordAsync(officer, new
        {
            source = "patrol", categoryCode = "battles", occurredAt = new DateTimeOffset(2024, 3, 10, 12, 0, 0, TimeSpan.Zero), latitude = 4.8,
            longitude = 18.8, description = "Restricted to one NGO.", confidentiality = "restricted", restrictedToOrganizations = new[] { granted },
        });

        Assert.Equal(4, (await GetAsync(officer, Country + "&zoom=6")).Total);
        Assert.Equal(2, (await GetAsync(partner, Country + "&zoom=6")).Total);
        Assert.Equal(2, (await GetAsync(analyst, Country + "&zoom=6")).Total);
        foreach (var (client, expected) in new[] { (partner, 2), (analyst, 2) })
        {
            var listed = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/missions/{TestMission.Code}/incidents");
            Assert.Equal(expected, listed.GetProperty("items").GetArrayLength());
        }

        await RecordAsync(officer, Incident(4.9, 18.9, confidentiality: "public")); // written through node A, read on node B at once
        Assert.Equal(3, (await GetAsync(partner, Country + "&zoom=6")).Total);
        Assert.Equal(3, (await GetAsync(analyst, Country + "&zoom=6")).Total);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_box_or_zoom_or_filter_is_a_400_problem_and_an_unknown_mission_a_404(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var officer = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));
        foreach (var (query, field) in new[]
                 {
                     ("zoom=5", "bbox"), ("bbox=1,2,3&zoom=5", "bbox"), ("bbox=10,2,5,4&zoom=5", "bbox"), ("bbox=a,b,c,d&zoom=5", "bbox"),
                     ("bbox=-200,0,10,10&zoom=5", "bbox"), ("bbox=14,2,28,11", "zoom"), ("bbox=14,2,28,11&zoom=23", "zoom"),
                     ("bbox=14,2,28,11&zoom=-1", "zoom"), ("bbox=14,2,28,11&zoom=x", "zoom"), ("bbox=-180,-85,180,85&zoom=12", "bbox"),
                     ("bbox=14,2,28,11&zoom=5&status=lost", "status"), ("bbox=14,2,28,11&zoom=5&area=NOPE", "area"),
                 })
        {
            var problem = await ProblemAssert.IsProblemAsync(await officer.GetAsync(Clusters(query)), HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: expected an error on {field}");
        }
        await ProblemAssert.IsProblemAsync(await officer.GetAsync("/api/v1/missions/NOPE/map/clusters?bbox=14,2,28,11&zoom=5"),
            HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_area_layer_is_geojson_with_the_boundaries(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));
        var areas = await analyst.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/missions/{TestMission.Code}/map/areas?level=1");
        Assert.Equal("FeatureCollection", areas.GetProperty("type").GetString());
        var feature = Assert.Single(areas.GetProperty("features").EnumerateArray());
        Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(TestMission.Province, feature.GetProperty("properties").GetProperty("pCode").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, feature.GetProperty("properties").GetProperty("risk").ValueKind);
        await ProblemAssert.IsProblemAsync(await analyst.GetAsync($"/api/v1/missions/{TestMission.Code}/map/areas?level=7"), HttpStatusCode.BadRequest, "validation");
    }
}
