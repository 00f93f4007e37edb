using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;

namespace Amani.Tests.Register.Incidents.Pages;

/// <summary>The incident list, detail and edit pages in Chromium, on both databases.</summary>
[Collection(BrowserCollection.Name)]
public sealed class IncidentPagesTests(Chromium chromium)
{
    private static string List => $"/missions/{TestMission.Code}/incidents";

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Filters_narrow_the_list_and_the_exports_follow_them(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        await IncidentPageData.RecordAsync(app, duty.Id, IncidentPageData.Input("Armed men attacked the market."));
        await IncidentPageData.RecordAsync(app, duty.Id, IncidentPageData.Input("Clash at the bridge between two groups.", "battles.armed-clash",
            IncidentSource.Media));
        await IncidentPageData.RecordAsync(app, duty.Id, IncidentPageData.Input("Old attack on a farm.", occurredAt: DateTimeOffset.UtcNow.AddDays(-40)));
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, List);

        var rows = page.Locator("table.incidents tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Chromium.ScreenshotAsync(page, "incidents-list-" + provider);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        await page.GetByLabel("Category").SelectOptionAsync("battles.armed-clash");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("bridge");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href",
            $"/api/v1/missions/{TestMission.Code}/incidents.csv?category=battles.armed-clash");

        await page.GotoAsync($"{List}?source=Patrol&from={DateTime.UtcNow.AddDays(-7):yyyy-MM-dd}");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("market");
        await Expect(page.GetByLabel("Source")).ToHaveValueAsync("Patrol");

        await page.GetByLabel("From").FillAsync("");
        await page.GetByLabel("Text").FillAsync("FARM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Old attack on a farm.");
        var geojson = await page.GetByRole(AriaRole.Link, new() { Name = "GeoJSON" }).GetAttributeAsync("href");
        var exported = await page.APIRequest.GetAsync(geojson!);
        Assert.Equal(200, exported.Status);
        var features = System.Text.Json.JsonDocument.Parse(await exported.TextAsync()).RootElement.GetProperty("features");
        Assert.Equal(1, features.GetArrayLength());

        await page.GotoAsync($"{List}?status=Closed");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No incident matches these filters.");
        Assert.Empty(chromium.PageErrors);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_detail_shows_the_map_and_the_timeline_and_moves_the_status_through_the_workflow(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var id = await IncidentPageData.RecordAsync(app, duty.Id, IncidentPageData.Input("Armed men attacked the market."));
        await app.WithScopeAsync(async services =>
        {
            var incident = await services.GetRequiredService<AmaniDbContext>().Incidents.FirstAsync(i => i.Id == id);
            var moved = await services.GetRequiredService<IncidentRules>().TransitionAsync(incident, 1,
                new TransitionRequest(IncidentStatus.Triaged, "Patrol confirms the place.", null), CancellationToken.None);
            Assert.True(moved!.Succeeded);
            return moved;
        });
        await IncidentPageData.RecordAsync(app, duty.Id, IncidentPageData.Input("Armed men attacked the market, several hurt."));
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(duty, $"{List}/{id}");

        await Expect(page.Locator("h1")).ToContainTextAsync("Attack");
        var timeline = page.GetByTestId("timeline").Locator("li");
        await Expect(timeline).ToHaveCountAsync(2);
        await Expect(timeline.Nth(1)).ToContainTextAsync("Patrol confirms the place.");
        await Expect(page.Locator("#incident-map[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("#incident-map path.leaflet-interactive")).ToHaveCountAsync(2); // the province's boundary and the point
        await Expect(page.Locator("#incident-map img.leaflet-tile")).ToHaveCountAsync(0); // no tile server unless configured
        await Expect(page.Locator("section[aria-labelledby=duplicates] table tbody tr")).ToHaveCountAsync(1);
        await Chromium.ScreenshotAsync(page, "incident-detail-" + provider);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        await page.GetByLabel("New status").SelectOptionAsync("Verified");
        await page.GetByLabel("Reason").FillAsync("Two sources agree.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The status was changed.");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Verified");
        await Expect(timeline).ToHaveCountAsync(3);
        Assert.Empty(chromium.PageErrors);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_edit_is_saved_and_an_edit_made_meanwhile_by_someone_else_is_kept_with_a_clear_message(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var id = await IncidentPageData.RecordAsync(app, field.Id, IncidentPageData.Input("Armed men attacked the market."));
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(field, $"{List}/{id}/edit");

        await page.GetByLabel("Description").FillAsync("Armed men attacked the market at dawn.");
        await page.GetByLabel("Fatalities (best estimate)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your changes were saved.");
        await Expect(page.GetByTestId("description")).ToHaveTextAsync("Armed men attacked the market at dawn.");

        await page.GotoAsync($"{List}/{id}/edit");
        await UpdateMeanwhileAsync(app, id, "Armed men attacked the market at dawn; a second witness.");
        await page.GetByLabel("Description").FillAsync("My version of the description.");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        var conflict = page.GetByTestId("conflict");
        await Expect(conflict).ToContainTextAsync("Someone else changed this incident while you were editing it");
        await Expect(conflict).ToContainTextAsync("version 2 is now version 3");
        await Expect(conflict.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(conflict.Locator("tbody tr")).ToContainTextAsync("My version of the description.");
        await Expect(page.GetByLabel("Description")).ToHaveValueAsync("Armed men attacked the market at dawn; a second witness.");
        var stored = await app.WithDbAsync(db => db.Incidents.AsNoTracking().FirstAsync(i => i.Id == id));
        Assert.Equal("Armed men attacked the market at dawn; a second witness.", stored.Description);
        Assert.Equal(3, stored.Version);
        Assert.Equal(3, stored.FatalitiesBest);

        await page.GetByLabel("Description").FillAsync("Both versions, merged by hand.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByTestId("description")).ToHaveTextAsync("Both versions, merged by hand.");
        Assert.Empty(chromium.PageErrors);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Publication_is_asked_for_in_the_form_and_approved_on_the_detail_page_by_a_second_person(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var duty = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var partner = await app.CreateUserAsync(Role.Partner, TestMission.Code, await Query.Fixtures.OrganizationAsync(app, "Partner NGO"));
        var id = await IncidentPageData.RecordAsync(app, field.Id, IncidentPageData.Input("Armed men attacked the market.", confidentiality: Confidentiality.Public));
        var publicList = $"/api/v1/public/missions/{TestMission.Code}/incidents";

        // The recorder asks for publication in the edit form; the page says it waits for someone else, and offers no approval.
        var recorder = await chromium.OpenAsync(app);
        await recorder.SignInAsync(field, $"{List}/{id}/edit");
        await recorder.GetByLabel("Ask to publish this text on the public pages").CheckAsync();
        await recorder.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(recorder.GetByTestId("publication")).ToHaveAttributeAsync("data-state", "requested");
        await Expect(recorder.GetByTestId("publication")).ToContainTextAsync("You asked for this description to be published");
        await Expect(recorder.GetByRole(AriaRole.Button, new() { Name = "Approve publication of this description" })).ToHaveCountAsync(0);
        Assert.DoesNotContain("Armed men", await (await app.CreateClient().GetAsync(publicList)).Content.ReadAsStringAsync());
        // Posting the approval by hand (with a valid antiforgery token from the page) is refused too: no incidents:publish.
        var forged = await recorder.RunAndWaitForResponseAsync(() => recorder.EvaluateAsync("""
            () => {
              const form = document.createElement('form');
              form.method = 'post';
              form.action = location.pathname + '?handler=Publish';
              for (const [name, value] of [['version', '2'], ['__RequestVerificationToken', document.querySelector('input[name=__RequestVerificationToken]').value]]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.append(input);
              }
              document.body.append(form);
              form.submit();
            }
            """), r => r.Request.Method == "POST");
        Assert.Equal(403, forged.Status);
        Assert.False(await app.WithDbAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => i.DescriptionPublic).SingleAsync()));

        // A duty officer (incidents:publish) approves it: now the public reads it.
        var approver = await chromium.OpenAsync(app);
        await approver.SignInAsync(duty, $"{List}/{id}");
        await Expect(approver.GetByTestId("publication")).ToContainTextAsync("asked for this description to be published");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve publication of this description" }).ClickAsync();
        await Expect(approver.GetByRole(AriaRole.Status)).ToHaveTextAsync("The description is now public.");
        await Expect(approver.GetByTestId("publication")).ToHaveAttributeAsync("data-state", "published");
        Assert.Contains("Armed men attacked the market.", await (await app.CreateClient().GetAsync(publicList)).Content.ReadAsStringAsync());
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(approver));

        // Partners take no part in publication: neither the state nor the box is shown to them.
        var partnerPage = await chromium.OpenAsync(app);
        var own = await IncidentPageData.RecordAsync(app, partner.Id, IncidentPageData.Input("Checkpoint moved to the river crossing."));
        await partnerPage.SignInAsync(partner, $"{List}/{own}/edit");
        await Expect(partnerPage.GetByLabel("Description")).ToBeVisibleAsync();
        await Expect(partnerPage.GetByLabel("Ask to publish this text on the public pages")).ToHaveCountAsync(0);
        await partnerPage.GotoAsync($"{List}/{own}");
        await Expect(partnerPage.GetByTestId("publication")).ToHaveCountAsync(0);

        // Unticking the box withdraws the description from the public at once.
        await recorder.GotoAsync($"{List}/{id}/edit");
        await recorder.GetByLabel("Ask to publish this text on the public pages").UncheckAsync();
        await recorder.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(recorder.GetByTestId("publication")).ToHaveAttributeAsync("data-state", "none");
        Assert.DoesNotContain("Armed men", await (await app.CreateClient().GetAsync(publicList)).Content.ReadAsStringAsync());
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_field_officer_records_an_incident_in_french_and_finds_it_in_the_list()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var field = await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app, locale: "fr-FR");
        await page.SignInAsync(field, List);

        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrer un incident" }).ClickAsync();
        await page.GetByLabel("Catégorie").SelectOptionAsync("violence-against-civilians.abduction-forced-disappearance");
        await page.GetByLabel("Latitude").FillAsync("4.25");
        await page.GetByLabel("Longitude").FillAsync("18.75");
        await page.GetByLabel("Description").FillAsync("Two traders taken on the road to Boali.");
        await page.GetByLabel("Morts (meilleure estimation)").FillAsync("-1");
        await page.EvaluateAsync("document.querySelector('form.edit-incident').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l’incident" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(); // the API's range check, before anything is stored
        Assert.Equal(0, await app.WithDbAsync(db => db.Incidents.CountAsync()));

        await page.GetByLabel("Morts (meilleure estimation)").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l’incident" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("L’incident a été enregistré.");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Signalé");
        await Expect(page.Locator("#incident-map[data-ready=true]")).ToBeVisibleAsync();
        var stored = await app.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync());
        Assert.Equal(field.Id, stored.RecordedByUserId);
        Assert.Equal(TestMission.Province, await app.WithDbAsync(db => db.AdminAreas.Where(a => a.Id == stored.AreaId).Select(a => a.PCode).SingleAsync()));

        await page.GotoAsync(List);
        await Expect(page.Locator("table.incidents tbody tr")).ToContainTextAsync("Two traders taken");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Appliquer les filtres" })).ToBeVisibleAsync();
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        Assert.Empty(chromium.PageErrors);
    }

    /// <summary>Another person's edit through <see cref="IncidentRules"/> (as the API's PUT does), between the page's load and its save.</summary>
    private static Task<int> UpdateMeanwhileAsync(TestApp app, Guid id, string description) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var incident = await db.Incidents.Include(i => i.Actors).Include(i => i.Grants).FirstAsync(i => i.Id == id);
        var mission = await db.Missions.FirstAsync(m => m.Id == incident.MissionId);
        var input = IncidentPageData.Input(description, occurredAt: new DateTimeOffset(incident.OccurredFrom, TimeSpan.Zero)) with { FatalitiesBest = 3 };
        var updated = await services.GetRequiredService<IncidentRules>().UpdateAsync(mission, incident, incident.Version, input, CancellationToken.None);
        Assert.True(updated!.Succeeded, updated.Refusal?.Message);
        return updated.Value!.Version;
    });
}
