using System.Net;
using Amani.Governance.Results;
using Amani.Governance.Surveys;
using Amani.Governance.Surveys.Forms.Samples;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Governance.Surveys.Forms;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Governance.Surveys.Pages;

/// <summary>
/// The staff pages of Surveys in Chromium: a planning officer creates a survey (a duplicate name refused with what was typed
/// kept), imports a form (an XLSForm with a problem listed by sheet, row and column, then the sample), downloads the
/// original, closes the form, meets a stale form (409, nothing written); creates an app user (server URL and QR code shown
/// once) and revokes it after confirming; a field officer reads without the forms that change things.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SurveyPagesTests(Chromium chromium)
{
    private static string Root => $"/missions/{TestMission.Code}/surveys";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_planning_officer_creates_a_survey_imports_forms_and_meets_a_stale_form(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(planner, $"/missions/{TestMission.Code}");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Surveys" }).ClickAsync();
        await Expect(page.Locator("#no-surveys")).ToBeVisibleAsync();

        await page.Locator("#name").FillAsync("Perception round 1");
        await page.Locator("#new-survey button[type=submit]").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("The survey was created.");
        var surveyUrl = page.Url;
        // The same name again: 409, the field says why and what was typed stays.
        await page.GotoAsync(Root);
        await page.Locator("#name").FillAsync("Perception round 1");
        await page.Locator("#description").FillAsync("Second try");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Locator("#new-survey button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        await Expect(page.Locator("#name-error")).ToContainTextAsync("already has a survey named");
        await Expect(page.Locator("#description")).ToHaveValueAsync("Second try");
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Survey>().CountAsync()));

        // An XLSForm with an unknown question type: each problem by sheet, row and column; nothing stored.
        await page.GotoAsync(surveyUrl);
        var broken = new XlsForm().Survey(["type", "name", "label"], ["text", "village", "Village"], ["integr", "people", "People"])
            .Settings(["form_id", "version"], "broken_form", "1").Stream().ToArray();
        await page.Locator("#form-file").SetInputFilesAsync(new FilePayload { Name = "broken.xlsx", MimeType = "application/octet-stream", Buffer = broken });
        var problem = await page.RunAndWaitForResponseAsync(() => page.Locator("#import button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, problem.Status);
        var cells = page.Locator("#problems tbody tr", new() { HasText = "Did you mean 'integer'?" }).Locator("td");
        await Expect(cells.Nth(0)).ToHaveTextAsync("survey");
        await Expect(cells.Nth(1)).ToHaveTextAsync("3");
        await Expect(cells.Nth(2)).ToHaveTextAsync("type");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<SurveyForm>().CountAsync()));

        // The sample XLSForm: imported into this survey, its version listed, the original downloadable as uploaded.
        var sample = SampleForms.CommunitySafety();
        await page.Locator("#form-file").SetInputFilesAsync(new FilePayload { Name = SampleForms.CommunitySafetyFileName, MimeType = "application/octet-stream", Buffer = sample });
        await page.Locator("#import button[type=submit]").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("The form was imported.");
        var form = page.Locator("[data-form=community_safety_sample]");
        await Expect(form.Locator("tr[data-version='2025060101']")).ToBeVisibleAsync();
        await Expect(form.Locator("a.fill-link")).ToHaveAttributeAsync("href", $"{Root}/forms/community_safety_sample/fill");
        await Expect(form.Locator("a.submissions-link")).ToHaveAttributeAsync("href", $"{Root}/forms/community_safety_sample/submissions");
        var original = await page.Context.APIRequest.GetAsync(await form.GetByRole(AriaRole.Link, new() { Name = "XLSForm" }).GetAttributeAsync("href") ?? "");
        Assert.Equal(sample, await original.BodyAsync());
        var xform = await page.Context.APIRequest.GetAsync(await form.GetByRole(AriaRole.Link, new() { Name = "XForm", Exact = true }).GetAttributeAsync("href") ?? "");
        Assert.Equal(200, xform.Status);
        Assert.Contains("id=\"community_safety_sample\"", await xform.TextAsync());
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        // Closing the form: it says so, and it is no longer offered to fill.
        await form.GetByRole(AriaRole.Button, new() { Name = "Close the form" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("The form's state was changed.");
        await Expect(form.Locator("a.fill-link")).ToHaveCountAsync(0);
        Assert.Equal(FormState.Closed, await app.WithDbAsync(db => db.Set<SurveyForm>().Select(f => f.State).SingleAsync()));

        // Two tabs: the first saves a new name; the second, loaded before, is stale (409) and writes nothing.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(surveyUrl);
        await page.GotoAsync(surveyUrl);
        await page.Locator("#name").FillAsync("Perception round 1 (CAR)");
        await page.Locator("#details button[type=submit]").ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("Saved.");
        await other.Locator("#description").FillAsync("Households of Bangui and Ouham");
        var stale = await other.RunAndWaitForResponseAsync(() => other.Locator("#details button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, stale.Status);
        await Expect(other.Locator("#stale")).ToContainTextAsync("Perception round 1 (CAR)");
        await Expect(other.Locator("#description")).ToHaveValueAsync("Households of Bangui and Ouham");
        var saved = await app.WithDbAsync(db => db.Set<Survey>().SingleAsync());
        Assert.Equal(("Perception round 1 (CAR)", null, 2), (saved.Name, saved.Description, saved.Version));
        // Saving again from the refreshed form applies the entries.
        await other.Locator("#details button[type=submit]").ClickAsync();
        await Expect(other.Locator("#done")).ToHaveTextAsync("Saved.");
        Assert.Equal("Households of Bangui and Ouham", await app.WithDbAsync(db => db.Set<Survey>().Select(s => s.Description).SingleAsync()));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task An_app_user_is_shown_once_with_its_QR_code_and_revoked_after_a_confirmation()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app, locale: "fr-FR");
        await page.SignInAsync(planner, $"{Root}/app-users");
        await Expect(page.Locator("#odk-help")).ToContainTextAsync("ODK Collect");
        await page.Locator("#name").FillAsync("Équipe Bossangoa");
        var created = await page.RunAndWaitForResponseAsync(() => page.Locator("#new-app-user button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");
        Assert.Contains("no-store", await created.HeaderValueAsync("cache-control"));
        var serverUrl = await page.Locator("#server-url").TextContentAsync() ?? "";
        Assert.Matches("/api/v1/openrosa/key/[A-Za-z0-9_-]{43}/missions/" + TestMission.Code + "$", serverUrl);
        Assert.StartsWith("data:image/png;base64,", await page.Locator("#settings-qr").GetAttributeAsync("src"));
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        using var phone = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync(serverUrl + "/formList")).StatusCode);

        // Never again: the list shows the name, not the key.
        await page.GotoAsync($"{Root}/app-users");
        await Expect(page.Locator("#server-url")).ToHaveCountAsync(0);
        Assert.DoesNotContain(serverUrl.Split('/')[^3], await page.ContentAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Révoquer…" }).ClickAsync();
        await Expect(page.Locator("#confirm-revoke")).ToContainTextAsync("Équipe Bossangoa");
        Assert.Null(await app.WithDbAsync(db => db.Set<AppUser>().Select(u => u.RevokedAt).SingleAsync()));
        await page.Locator("#confirm-revoke button[type=submit]").ClickAsync();
        await Expect(page.Locator("#revoked")).ToBeVisibleAsync();
        Assert.NotNull(await app.WithDbAsync(db => db.Set<AppUser>().Select(u => u.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.Forbidden, (await phone.GetAsync(serverUrl + "/formList")).StatusCode);
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_field_officer_reads_a_survey_without_the_forms_that_change_it_and_a_forged_post_is_refused()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var path = await SurveyPageData.SurveyPathAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(field, path);
        await Expect(page.Locator("dl#details")).ToBeVisibleAsync();
        await Expect(page.Locator("form#details, form#import, #team-add")).ToHaveCountAsync(0);
        await Expect(page.Locator("a.fill-link")).ToHaveCountAsync(1);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        // A post built by hand with the session's antiforgery token: 403, nothing changed.
        var forged = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("""
            () => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = location.pathname;
              for (const [name, value] of [['Fields.Name', 'Taken over'], ['Fields.Version', '1'],
                   ['__RequestVerificationToken', document.querySelector('meta[name=amani-csrf]').content]]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.append(input);
              }
              document.body.append(form);
              form.submit();
            }
            """), r => r.Request.Method == "POST");
        Assert.Equal(403, forged.Status);
        Assert.DoesNotContain("Taken over", await app.WithDbAsync(db => db.Set<Survey>().Select(s => s.Name).ToListAsync()));
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_media_file_the_form_names_is_uploaded_and_marked_uploaded()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var path = await SurveyPageData.SurveyPathAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(planner, path);
        var media = page.Locator("ul.media li");
        await Expect(media).ToHaveTextAsync("logo.png: missing");
        await page.Locator("input[type=file][name=file]").First.SetInputFilesAsync(new FilePayload
        {
            Name = "logo.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("The media file was uploaded.");
        await Expect(media).ToHaveTextAsync("logo.png: uploaded");
        var stored = await app.WithDbAsync(db => db.Set<FormMedia>().SingleAsync());
        Assert.Equal(("image/png", 8L), (stored.ContentType, stored.ByteSize));
        Assert.NotNull(stored.Blob);
        Assert.Empty(chromium.PageErrors);
    }
}
