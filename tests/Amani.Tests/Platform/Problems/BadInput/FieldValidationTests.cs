using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>Missing and over-long fields: 400 validation with an errors member keyed by the JSON (camelCase) field name.</summary>
public sealed class FieldValidationTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Missing_required_fields_are_each_listed_by_their_json_name(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var mission = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions", "{}"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["code", "countryIso3", "name"], FieldsOf(mission));

        var organization = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/organizations", """{"acronym": "X"}"""),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["kind", "name"], FieldsOf(organization));
        Assert.Contains("name:", organization.GetProperty("detail").GetString());

        var area = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions/CAR/areas", """{"pCode": null, "level": 0}"""),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name", "pCode"], FieldsOf(area));

        var token = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/tokens", "{}"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name", "scopes"], FieldsOf(token));

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Over_long_strings_are_refused_before_reaching_the_database(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var mission = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/missions", new { code = "LONG", name = new string('m', 201), countryIso3 = "CAF" }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name"], FieldsOf(mission));
        Assert.Contains("200", mission.GetProperty("errors").GetProperty("name")[0].GetString());

        var organization = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/organizations", new { name = new string('o', 10_000), kind = "ngo" }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name"], FieldsOf(organization));

        var acronym = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/organizations", new { name = "Long acronym", acronym = new string('A', 33), kind = "ngo" }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["acronym"], FieldsOf(acronym));

        var update = await ProblemAssert.IsProblemAsync(
            await admin.PutAsJsonAsync("/api/v1/missions/CAR", new { name = new string('u', 201), timeZone = "Africa/Bangui" }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name"], FieldsOf(update));

        var token = await ProblemAssert.IsProblemAsync(
            await admin.PostAsJsonAsync("/api/v1/tokens", new { name = new string('t', 101), scopes = new[] { "missions:read" } }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["name"], FieldsOf(token));

        await before.AssertUnchangedAsync(app);
        Assert.Equal("Central African mission", (await admin.GetFromJsonAsync<JsonElement>("/api/v1/missions/CAR")).GetProperty("name").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_null_or_unknown_scope_in_a_token_request_is_a_validation_problem(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var before = await RowCounts.TakeAsync(app);

        var nullScope = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/tokens", """{"name": "ci", "scopes": [null]}"""),
            HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["scopes"], FieldsOf(nullScope));
        Assert.Contains("missions:read", nullScope.GetProperty("errors").GetProperty("scopes")[0].GetString());

        var unknown = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync("/api/v1/tokens", """{"name": "ci", "scopes": ["missions:read", "root"]}"""),
            HttpStatusCode.BadRequest, "validation");
        Assert.Contains("'root' is not a scope", unknown.GetProperty("errors").GetProperty("scopes")[0].GetString());

        await before.AssertUnchangedAsync(app);
    }

    private static string[] FieldsOf(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
}
