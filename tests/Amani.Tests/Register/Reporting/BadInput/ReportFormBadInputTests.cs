using System.Net;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Register.Reporting.BadInput;

/// <summary>
/// Bad input to the classic HTML form post of POST /api/v1/reports. A person in a browser sent it, so the answer is a
/// page (400, text/html) that says what to correct — and nothing is stored.
/// </summary>
public sealed class ReportFormBadInputTests
{
    private static async Task<string> RefuseFormAsync(TestApp app, Dictionary<string, string> fields, string expected)
    {
        var before = await IntakeRowCounts.TakeAsync(app);
        var response = await app.CreateClient().PostAsync("/api/v1/reports", new FormUrlEncodedContent(fields));
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{(int)response.StatusCode}: {page}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Your report was not sent", page);
        Assert.Contains(expected, page);
        Assert.Equal(before, await IntakeRowCounts.TakeAsync(app));
        return page;
    }

    private static Dictionary<string, string> Form(params (string Name, string Value)[] fields) =>
        new[] { ("description", "Armed men near the river") }.Concat(fields).ToDictionary(f => f.Item1, f => f.Item2);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_latitude_NaN_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("latitude", "NaN"), ("longitude", "18.5")), "Latitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_latitude_91_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("latitude", "91"), ("longitude", "18.5")), "Latitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_only_a_longitude_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("longitude", "18.5")), "both latitude and longitude");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_dated_in_the_future_or_before_1900_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("occurredAt", app.Clock.GetUtcNow().AddDays(2).ToString("O"))), "not in the future");
        await RefuseFormAsync(app, Form(("occurredAt", "1850-06-01T00:00:00Z")), "not before 1900");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_a_phone_but_no_consent_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("phone", "+236 72 00 00 02")), "agree to be contacted");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_a_description_of_5001_characters_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, new Dictionary<string, string> { ["description"] = new string('x', 5001) }, "Description");
    }

    /// <summary>The form's contact is checked like the JSON one (it was not: the nested contact escaped the shape checks).</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_form_post_with_a_contact_that_is_not_one_is_refused(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await RefuseFormAsync(app, Form(("phone", "call me maybe"), ("consentToContact", "on")), "phone number of digits");
        await RefuseFormAsync(app, Form(("email", "not an address@example.org"), ("consentToContact", "on")), "e-mail address such as");
    }
}
