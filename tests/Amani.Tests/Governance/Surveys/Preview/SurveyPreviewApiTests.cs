using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Preview;

/// <summary>The preview's XForm check over HTTP: a form is summarised; a DOCTYPE, malformed XML or another XML is a validation problem.</summary>
public sealed class SurveyPreviewApiTests
{
    private static readonly string FormPath = Path.Combine(Platform.Web.Browser.Chromium.RepositoryRoot, "tests", "Amani.Tests", "Governance", "Surveys", "Preview",
        "perception-survey.xml");

    [Fact]
    public async Task An_XForm_is_summarised_and_anything_else_is_refused_with_what_to_do()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var client = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));
        var url = $"/api/v1/missions/{TestMission.Code}/surveys/preview";

        var ok = await client.PostAsync(url, new StringContent(await File.ReadAllTextAsync(FormPath), Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var form = await ok.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("perception_survey", form.GetProperty("formId").GetString());
        Assert.Equal("2026120701", form.GetProperty("version").GetString());
        Assert.Equal("Perception survey", form.GetProperty("title").GetString());
        Assert.Equal(["English (en)", "Français (fr)"], form.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));

        foreach (var (xml, expected) in new[]
        {
            ("<?xml version=\"1.0\"?><!DOCTYPE h:html [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><h:html xmlns:h=\"http://www.w3.org/1999/xhtml\">&e;</h:html>", "DOCTYPE"),
            ("<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head>", "not well-formed"),
            ("<survey/>", "not an XForm"),
            ("<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:head><model xmlns=\"http://www.w3.org/2002/xforms\"><instance><data/></instance></model></h:head><h:body/></h:html>", "no id attribute"),
        })
        {
            var refused = await client.PostAsync(url, new StringContent(xml, Encoding.UTF8, "text/xml"));
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
            Assert.Contains(expected, problem.GetProperty("errors").GetProperty("form")[0].GetString());
        }
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync(url, new { form = "x" }), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }
}
