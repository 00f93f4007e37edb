using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Tests.Platform.Problems.BadInput;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Register.Reporting.BadInput.IntakeRowCounts;

namespace Amani.Tests.Register.Incidents.BadInput;

/// <summary>
/// Bad input to POST /api/v1/missions/{code}/incidents (and PUT /api/v1/incidents/{id}): refused with a problem naming
/// the field, and nothing written — no incident, no status change, no audit row, no new version.
/// </summary>
public sealed class IncidentBadInputTests
{
    private static async Task<string> RefuseAsync(IncidentWorld world, Dictionary<string, object?> body, string field, string slug = "validation")
    {
        var problem = await AssertRefusedAsync(world.App, () => world.Duty.PostAsJsonAsync(IncidentWorld.Incidents, body), HttpStatusCode.BadRequest, slug);
        return slug == "validation" ? FieldError(problem, field) : problem.GetProperty("detail").GetString()!;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_at_latitude_91_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("latitude", 91.0)), "latitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_at_longitude_minus_181_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("longitude", -181.0)), "longitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_with_only_one_coordinate_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("both latitude and longitude", await RefuseAsync(world, world.Body(("longitude", null)), "longitude"));
        Assert.Contains("both latitude and longitude", await RefuseAsync(world, world.Body(("latitude", null)), "latitude"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_at_latitude_NaN_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("latitude", "NaN")), "latitude");
        await RefuseAsync(world, world.Body(("longitude", "-Infinity")), "longitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_in_the_future_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("future", await RefuseAsync(world, world.Body(("occurredAt", world.App.Clock.GetUtcNow().AddDays(1))), "occurredAt"));
        Assert.Contains("future", await RefuseAsync(world, world.Body(("occurredUntil", world.App.Clock.GetUtcNow().AddDays(1))), "occurredAt"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_before_1900_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("1900", await RefuseAsync(world, world.Body(("occurredAt", "1899-12-31T23:59:59Z")), "occurredAt"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_ending_before_it_began_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var start = world.App.Clock.GetUtcNow().AddDays(-2);
        Assert.Contains("before its start", await RefuseAsync(world, world.Body(("occurredAt", start), ("occurredUntil", start.AddHours(-1))), "occurredUntil"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_category_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("GET /api/v1/categories", await RefuseAsync(world, world.Body(("categoryCode", "battles.space-laser")), "categoryCode"));
        await RefuseAsync(world, world.Body(("categoryCode", "")), "categoryCode");
        await RefuseAsync(world, world.Body(("categoryCode", new string('c', 81))), "categoryCode");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_description_of_10001_characters_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("description", new string('d', 10_001))), "description");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_place_name_of_201_characters_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("placeName", new string('p', 201))), "placeName");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Fatalities_low_above_best_are_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("low ≤ best ≤ high", await RefuseAsync(world, world.Body(("fatalitiesLow", 5), ("fatalitiesBest", 2)), "fatalitiesBest"));
        await RefuseAsync(world, world.Body(("fatalitiesBest", 4), ("fatalitiesHigh", 3)), "fatalitiesBest");
        await RefuseAsync(world, world.Body(("fatalitiesLow", -1)), "fatalitiesLow");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task More_civilian_fatalities_than_fatalities_are_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        await RefuseAsync(world, world.Body(("civilianFatalities", 4)), "civilianFatalities");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_restricted_incident_without_grants_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("names the organisations or roles",
            await RefuseAsync(world, world.Body(("confidentiality", "restricted")), "restrictedToOrganizations"));
        await RefuseAsync(world, world.Body(("confidentiality", "restricted"), ("restrictedToOrganizations", Array.Empty<Guid>())), "restrictedToOrganizations");
        Assert.Contains("does not exist", await RefuseAsync(world,
            world.Body(("confidentiality", "restricted"), ("restrictedToOrganizations", new[] { Guid.NewGuid() })), "restrictedToOrganizations"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_area_p_code_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("no area CF.ZZ", await RefuseAsync(world, world.Body(("areaPCode", "CF.ZZ")), "areaPCode"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Missing_required_fields_are_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        foreach (var field in new[] { "source", "categoryCode", "occurredAt", "description" })
            await RefuseAsync(world, world.Body((field, null)), field);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Malformed_incident_json_is_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var detail = (await AssertRefusedAsync(world.App, () => world.Duty.PostRawAsync(IncidentWorld.Incidents, """{"source":"patrol","categoryCode":"""),
            HttpStatusCode.BadRequest, "malformed-request")).GetProperty("detail").GetString();
        Assert.Contains("line", detail);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Incident_values_of_the_wrong_type_are_refused(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        Assert.Contains("patrol", await RefuseAsync(world, world.Body(("source", "helicopter")), "source", "malformed-request"));
        Assert.Contains("fatalitiesBest", await RefuseAsync(world, world.Body(("fatalitiesBest", "two")), "fatalitiesBest", "malformed-request"));
        Assert.Contains("fatalitiesBest", await RefuseAsync(world, world.Body(("fatalitiesBest", 2.5)), "fatalitiesBest", "malformed-request"));
        Assert.Contains("actors", await RefuseAsync(world, world.Body(("actors", new { name = "Not a list" })), "actors", "malformed-request"));
        Assert.Contains("occurredAt", await RefuseAsync(world, world.Body(("occurredAt", "last Tuesday")), "occurredAt", "malformed-request"));
        Assert.Contains("confidentiality", await RefuseAsync(world, world.Body(("confidentiality", 2)), "confidentiality", "malformed-request"));
    }

    /// <summary>An edit is held to the same rules: refused, the incident keeps its content and version.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_bad_edit_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var world = await IncidentWorld.StartAsync(provider);
        var location = await world.RecordAsync();
        foreach (var (field, value) in new (string, object)[]
        {
            ("categoryCode", "no-such-category"), ("latitude", 91.0), ("occurredAt", world.App.Clock.GetUtcNow().AddDays(3)), ("fatalitiesLow", 9),
            ("description", new string('d', 10_001)), ("areaPCode", "XX.00"),
        })
        {
            var problem = await AssertRefusedAsync(world.App, () => IncidentLifecycleTests.Send(world.Duty, HttpMethod.Put, location, world.Body((field, value)), "\"1\""),
                HttpStatusCode.BadRequest, "validation");
            Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
        }
        var current = await world.Duty.GetAsync(location);
        Assert.Equal("\"1\"", current.Headers.ETag?.Tag);
    }
}
