using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Amani.Governance.Results;
using Amani.Governance.Surveys;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// Field accounts: staff holding <c>surveys:submit</c> reach the OpenRosa server under <c>/api/v1/openrosa/missions/{code}</c>
/// with HTTP Basic (as ODK Collect sends a user name and password) or with their browser session (and its antiforgery
/// token, as every API post from a session). Without credentials, or with wrong ones: 401 and the Basic challenge.
/// </summary>
public sealed class OpenRosaFieldAccountTests
{
    private static string FieldServer => $"/api/v1/openrosa/missions/{Mission}";

    private static HttpClient Basic(SurveyWorld world, TestUser user, string? password = null)
    {
        var client = world.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Email}:{password ?? user.Password}")));
        client.DefaultRequestHeaders.Add("X-OpenRosa-Version", "1.0");
        return client;
    }

    private static MultipartFormDataContent Post(string xml)
    {
        var instance = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        instance.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        return new MultipartFormDataContent { { instance, "xml_submission_file", "instance.xml" } };
    }

    private static Task<int> CountAsync(SurveyWorld world, string instanceId) =>
        world.App.WithDbAsync(db => db.Set<Submission>().CountAsync(s => s.InstanceId == instanceId));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_field_officer_with_Basic_credentials_gets_the_forms_and_submits_as_themself(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var officer = await world.App.CreateUserAsync(Role.FieldOfficer, Mission);
        using var phone = Basic(world, officer);

        var list = await phone.GetAsync($"{FieldServer}/formList");
        var text = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("1.0", Assert.Single(list.Headers.GetValues("X-OpenRosa-Version")));
        Assert.Contains($"<formID>{FormId}</formID>", text);
        Assert.Contains($"{FieldServer}/forms/{FormId}.xml</downloadUrl>", text);
        Assert.DoesNotContain("/key/", text);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"{FieldServer}/forms/{FormId}.xml")).StatusCode);
        using var head = new HttpRequestMessage(HttpMethod.Head, $"{FieldServer}/submission");
        Assert.Equal(HttpStatusCode.NoContent, (await phone.SendAsync(head)).StatusCode);

        var id = NewInstanceId();
        await MessageAsync(await phone.PostAsync($"{FieldServer}/submission", Post(Instance(id))), HttpStatusCode.Created);
        await MessageAsync(await phone.PostAsync($"{FieldServer}/submission", Post(Instance(id))), HttpStatusCode.Accepted);
        var stored = await world.App.WithDbAsync(db => db.Set<Submission>().SingleAsync(s => s.InstanceId == id));
        Assert.Equal((officer.Id, (Guid?)null), (stored.UserId!.Value, stored.AppUserId));
        Assert.True(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 4307 && e.EntityId == stored.Id.ToString()
                                                                                  && e.Actor == $"user:{officer.Id}")));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task No_or_wrong_credentials_get_401_with_the_Basic_challenge_and_the_failure_is_audited(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var officer = await world.App.CreateUserAsync(Role.FieldOfficer, Mission);
        using var anonymous = world.App.CreateClient();
        using var wrong = Basic(world, officer, "not-the-password");
        foreach (var (client, rest) in new[] { (anonymous, "/formList"), (wrong, "/formList"), (anonymous, "/submission"), (wrong, "/submission") })
        {
            var answer = rest == "/submission"
                ? await client.PostAsync(FieldServer + rest, Post(Instance(NewInstanceId())))
                : await client.GetAsync(FieldServer + rest);
            await MessageAsync(answer, HttpStatusCode.Unauthorized);
            Assert.Equal("Basic realm=\"Amani\"", answer.Headers.WwwAuthenticate.ToString());
        }
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<Submission>().CountAsync()));
        Assert.True(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == AuditCodes.SignInFailed
                                                                                  && e.EntityId == officer.Id.ToString())));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_account_without_surveys_submit_or_a_sensitive_survey_outside_its_team_is_not_offered_anything(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        using var analyst = Basic(world, world.AnalystUser); // reads surveys, may not submit
        Assert.Contains("may fill survey forms", await MessageAsync(await analyst.GetAsync($"{FieldServer}/formList"), HttpStatusCode.NotFound));

        var survey = await world.Planner.GetAsync($"{Api}/surveys/{world.SurveyId}");
        using var sensitive = new HttpRequestMessage(HttpMethod.Put, $"{Api}/surveys/{world.SurveyId}")
        {
            Content = JsonContent.Create(new { name = "Household safety", sensitive = true, team = new[] { world.AnalystUser.Id } }),
        };
        sensitive.Headers.IfMatch.Add(survey.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.SendAsync(sensitive)).StatusCode);
        var officer = await world.App.CreateUserAsync(Role.FieldOfficer, Mission);
        using var phone = Basic(world, officer);
        Assert.DoesNotContain(FormId, await (await phone.GetAsync($"{FieldServer}/formList")).Content.ReadAsStringAsync());
        var id = NewInstanceId();
        await MessageAsync(await phone.PostAsync($"{FieldServer}/submission", Post(Instance(id))), HttpStatusCode.NotFound);
        Assert.Equal(0, await CountAsync(world, id));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_browser_session_submits_with_its_antiforgery_token_and_is_refused_without_it(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        await MessageAsync(await world.Field.PostAsync($"{FieldServer}/submission", Post(Instance(id))), HttpStatusCode.Created);
        Assert.Equal(1, await CountAsync(world, id));

        var forged = NewInstanceId();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{FieldServer}/submission") { Content = Post(Instance(forged)) };
        using var cookieOnly = world.App.CreateClient();
        foreach (Cookie cookie in TestApp.CookieContainerOf(world.Field).GetAllCookies())
            TestApp.CookieContainerOf(cookieOnly).Add(cookie);
        var refused = await cookieOnly.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(world, forged));
    }
}
