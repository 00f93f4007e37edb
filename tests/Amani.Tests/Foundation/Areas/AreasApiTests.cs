using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Foundation.Areas;

namespace Amani.Tests.Foundation.Areas;

public sealed class AreasApiTests
{
    private const string Square = """{"type":"Polygon","coordinates":[[[18.0,4.0],[19.0,4.0],[19.0,5.0],[18.0,5.0],[18.0,4.0]]]}""";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Areas_form_a_hierarchy_with_geometry_and_a_label_point(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ALPHA", name = "Alpha", countryIso3 = "CAF" });

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", new { pCode = "CF", name = "Country", level = 0 })).StatusCode);
        var province = await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas",
            new { pCode = "CF.AA", name = "Province", level = 1, parentPCode = "CF", geometry = JsonDocument.Parse(Square).RootElement });
        Assert.Equal(HttpStatusCode.Created, province.StatusCode);
        await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", new { pCode = "CF.AA.01", name = "District", level = 2, parentPCode = "CF.AA" });

        var detail = await admin.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/areas/CF.AA");
        Assert.Equal("CF", detail.GetProperty("parentPCode").GetString());
        Assert.Equal("Polygon", detail.GetProperty("geometry").GetProperty("type").GetString());
        Assert.InRange(detail.GetProperty("centroidLatitude").GetDouble(), 4.0, 5.0);
        Assert.InRange(detail.GetProperty("centroidLongitude").GetDouble(), 18.0, 19.0);

        var children = await admin.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/areas?parent=CF.AA");
        Assert.Equal(["CF.AA.01"], children.EnumerateArray().Select(a => a.GetProperty("pCode").GetString()));
        var level1 = await admin.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/areas?level=1");
        Assert.True(Assert.Single(level1.EnumerateArray()).GetProperty("hasGeometry").GetBoolean());
        var path = await app.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == "CF.AA.01").Select(a => a.Path).SingleAsync());
        Assert.Equal("/CF/CF.AA/CF.AA.01/", path);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rule_violations_are_field_errors_and_write_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ALPHA", name = "Alpha", countryIso3 = "CAF" });
        await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", new { pCode = "CF", name = "Country", level = 0 });
        var before = await app.WithDbAsync(db => db.AdminAreas.CountAsync());

        var cases = new (object Body, string Field)[]
        {
            (new { pCode = "CF", name = "Again", level = 0 }, "pCode"),
            (new { pCode = "CF.ZZ", name = "Orphan", level = 1, parentPCode = "NOPE" }, "parentPCode"),
            (new { pCode = "CF.YY", name = "Same level as parent", level = 0, parentPCode = "CF" }, "level"),
            (new { pCode = "CF.XX", name = "Bad shape", level = 1, parentPCode = "CF", geometry = new { type = "Point", coordinates = new[] { 1.0, 2.0 } } }, "geometry"),
            (new { pCode = "CF.WW", name = "Off the globe", level = 1, parentPCode = "CF",
                geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 200.0, 4 }, new[] { 19.0, 4 }, new[] { 19.0, 5 }, new[] { 200.0, 4 } } } } }, "geometry"),
        };
        foreach (var (body, field) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", body), HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error on {field}: {problem}");
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_refused_area_answers_the_validation_problem_naming_the_field_and_the_rule(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ALPHA", name = "Alpha", countryIso3 = "CAF" });
        await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", new { pCode = "CF", name = "Country", level = 0 });

        var cases = new (object Body, string Field, string Message)[]
        {
            (new { pCode = "CF", name = "Again", level = 0 }, "pCode", "The area CF already exists in ALPHA."),
            (new { pCode = "CF.ZZ", name = "Orphan", level = 1, parentPCode = "NOPE" }, "parentPCode", "There is no area NOPE in ALPHA; add the parent first."),
            (new { pCode = "CF.YY", name = "Flat", level = 0, parentPCode = "CF" }, "level", "The area's level (0) must be greater than its parent's (0)."),
        };
        foreach (var (body, field, message) in cases)
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/missions/ALPHA/areas", body), HttpStatusCode.BadRequest,
                "validation");
            Assert.Equal("The request has invalid fields", problem.GetProperty("title").GetString());
            Assert.Equal($"The field '{field}' is invalid: {message}", problem.GetProperty("detail").GetString());
            var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
            Assert.Equal(field, error.Name);
            Assert.Equal([message], error.Value.EnumerateArray().Select(m => m.GetString()));
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Areas_of_a_mission_outside_the_callers_scope_are_not_found(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "ALPHA", name = "Alpha", countryIso3 = "CAF" });
        await admin.PostAsJsonAsync("/api/v1/missions", new { code = "BETA", name = "Beta", countryIso3 = "SSD" });
        await admin.PostAsJsonAsync("/api/v1/missions/BETA/areas", new { pCode = "SS", name = "South Sudan", level = 0 });
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, "ALPHA"));

        await ProblemAssert.IsProblemAsync(await duty.GetAsync("/api/v1/missions/BETA/areas"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await duty.GetAsync("/api/v1/missions/BETA/areas/SS"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.OK, (await duty.GetAsync("/api/v1/missions/ALPHA/areas")).StatusCode);
    }
}
