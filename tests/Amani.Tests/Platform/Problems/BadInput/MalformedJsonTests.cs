using System.Net;
using System.Net.Http.Headers;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>Bodies that are not JSON, hold values of the wrong JSON type, or are missing: 400 naming the place, nothing written.</summary>
public sealed class MalformedJsonTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Broken_json_is_a_malformed_request_that_names_the_line(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        foreach (var body in new[] { """{"code": "ABC", "name": }""", """{"code": "ABC", "name": "Truncated""", "{code: 'ABC'}", "not json at all" })
        {
            var problem = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions", body),
                HttpStatusCode.BadRequest, "malformed-request");
            Assert.Contains("could not be read", problem.GetProperty("detail").GetString());
            Assert.Contains("(line 1, byte", problem.GetProperty("detail").GetString());
        }
        await before.AssertUnchangedAsync(app);
    }

    /// <summary>Finding 11 of the security probe: a property given twice was read as its last value (restricted, then public).</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_property_given_twice_is_refused_not_read_as_its_last_value(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var problem = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions/CAR/incidents", $$"""
            {"source": "patrol", "categoryCode": "violence-against-civilians.attack", "occurredAt": "{{DateTimeOffset.UtcNow.AddHours(-3):O}}",
             "latitude": 4.5, "longitude": 18.5, "description": "Armed men attacked the market.",
             "confidentiality": "restricted", "confidentiality": "public"}
            """), HttpStatusCode.BadRequest, "malformed-request");

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'confidentiality' is given twice", detail);
        Assert.DoesNotContain("Amani.", detail);
        await before.AssertUnchangedAsync(app);
    }

    /// <summary>Finding 13 of the security probe: U+0000 was stored on SQLite (and PostgreSQL, which refuses it in text, answered 500).</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_nul_character_is_refused_in_any_text(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var problem = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions/CAR/incidents", $$"""
            {"source": "patrol", "categoryCode": "violence-against-civilians.attack", "occurredAt": "{{DateTimeOffset.UtcNow.AddHours(-3):O}}",
             "latitude": 4.5, "longitude": 18.5, "description": "Armed men\u0000 attacked the market."}
            """), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("at '$.description'", problem.GetProperty("detail").GetString());
        Assert.Contains("NUL character (U+0000)", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(await app.CreateClient().PostRawAsync("/api/v1/reports", """{"description": "Shots\u0000 near the school"}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_value_of_the_wrong_json_type_is_refused_naming_its_path(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var code = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync("/api/v1/missions", """{"code": 123, "name": "Numbered mission", "countryIso3": "CAF"}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("at '$.code'", code.GetProperty("detail").GetString());
        Assert.Contains("wrong type (expected a string)", code.GetProperty("detail").GetString());

        var level = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync("/api/v1/missions/CAR/areas", """{"pCode": "CF01", "name": "Bangui", "level": "abc"}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("at '$.level'", level.GetProperty("detail").GetString());
        Assert.Contains("expected a whole number", level.GetProperty("detail").GetString());

        var scopes = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync("/api/v1/tokens", """{"name": "ci", "scopes": "missions:read"}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("at '$.scopes'", scopes.GetProperty("detail").GetString());
        Assert.Contains("expected an array", scopes.GetProperty("detail").GetString());

        var scope = await ProblemAssert.IsProblemAsync(
            await admin.PostRawAsync("/api/v1/tokens", """{"name": "ci", "scopes": [7]}"""),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("at '$.scopes[0]': the value has the wrong type (expected a string)", scope.GetProperty("detail").GetString());

        var array = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions", "[]"), HttpStatusCode.BadRequest,
            "malformed-request");
        Assert.Contains("could not be read: the value has the wrong type (expected an object)", array.GetProperty("detail").GetString());

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_empty_body_on_a_json_endpoint_is_a_bad_request(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var empty = new ByteArrayContent([]);
        empty.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var problem = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/missions", empty), HttpStatusCode.BadRequest,
            "malformed-request");
        Assert.Contains("no body", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("Did you mean", problem.GetProperty("detail").GetString());

        var noContent = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/organizations", null), HttpStatusCode.BadRequest,
            "malformed-request");
        Assert.Contains("no body", noContent.GetProperty("detail").GetString());

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Json_null_as_the_whole_body_is_a_bad_request(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var problem = await ProblemAssert.IsProblemAsync(await admin.PostRawAsync("/api/v1/missions", "null"), HttpStatusCode.BadRequest,
            "malformed-request");
        Assert.Contains("JSON null", problem.GetProperty("detail").GetString());

        await before.AssertUnchangedAsync(app);
    }
}
