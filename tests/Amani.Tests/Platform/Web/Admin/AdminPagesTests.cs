using System.Net;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Foundation.Areas.Import;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;

namespace Amani.Tests.Platform.Web.Admin;

/// <summary>The administration pages in Chromium: users and roles, organisations, missions, areas, the caller's tokens.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_creates_a_user_grants_a_role_creates_an_organisation_and_a_mission_and_uploads_boundaries(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var admin = await app.CreateUserAsync(Role.Administrator);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(admin, "/admin");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Administration");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Areas of ALPHA" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "admin-" + provider);

        // Users: a wrong e-mail is refused next to its field and stores nothing; then a user with a generated password.
        await page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/users");
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());
        await page.GetByLabel("E-mail").FillAsync("not-an-e-mail");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Expect(page.Locator("#email-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("E-mail")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(usersBefore, await app.WithDbAsync(db => db.Users.CountAsync()));

        await page.GetByLabel("E-mail").FillAsync("amina.field@example.org");
        await page.GetByLabel("Display name").FillAsync("Amina Field");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The user amina.field@example.org has been created.");
        var password = (await page.Locator("#generated-password").TextContentAsync())!.Trim();
        Assert.Equal(20, password.Length);

        // Grant: the new user is preselected; a Partner without an organisation is refused next to the field.
        var aminaId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "amina.field@example.org").Select(u => u.Id).SingleAsync());
        await Expect(page.GetByLabel("User", new() { Exact = true })).ToHaveValueAsync(aminaId.ToString());
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Partner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant the role" }).ClickAsync();
        await Expect(page.Locator("#organizationId-error")).ToContainTextAsync("The Partner role is held for an organisation");
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("FieldOfficer");
        await page.GetByLabel("Mission", new() { Exact = true }).SelectOptionAsync(TestMission.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant the role" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The role Field officer has been granted to amina.field@example.org.");
        var amina = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "amina.field@example.org" });
        await Expect(amina.Locator(".badge", new() { HasText = "Field officer" })).ToBeVisibleAsync();
        var grant = await app.WithDbAsync(db => db.RoleAssignments.Where(a => a.UserId == aminaId)
            .Select(a => new { a.Role, Mission = db.Set<Mission>().Where(m => m.Id == a.MissionId).Select(m => m.Code).FirstOrDefault() }).SingleAsync());
        Assert.Equal((Role.FieldOfficer, TestMission.Code), (grant.Role, grant.Mission));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == AuditCodes.RoleGranted)));
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "admin-users-" + provider);

        // The new user signs in with the generated password and sees the mission the role opens.
        var other = await chromium.OpenAsync(app);
        await other.SignInAsync(new TestUser(Guid.Empty, "amina.field@example.org", password));
        await Expect(other.GetByRole(AriaRole.Link, new() { Name = "Alpha mission" })).ToBeVisibleAsync();

        // Lock (after confirming), then revoke the role (after confirming).
        await amina.Locator("summary", new() { HasText = "Lock" }).ClickAsync();
        await amina.GetByRole(AriaRole.Button, new() { Name = "Lock the account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The account of amina.field@example.org is locked.");
        await Expect(amina.Locator(".badge", new() { HasText = "Locked" })).ToBeVisibleAsync();
        await amina.Locator("summary", new() { HasText = "Revoke" }).ClickAsync();
        await amina.GetByRole(AriaRole.Button, new() { Name = "Revoke the role" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The role has been revoked.");
        await Expect(amina).ToContainTextAsync("No role");
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(a => a.UserId == aminaId)));

        // Organisations: one created, a second of the same name refused next to the name.
        await page.GotoAsync("/admin/organizations");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Croix-Rouge centrafricaine");
        await page.GetByLabel("Acronym (optional)").FillAsync("CRCA");
        await page.GetByLabel("Kind").SelectOptionAsync("Ngo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the organisation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The organisation Croix-Rouge centrafricaine has been created.");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "Croix-Rouge centrafricaine" })).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Croix-Rouge centrafricaine");
        await page.GetByLabel("Kind").SelectOptionAsync("Ngo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the organisation" }).ClickAsync();
        await Expect(page.Locator("#name-error")).ToContainTextAsync("already exists");
        Assert.Equal(1, await app.WithDbAsync(db => db.Organizations.CountAsync(o => o.Name == "Croix-Rouge centrafricaine")));
        await Chromium.ScreenshotAsync(page, "admin-organizations-" + provider);

        // Missions: one created; its time zone edited, an unknown zone refused.
        await page.GotoAsync("/admin/missions");
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync("BRAVO");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Bravo mission");
        await page.GetByLabel("Country (ISO 3166-1 alpha-3)").FillAsync("SYR");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the mission" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The mission BRAVO has been created.");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "BRAVO" })).ToContainTextAsync("Asia/Damascus");
        await Chromium.ScreenshotAsync(page, "admin-missions-" + provider);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit BRAVO" }).ClickAsync();
        await page.GetByLabel("Time zone").FillAsync("Nowhere/Atlantis");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("#timeZone-error")).ToContainTextAsync("is not an IANA time zone");
        await page.GetByLabel("Time zone").FillAsync("Asia/Beirut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The mission BRAVO has been saved.");
        Assert.Equal("Asia/Beirut", await app.WithDbAsync(db => db.Missions.Where(m => m.Code == "BRAVO").Select(m => m.TimeZone).SingleAsync()));

        // Areas: governorates, then districts of which one shares a P-code and is refused with its reason.
        await page.GotoAsync($"/admin/missions/{TestMission.Code}/areas");
        await page.GetByLabel("GeoJSON file (FeatureCollection)").SetInputFilesAsync(ImportWorld.Fixture("syr_sample_adm1.geojson"));
        await page.GetByLabel("Level", new() { Exact = true }).FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the boundaries" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Inserted: 2");
        await page.GetByLabel("GeoJSON file (FeatureCollection)").SetInputFilesAsync(ImportWorld.Fixture("syr_sample_adm2.geojson"));
        await page.GetByLabel("Level", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the boundaries" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Refused: 1");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Features refused or repaired" })).ToContainTextAsync("refused");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = "SY.TA.DK" })).ToBeVisibleAsync();
        Assert.Equal(3, await app.WithDbAsync(db => db.AdminAreas.CountAsync(a => a.Level == 2)));
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "admin-areas-" + provider);

        // A file that is not a FeatureCollection is refused next to the file field and writes nothing.
        var notGeoJson = Path.Combine(Path.GetTempPath(), $"point-{Guid.NewGuid():N}.geojson");
        await File.WriteAllTextAsync(notGeoJson, """{"type":"Point","coordinates":[18,4]}""");
        await page.GetByLabel("GeoJSON file (FeatureCollection)").SetInputFilesAsync(notGeoJson);
        await page.GetByLabel("Level", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the boundaries" }).ClickAsync();
        await Expect(page.Locator("#file-error")).ToContainTextAsync("not a FeatureCollection");
        Assert.Equal(0, await app.WithDbAsync(db => db.AdminAreas.CountAsync(a => a.Level == 3)));
        File.Delete(notGeoJson);
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_user_creates_a_token_sees_its_secret_once_and_revokes_it()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var analyst = await app.CreateUserAsync(Role.Analyst, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(analyst, "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your access tokens" }).ClickAsync();
        await page.WaitForURLAsync("**/account/tokens");

        // Only the scopes the caller's roles grant are offered; none chosen is refused next to the scopes.
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "incidents:read" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "users:manage" })).ToHaveCountAsync(0);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("nightly export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        await Expect(page.Locator("#scopes-error")).ToBeVisibleAsync();
        Assert.Equal(0, await app.WithDbAsync(db => db.AccessTokens.CountAsync()));

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "incidents:read" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "missions:read" }).CheckAsync();
        await page.GetByLabel("Expires in (days)").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The token nightly export has been created.");
        var secret = await page.Locator("#secret").InputValueAsync();
        Assert.StartsWith("amani_pat_", secret);
        await Chromium.ScreenshotAsync(page, "account-tokens");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));

        var token = app.TokenClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/v1/missions")).StatusCode);
        var tokenOnPage = await token.GetAsync("/account/tokens");
        Assert.Equal(HttpStatusCode.Forbidden, tokenOnPage.StatusCode);
        Assert.DoesNotContain(secret, await tokenOnPage.Content.ReadAsStringAsync());

        // Shown once: the page after a reload has the prefix only (the creation was not repeated).
        await page.ReloadAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.AccessTokens.CountAsync()));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly export" });
        await Expect(row).ToContainTextAsync(secret[..14]);
        Assert.DoesNotContain(secret, await page.ContentAsync());

        await row.Locator("summary", new() { HasText = "Revoke" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke the token" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The token has been revoked");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly export" })).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/missions")).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e =>
            e.ActionCode == AuditCodes.TokenCreated || e.ActionCode == AuditCodes.TokenRevoked)));
    }

    [Fact]
    public async Task A_non_administrator_is_refused_the_users_page_and_sees_only_their_tokens_in_the_index()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);
        var officer = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var page = await chromium.OpenAsync(app);
        await page.SignInAsync(officer);

        var response = await page.GotoAsync("/admin/users");
        Assert.Equal(403, response!.Status);
        await page.GotoAsync("/admin");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Your access tokens" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Organisations" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Areas of ALPHA" })).ToHaveCountAsync(0);
    }
}
