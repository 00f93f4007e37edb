using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// The surveys for staff: importing forms and their versions (a refused file lists its problems with sheet, row and
/// column, and writes nothing), who manages what, and a sensitive survey whose submissions only its team sees.
/// </summary>
public sealed class SurveyApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Versions_of_a_form_are_kept_an_identical_upload_changes_nothing_and_a_reused_version_string_is_refused(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var same = await ImportAsync(world.Planner, XForm(), "household.xml");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.False((await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetBoolean());

        var reused = await ImportAsync(world.Planner, XForm(title: "Another title"), "household.xml");
        Assert.Contains("new version", (await ProblemAssert.IsProblemAsync(reused, HttpStatusCode.Conflict, "conflict")).GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.Created, (await ImportAsync(world.Planner, XForm(version: "2024070101"), "household.xml")).StatusCode);
        var form = await world.Field.GetFromJsonAsync<JsonElement>($"{Api}/forms/{FormId}");
        Assert.Equal("2024070101", form.GetProperty("current").GetString());
        Assert.Equal(["2024070101", V1], form.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        Assert.Equal(["logo.png"], form.GetProperty("versions")[0].GetProperty("media").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var xform = await world.Field.GetStringAsync($"{Api}/forms/{FormId}/versions/{V1}/xform");
        // Served as the reader checked it: the same document, re-declared as UTF-8.
        Assert.True(XNode.DeepEquals(XDocument.Parse(XForm()), XDocument.Parse(xform)), xform);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xform);

        var surveys = await world.Analyst.GetFromJsonAsync<JsonElement>($"{Api}/surveys");
        var survey = Assert.Single(surveys.GetProperty("items").EnumerateArray());
        Assert.Equal("Household safety", survey.GetProperty("name").GetString());
        Assert.Equal(FormId, Assert.Single(survey.GetProperty("forms").EnumerateArray()).GetProperty("xmlFormId").GetString());
        Assert.Equal(2, await world.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 4302)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_that_is_not_a_form_is_refused_listing_each_problem_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var before = await world.App.WithDbAsync(db => db.Set<FormVersion>().CountAsync());

        var notXml = await ImportAsync(world.Planner, "<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head>", "broken.xml");
        var problem = await ProblemAssert.IsProblemAsync(notXml, HttpStatusCode.BadRequest, "validation");
        var listed = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Contains("well-formed", listed.GetProperty("message").GetString());
        Assert.True(listed.TryGetProperty("sheet", out _) && listed.TryGetProperty("row", out _) && listed.TryGetProperty("column", out _));

        var doctype = await ImportAsync(world.Planner, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + XForm()[21..], "xxe.xml");
        await ProblemAssert.IsProblemAsync(doctype, HttpStatusCode.BadRequest, "validation");

        var badId = await ImportAsync(world.Planner, XForm(formId: "has spaces"), "bad-id.xml");
        var column = Assert.Single((await ProblemAssert.IsProblemAsync(badId, HttpStatusCode.BadRequest, "validation")).GetProperty("problems").EnumerateArray());
        Assert.Equal("xml", column.GetProperty("sheet").GetString());
        Assert.Contains("The form id 'has spaces' is invalid", column.GetProperty("message").GetString());

        Assert.Equal(before, await world.App.WithDbAsync(db => db.Set<FormVersion>().CountAsync()));
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<SurveyForm>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_managers_import_forms_and_create_app_users_and_partners_see_no_survey(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        await ProblemAssert.IsProblemAsync(await ImportAsync(world.Field, XForm(formId: "field_form"), "f.xml"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.Analyst.PostAsJsonAsync($"{Api}/app-users", new { name = "x" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.Partner.GetAsync($"{Api}/surveys"), HttpStatusCode.Forbidden, "forbidden");
        var noName = await world.Planner.PostAsJsonAsync($"{Api}/app-users", new { name = " " });
        await ProblemAssert.IsProblemAsync(noName, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<AppUser>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_submissions_of_a_sensitive_survey_are_seen_by_its_team_only(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        await MessageAsync(await world.SubmitAsync(Instance(id)), HttpStatusCode.Created);
        var path = $"{Api}/forms/{FormId}/submissions";
        Assert.Equal(id, (await world.Field.GetFromJsonAsync<JsonElement>(path)).GetProperty("items")[0].GetProperty("instanceId").GetString());

        var survey = await world.Planner.GetAsync($"{Api}/surveys/{world.SurveyId}");
        using var sensitive = new HttpRequestMessage(HttpMethod.Put, $"{Api}/surveys/{world.SurveyId}")
        {
            Content = JsonContent.Create(new { name = "Household safety", sensitive = true, team = new[] { world.AnalystUser.Id } }),
        };
        sensitive.Headers.IfMatch.Add(survey.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.SendAsync(sensitive)).StatusCode);

        Assert.Equal(id, (await world.Analyst.GetFromJsonAsync<JsonElement>(path)).GetProperty("items")[0].GetProperty("instanceId").GetString());
        foreach (var outsider in new[] { world.Field, world.Planner })
        {
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync(path), HttpStatusCode.Forbidden, "forbidden");
            await ProblemAssert.IsProblemAsync(await outsider.GetAsync($"{path}/{Uri.EscapeDataString(id)}"), HttpStatusCode.Forbidden, "forbidden");
        }
        // Stale If-Match: 412, nothing changed.
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"{Api}/surveys/{world.SurveyId}")
        {
            Content = JsonContent.Create(new { name = "Renamed", sensitive = false }),
        };
        stale.Headers.IfMatch.Add(survey.Headers.ETag!);
        await ProblemAssert.IsProblemAsync(await world.Planner.SendAsync(stale), HttpStatusCode.PreconditionFailed, "stale-version");
    }
}
