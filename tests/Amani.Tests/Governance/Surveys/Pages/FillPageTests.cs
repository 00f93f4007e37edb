using System.Xml.Linq;
using Amani.Governance.Results;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Forms.Samples;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Tests.Governance.Surveys.Forms;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Surveys.Pages;

/// <summary>
/// The fill page in Chromium: the sample XLSForm imported, a field officer answers it through ODK Web Forms' own controls
/// and sends it; the submission is stored as a phone's (the instance root with the form's id and version, meta/instanceID,
/// the answers) under the officer's user id, by the staff OpenRosa endpoint. Offline, it waits in the browser and goes
/// out once when the connection is back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FillPageTests(Chromium chromium)
{
    private const string FormId = "community_safety_sample";
    private static string FillPath => $"/missions/{TestMission.Code}/surveys/forms/{FormId}/fill";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_field_officer_fills_the_sample_form_in_the_browser_and_it_is_stored_as_a_phone_submission(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        await ImportSampleAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(field, FillPath);
        await Expect(page.Locator("#fill-title")).ToHaveTextAsync("Community perception of safety (sample)");

        await AnswerAsync(page, "34", "Rather safe");
        var sent = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/openrosa/missions/"));
        Assert.Equal(201, sent.Status);
        await Expect(page.Locator("[data-survey-outcome]")).ToHaveTextAsync("Sent: the submission was received.");

        var stored = await app.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal((field.Id, (Guid?)null, true), (stored.UserId, stored.AppUserId, stored.Complete));
        var data = XElement.Parse(stored.Xml);
        Assert.Equal(("data", FormId, "2025060101"), (data.Name.LocalName, (string?)data.Attribute("id"), (string?)data.Attribute("version")));
        Assert.Equal(stored.InstanceId, Value(Child(data, "meta"), "instanceID"));
        Assert.Matches("^uuid:[0-9a-f-]{36}$", stored.InstanceId);
        Assert.Equal("yes", Value(data, "consent"));
        var respondent = Child(data, "respondent");
        Assert.Equal(("female", "34", "ouham", "bossangoa"),
            (Value(respondent, "sex"), Value(respondent, "age"), Value(respondent, "prefecture"), Value(respondent, "subprefecture")));
        var safety = Child(data, "safety");
        Assert.Equal(("safe", "theft", "7"), (Value(safety, "safe_night"), Value(safety, "threats"), Value(safety, "trust_authorities")));
        Assert.Equal("1", Value(data, "feels_safe"));
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "survey-fill-" + provider);
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task Filled_offline_the_submission_waits_in_the_browser_and_is_stored_once_when_the_connection_is_back()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        await ImportSampleAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        var queue = await QueueOfflineAsync(page, field, "52", "Very unsafe");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Submission>().CountAsync()));

        await page.Context.SetOfflineAsync(false);
        await Expect(queue).ToBeHiddenAsync(new() { Timeout = 20_000 });
        var stored = await app.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal(field.Id, stored.UserId);
        Assert.Equal("52", Value(Child(XElement.Parse(stored.Xml), "respondent"), "age"));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task On_a_shared_computer_a_queued_submission_is_sent_only_under_the_session_of_the_officer_who_filled_it()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        await ImportSampleAsync(app);
        var first = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var second = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await QueueOfflineAsync(page, first, "41", "Very unsafe");
        await page.CloseAsync(); // the first officer leaves; the computer comes back online later

        var shared = await page.Context.NewPageAsync();
        await page.Context.SetOfflineAsync(false);
        await shared.GotoAsync("/");
        await shared.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await shared.SignInAsync(second, FillPath);
        await Expect(shared.Locator("#fill-title")).ToBeVisibleAsync();
        await shared.EvaluateAsync("window.amani.surveys.flush()"); // what the page does on opening, done once more and awaited
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Submission>().CountAsync()));
        await Expect(shared.Locator("[data-survey-queue]")).ToBeHiddenAsync(); // not counted as the second officer's either
        Assert.Equal(1, await shared.EvaluateAsync<int>("""
            new Promise((resolve) => { const open = indexedDB.open("amani-survey-queue");
              open.onsuccess = () => { const all = open.result.transaction("submissions").objectStore("submissions").count();
                all.onsuccess = () => { resolve(all.result); open.result.close(); }; }; })
            """));

        await shared.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        var sent = shared.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/openrosa/missions/"));
        await shared.SignInAsync(first, FillPath);
        Assert.Equal(201, (await sent).Status);
        await Expect(shared.Locator("[data-survey-queue]")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        var stored = await app.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal(first.Id, stored.UserId);
        Assert.Equal("41", Value(Child(XElement.Parse(stored.Xml), "respondent"), "age"));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_queued_submission_whose_session_ended_stays_queued_and_is_sent_after_signing_in_again()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        await ImportSampleAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        var queue = await QueueOfflineAsync(page, field, "29", "Rather safe");

        // The session ends while the officer is away (its cookies gone); the connection comes back with the page still open.
        await page.Context.ClearCookiesAsync();
        var refused = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/openrosa/missions/"));
        await page.Context.SetOfflineAsync(false);
        var answer = await refused;
        Assert.Equal(401, answer.Status);
        Assert.False(answer.Headers.ContainsKey("www-authenticate")); // no password prompt from the browser
        await Expect(page.Locator("[data-survey-outcome]")).ToContainTextAsync("Your session ended: sign in again");
        await Expect(queue).ToHaveTextAsync("1 submission(s) waiting to be sent: they go out when the connection is back.");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Submission>().CountAsync()));

        var sent = page.WaitForResponseAsync(r => r.Request.Method == "POST" && r.Url.Contains("/api/v1/openrosa/missions/") && r.Status == 201);
        await page.SignInAsync(field, FillPath);
        await sent;
        var stored = await app.WithDbAsync(db => db.Set<Submission>().SingleAsync());
        Assert.Equal(field.Id, stored.UserId);
        Assert.Equal("29", Value(Child(XElement.Parse(stored.Xml), "respondent"), "age"));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_form_s_image_is_shown_in_the_fill_page_from_the_media_file_uploaded_for_it()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var planner = await app.SignInAsync(await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code));
        var form = new XlsForm()
            .Survey(["type", "name", "label", "image"], ["note", "map_note", "The water point on the map", "water-point.png"], ["text", "remark", "Remark"])
            .Settings(["form_id", "form_title", "version"], ["water_points", "Water points", "1"]);
        await app.WithScopeAsync(async services =>
        {
            var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
            using var content = form.Stream();
            var imported = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, "water_points.xlsx", content, null,
                CancellationToken.None);
            Assert.NotNull(imported.Value);
            return imported.Value;
        });
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAIAAAA2iEnWAAAAEElEQVR4nGNQaDgARAwoFABS9QhBB1gQJgAAAABJRU5ErkJggg==");
        using var upload = new ByteArrayContent(png) { Headers = { ContentType = new("image/png") } };
        var uploaded = await planner.PutAsync($"/api/v1/missions/{TestMission.Code}/forms/water_points/media/water-point.png", upload);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());

        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        var media = page.WaitForResponseAsync(r => r.Url.EndsWith("/forms/water_points/media/water-point.png", StringComparison.Ordinal));
        await page.SignInAsync(field, $"/missions/{TestMission.Code}/surveys/forms/water_points/fill");
        Assert.Equal(200, (await media).Status);
        // The engine shows the image it fetched (a 2 × 3 pixel PNG), not its "media not found" placeholder.
        var image = page.Locator("#xform img[src^='blob:']");
        await Expect(image).ToBeVisibleAsync();
        await Expect(image).ToHaveJSPropertyAsync("naturalWidth", 2);
        Assert.Empty(chromium.PageErrors);
    }

    private static Task ImportSampleAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        using var content = new MemoryStream(SampleForms.CommunitySafety());
        var outcome = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, SampleForms.CommunitySafetyFileName, content, null,
            CancellationToken.None);
        Assert.NotNull(outcome.Value);
        return outcome.Value;
    });

    /// <summary>Signs <paramref name="user"/> in on the fill page, goes offline, answers and sends: the submission waits in the browser's queue (returned).</summary>
    private static async Task<ILocator> QueueOfflineAsync(IPage page, TestUser user, string age, string safety)
    {
        await page.SignInAsync(user, FillPath);
        await Expect(page.Locator("#fill-title")).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(true);
        await AnswerAsync(page, age, safety);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var queue = page.Locator("[data-survey-queue]");
        await Expect(queue).ToHaveTextAsync("1 submission(s) waiting to be sent: they go out when the connection is back.");
        return queue;
    }

    /// <summary>Answers the sample's required questions through the engine's controls (radio buttons, check boxes, number inputs).</summary>
    private static async Task AnswerAsync(IPage page, string age, string safety)
    {
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await Question(page, "Age in years").Locator("input").PressSequentiallyAsync(age);
        await page.GetByLabel("Ouham", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Bossangoa", new() { Exact = true }).CheckAsync();
        await page.GetByLabel(safety, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Theft and burglary", new() { Exact = true }).CheckAsync();
        await Question(page, "From 0 to 10, how much do you trust the local authorities to protect you?").Locator("input").PressSequentiallyAsync("7");
    }

    private static ILocator Question(IPage page, string label) =>
        page.Locator(".question-container", new() { Has = page.Locator($"label:text-is(\"{label}\")") });

    private static XElement Child(XElement parent, string name) => parent.Elements().Single(e => e.Name.LocalName == name);

    private static string Value(XElement parent, string name) => Child(parent, name).Value;
}
