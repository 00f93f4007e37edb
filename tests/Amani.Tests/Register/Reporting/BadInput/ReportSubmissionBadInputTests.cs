using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Data;
using Amani.Tests.Platform.Problems.BadInput;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Register.Reporting.BadInput.IntakeRowCounts;

namespace Amani.Tests.Register.Reporting.BadInput;

/// <summary>
/// Bad input to the public JSON intake (POST /api/v1/reports): each is refused with a problem naming the field, and
/// nothing is stored — no report, no audit row.
/// </summary>
public sealed class ReportSubmissionBadInputTests
{
    private const string Reports = "/api/v1/reports";

    private static async Task<TestApp> StartAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        return app;
    }

    private static Task<System.Text.Json.JsonElement> RefuseJsonAsync(TestApp app, object body, string field) =>
        RefuseAsync(app, client => client.PostAsJsonAsync(Reports, body), HttpStatusCode.BadRequest, "validation", field);

    private static async Task<System.Text.Json.JsonElement> RefuseAsync(TestApp app, Func<HttpClient, Task<HttpResponseMessage>> send,
        HttpStatusCode status, string slug, string? field = null)
    {
        var client = app.CreateClient();
        var problem = await AssertRefusedAsync(app, () => send(client), status, slug);
        if (field is not null)
            Assert.NotEmpty(FieldError(problem, field));
        return problem;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_latitude_of_91_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", latitude = 91.0, longitude = 18.5 }, "latitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_longitude_of_minus_181_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", latitude = 4.5, longitude = -181.0 }, "longitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_latitude_without_a_longitude_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var problem = await RefuseJsonAsync(app, new { description = "Shots near the market", latitude = 4.5 }, "longitude");
        Assert.Contains("both latitude and longitude", FieldError(problem, "longitude"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_longitude_without_a_latitude_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", longitude = 18.5 }, "latitude");
    }

    /// <summary>
    /// JSON has no NaN literal. The API reads numbers from strings too, so "NaN" (or "Infinity") arrives as a number —
    /// and the range check refuses it, naming the field.
    /// </summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_latitude_of_NaN_in_json_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        foreach (var value in new[] { "NaN", "Infinity", "-Infinity" })
            await RefuseAsync(app, client => client.PostRawAsync(Reports,
                $$"""{"description":"Shots near the market","latitude":"{{value}}","longitude":18.5}"""), HttpStatusCode.BadRequest, "validation", "latitude");
    }

    /// <summary>A number too large for a double reads as infinity; the range check refuses it like NaN.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_latitude_too_large_for_a_number_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseAsync(app, client => client.PostRawAsync(Reports, """{"description":"Shots near the market","latitude":1e400,"longitude":18.5}"""),
            HttpStatusCode.BadRequest, "validation", "latitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_date_in_the_future_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var problem = await RefuseJsonAsync(app, new { description = "Shots near the market", occurredAt = app.Clock.GetUtcNow().AddDays(1) }, "occurredAt");
        Assert.Contains("future", FieldError(problem, "occurredAt"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_date_before_1900_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var problem = await RefuseJsonAsync(app, new { description = "Shots near the market", occurredAt = "1899-12-31T23:00:00Z" }, "occurredAt");
        Assert.Contains("1900", FieldError(problem, "occurredAt"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_description_of_5001_characters_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = new string('x', 5001) }, "description");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_missing_description_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { latitude = 4.5, longitude = 18.5 }, "description");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_place_name_of_201_characters_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", placeName = new string('p', 201) }, "placeName");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_idempotency_key_of_129_characters_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", idempotencyKey = new string('k', 129) }, "idempotencyKey");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_contact_without_consent_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", contact = new { phone = "+236 72 00 00 01" } }, "consentToContact");
        await RefuseJsonAsync(app, new { description = "Shots near the market", contact = new { email = "someone@example.org" }, consentToContact = false },
            "consentToContact");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_phone_number_that_is_not_one_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var problem = await RefuseAsync(app, client => client.PostAsJsonAsync(Reports,
            new { description = "Shots near the market", contact = new { phone = "call me maybe" }, consentToContact = true }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Contains("digits", problem.GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_email_that_is_not_one_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        foreach (var email in new[] { "nobody", "two words@example.org", "a@b@example.org", "name@localhost" })
        {
            var problem = await RefuseAsync(app, client => client.PostAsJsonAsync(Reports,
                new { description = "Shots near the market", contact = new { email }, consentToContact = true }), HttpStatusCode.BadRequest, "validation");
            Assert.Contains("name@example.org", problem.GetProperty("detail").GetString());
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Malformed_json_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        var problem = await RefuseAsync(app, client => client.PostRawAsync(Reports, """{"description":"Shots near the market","latitude":4.5,"""),
            HttpStatusCode.BadRequest, "malformed-request");
        Assert.Contains("line", problem.GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Values_of_the_wrong_type_are_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        foreach (var (json, path) in new[]
        {
            ("""{"description":42}""", "description"),
            ("""{"description":"Shots near the market","latitude":"north","longitude":18.5}""", "latitude"),
            ("""{"description":"Shots near the market","occurredAt":"yesterday"}""", "occurredAt"),
            ("""{"description":"Shots near the market","consentToContact":"yes"}""", "consentToContact"),
            ("""{"description":"Shots near the market","contact":"+236 72 00 00 01"}""", "contact"),
            ("""["Shots near the market"]""", "$"),
        })
        {
            var problem = await RefuseAsync(app, client => client.PostRawAsync(Reports, json), HttpStatusCode.BadRequest, "malformed-request");
            if (path != "$")
                Assert.Contains(path, problem.GetProperty("detail").GetString());
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_unknown_mission_is_refused(DatabaseProvider provider)
    {
        await using var app = await StartAsync(provider);
        await RefuseJsonAsync(app, new { description = "Shots near the market", missionCode = "NOPE" }, "missionCode");
    }
}
