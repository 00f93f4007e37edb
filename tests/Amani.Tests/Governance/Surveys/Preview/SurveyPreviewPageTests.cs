using System.Text;
using System.Xml.Linq;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Surveys.Preview;

/// <summary>
/// The survey form preview in Chromium: a hand-written XForm (perception-survey.xml) rendered by ODK Web Forms from the
/// build's bundle under Amani's Content Security Policy, filled as a person would, and the OpenRosa submission the engine
/// produced; then the same form sent by js/survey-submit.js as ODK Collect sends it, queued while offline. Nothing is
/// stored by the preview, so one database is enough.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyPreviewPageTests(Chromium chromium)
{
    private static readonly string FormPath = Path.Combine(Chromium.RepositoryRoot, "tests", "Amani.Tests", "Governance", "Surveys", "Preview", "perception-survey.xml");

    // A 1×1 PNG, as a phone's camera would give a (much larger) photo.
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_planning_officer_previews_an_XForm_fills_every_kind_of_question_and_sees_the_submission()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await OpenFormAsync(app, planner);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        await page.GetByLabel("First name of the respondent").FillAsync("Amina");
        var age = Question(page, "Age").Locator("input");
        await age.PressSequentiallyAsync("12");
        await page.GetByLabel("Safe", new() { Exact = true }).CheckAsync();
        await Expect(Question(page, "Age").GetByText("Respondents are 18 to 110 years old.")).ToBeVisibleAsync();
        await age.FillAsync("");
        await age.PressSequentiallyAsync("34");
        await Expect(page.Locator("#xform").GetByText("What else worries you?")).ToHaveCountAsync(0);
        await page.GetByLabel("Theft").CheckAsync();
        await page.GetByLabel("Something else").CheckAsync();
        await Question(page, "What else worries you?").Locator("input").FillAsync("Floods");
        await Question(page, "People in the household").Locator("input").PressSequentiallyAsync("5");
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Child" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Child" }).ClickAsync();
        var children = Question(page, "Child's first name");
        await Expect(children).ToHaveCountAsync(2);
        await children.Nth(0).Locator("input").FillAsync("Jean");
        await children.Nth(1).Locator("input").FillAsync("Marie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get location" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save location" }).ClickAsync();
        await ChoosePhotoAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var panel = page.Locator("#preview-submission");
        await Expect(panel).ToBeVisibleAsync();
        var data = XElement.Parse(await page.Locator("#preview-xml").TextContentAsync() ?? "");
        Assert.Equal("perception_survey", (string?)data.Attribute("id"));
        Assert.Equal("2026120701", (string?)data.Attribute("version"));
        Assert.Equal("Amina", Value(data, "respondent"));
        Assert.Equal("34", Value(data, "age"));
        Assert.Equal("safe", Value(data, "safety"));
        Assert.Equal("theft other", Value(data, "concerns"));
        Assert.Equal("Floods", Value(data, "concern_other"));
        Assert.Equal("5", Value(data.Elements().Single(e => e.Name.LocalName == "household"), "members"));
        Assert.Equal("yes", Value(data.Elements().Single(e => e.Name.LocalName == "household"), "head_present"));
        Assert.Equal(["Jean", "Marie"], data.Elements().Where(e => e.Name.LocalName == "child").Select(c => Value(c, "child_name")));
        Assert.StartsWith("4.3612 18.555 ", Value(data, "location"));
        var instanceId = Value(data.Elements().Single(e => e.Name.LocalName == "meta"), "instanceID");
        Assert.Matches("^uuid:[0-9a-f-]{36}$", instanceId);
        Assert.Equal(instanceId, await page.Locator("#preview-instance-id").TextContentAsync());
        var photo = Value(data, "photo");
        Assert.EndsWith(".png", photo);
        await Expect(page.Locator("#preview-attachments li")).ToHaveCountAsync(1);
        Assert.Equal(photo, await page.Locator("#preview-attachments li").GetAttributeAsync("data-name"));

        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "survey-preview");
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task The_form_opens_in_the_page_language_and_a_file_that_is_not_an_XForm_is_refused()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app, locale: "fr-FR");
        await page.SignInAsync(planner, $"/missions/{TestMission.Code}/surveys/preview");

        // An external entity: refused before anything is read (DtdProcessing.Prohibit), with a message that says what to do.
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "evil.xml", MimeType = "text/xml",
            Buffer = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher le formulaire" }).ClickAsync();
        await Expect(page.Locator("#form-error")).ToContainTextAsync("DOCTYPE");
        await Expect(page.Locator("[data-xform]")).ToHaveCountAsync(0);
        await page.Locator("#pasted").FillAsync("<survey><question/></survey>");
        var refused = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Afficher le formulaire" }).ClickAsync(),
            r => r.Url.Contains("/surveys/preview") && r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Contains("script-src 'self'; style-src 'self';", await refused.HeaderValueAsync("content-security-policy") ?? "");
        await Expect(page.Locator("#form-error")).ToContainTextAsync("not an XForm");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        await page.Locator("#file").SetInputFilesAsync(FormPath);
        var shown = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Afficher le formulaire" }).ClickAsync(),
            r => r.Url.Contains("/surveys/preview") && r.Request.Method == "POST");
        // Only the page that runs the engine may compile WebAssembly and apply styles carrying its answer's nonce; never eval.
        var policy = await shown.HeaderValueAsync("content-security-policy") ?? "";
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", policy);
        Assert.Matches("style-src 'self' 'nonce-[A-Za-z0-9+/]{24}';", policy);
        Assert.DoesNotContain("unsafe-eval'", policy.Replace("'wasm-unsafe-eval'", ""));
        Assert.DoesNotContain("unsafe-inline", policy);
        await Expect(page.Locator("#xform").GetByText("Âge", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#xform").GetByText("Prénom de la personne interrogée")).ToBeVisibleAsync();
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_submission_goes_out_as_ODK_Collect_sends_it_and_waits_while_offline()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await OpenFormAsync(app, planner);
        // The fill page's element is the preview's with the OpenRosa submission URL: here a receiver the test plays.
        await page.EvaluateAsync("() => { const host = document.getElementById('xform'); delete host.dataset.preview; host.dataset.submissionUrl = '/openrosa-test/submission'; }");
        var received = new List<(Dictionary<string, string> Headers, byte[] Body)>();
        var answer = 202;
        await page.RouteAsync("**/openrosa-test/submission", async route =>
        {
            received.Add((await route.Request.AllHeadersAsync(), route.Request.PostDataBuffer ?? []));
            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = answer, ContentType = "text/xml", Headers = new Dictionary<string, string> { ["X-OpenRosa-Version"] = "1.0" },
                Body = "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"><message nature=\"submit_success\">Received.</message></OpenRosaResponse>",
            });
        });

        // Online, answered 202 (the server already had it): done, nothing waits.
        await FillRequiredAsync(page, "Amina");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-survey-outcome]")).ToHaveTextAsync("Sent: the submission was received.");
        Assert.Single(received);
        await Expect(page.Locator("[data-survey-queue]")).ToBeHiddenAsync();
        // accept() started a new, empty instance.
        await Expect(page.GetByLabel("First name of the respondent")).ToHaveValueAsync("");

        // Offline: kept in IndexedDB, counted, not sent.
        answer = 201;
        await page.Context.SetOfflineAsync(true);
        await FillRequiredAsync(page, "Blaise");
        await ChoosePhotoAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var queue = page.Locator("[data-survey-queue]");
        await Expect(queue).ToHaveTextAsync("1 submission(s) waiting to be sent: they go out when the connection is back.");
        Assert.Single(received);

        // Back online: sent once, and the queue is empty.
        await page.Context.SetOfflineAsync(false);
        await Expect(queue).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.Equal(2, received.Count);

        var (headers, body) = received[1];
        Assert.Equal("1.0", headers["x-openrosa-version"]);
        Assert.False(string.IsNullOrEmpty(headers.GetValueOrDefault("x-csrf-token")), "the session's antiforgery token goes to Amani's own URL");
        var parts = await PartsAsync(headers["content-type"], body);
        Assert.Equal(2, parts.Count);
        Assert.Equal("xml_submission_file", parts[0].Name);
        Assert.Equal("perception_survey.xml", parts[0].FileName);
        Assert.Equal("text/xml", parts[0].ContentType);
        var data = XElement.Parse(Encoding.UTF8.GetString(parts[0].Content));
        Assert.Equal("Blaise", Value(data, "respondent"));
        Assert.Matches("^uuid:", Value(data.Elements().Single(e => e.Name.LocalName == "meta"), "instanceID"));
        var photo = Value(data, "photo");
        Assert.Equal(photo, parts[1].Name);
        Assert.Equal(photo, parts[1].FileName);
        Assert.Equal("image/png", parts[1].ContentType);
        Assert.True(parts[1].Content.Length > 0);
        Assert.Empty(chromium.PageErrors);
    }

    private async Task<IPage> OpenFormAsync(TestApp app, TestUser user)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString().TrimEnd('/'),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = 4.3612f, Longitude = 18.555f, Accuracy = 5 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => chromium.PageErrors.Add(error);
        await page.SignInAsync(user, $"/missions/{TestMission.Code}/surveys/preview");
        await page.Locator("#file").SetInputFilesAsync(FormPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the form" }).ClickAsync();
        await Expect(page.Locator("#preview-title")).ToHaveTextAsync("Perception survey");
        await Expect(page.GetByLabel("First name of the respondent")).ToBeVisibleAsync();
        return page;
    }

    private static ILocator Question(IPage page, string label) =>
        page.Locator(".question-container", new() { Has = page.Locator($"label:text-is(\"{label}\")") });

    private static async Task FillRequiredAsync(IPage page, string name)
    {
        await page.GetByLabel("First name of the respondent").FillAsync(name);
        await Question(page, "Age").Locator("input").PressSequentiallyAsync("40");
        await page.GetByLabel("Unsafe", new() { Exact = true }).CheckAsync();
    }

    private static async Task ChoosePhotoAsync(IPage page)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Choose image" }).ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "place.png", MimeType = "image/png", Buffer = Photo });
    }

    private static string Value(XElement parent, string name) => parent.Elements().Single(e => e.Name.LocalName == name).Value;

    private sealed record Part(string Name, string? FileName, string? ContentType, byte[] Content);

    private static async Task<List<Part>> PartsAsync(string contentType, byte[] body)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var parts = new List<Part>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts.Add(new Part(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, HeaderUtilities.RemoveQuotes(disposition.FileName).Value,
                section.ContentType, content.ToArray()));
        }
        return parts;
    }
}
