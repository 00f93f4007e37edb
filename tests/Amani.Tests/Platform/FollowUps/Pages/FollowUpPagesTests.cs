using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Platform.FollowUps.Pages;

/// <summary>
/// The follow-up pages in Chromium: an analyst asks a field officer for something by a date on the mission's board; the
/// field officer finds it in "My follow-ups", records progress and evidence, and marks it done; a stale form is refused.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpPagesTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_analyst_asks_for_a_follow_up_and_its_owner_reports_progress_evidence_and_completion(DatabaseProvider provider)
    {
        await using var world = await FollowUpWorld.StartAsync(provider);
        var field = world.Users[Role.FieldOfficer];
        await world.CreateAsync(FollowUpWorld.Body("Mission-wide patrol plan", null, world.Now.AddDays(1)));

        var analyst = await chromium.OpenAsync(world.App);
        await analyst.SignInAsync(world.Users[Role.Analyst], "/missions/ALPHA/follow-ups");
        await Expect(analyst.Locator("#follow-ups")).ToContainTextAsync("Mission-wide patrol plan");
        // A bad form: no title, a due date in the past — refused with the reasons, nothing created.
        await analyst.GetByLabel("Due (UTC)").FillAsync(world.Now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"));
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Create the follow-up" }).ClickAsync();
        await Expect(analyst.Locator(".error-summary")).ToContainTextAsync("Give a title of 3 to 300 characters.");
        await analyst.GetByLabel("What is owed").FillAsync("Hand over the Boali water point");
        await analyst.GetByLabel("Due (UTC)").FillAsync(world.Now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm"));
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Create the follow-up" }).ClickAsync();
        await Expect(analyst.Locator(".error-summary")).ToContainTextAsync("a follow-up cannot be due before it exists");
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<FollowUp>().CountAsync()));

        await analyst.GetByLabel("A person").CheckAsync();
        await analyst.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(field.Id.ToString());
        await analyst.GetByLabel("Due (UTC)").FillAsync(world.Now.AddDays(14).ToString("yyyy-MM-ddTHH:mm"));
        await analyst.GetByLabel("Area (P-code; empty: the whole mission)").FillAsync(TestMission.Province);
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(analyst));
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Create the follow-up" }).ClickAsync();
        await Expect(analyst.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The follow-up is created.");
        await Expect(analyst.GetByRole(AriaRole.Heading, new() { Name = "Hand over the Boali water point" })).ToBeVisibleAsync();
        var detailUrl = analyst.Url;
        await Chromium.ScreenshotAsync(analyst, "follow-up-detail-" + provider);

        // The owner finds it in "My follow-ups" and records progress and a note as evidence.
        var owner = await chromium.OpenAsync(world.App);
        await owner.SignInAsync(field, "/follow-ups");
        await Expect(owner.Locator("#follow-ups")).ToContainTextAsync("Hand over the Boali water point");
        await Expect(owner.Locator("#follow-ups")).Not.ToContainTextAsync("Mission-wide patrol plan");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(owner));
        await owner.GetByRole(AriaRole.Link, new() { Name = "Hand over the Boali water point" }).ClickAsync();
        await owner.GetByLabel("Progress (%)").FillAsync("60");
        await owner.GetByLabel("Note", new() { Exact = true }).FillAsync("Pump installed, committee trained.");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Record progress" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Progress recorded.");
        await Expect(owner.Locator("#progress")).ToHaveTextAsync("60 %");
        await Expect(owner.Locator("#status")).ToContainTextAsync("In progress");
        await owner.GetByLabel("Evidence: a note").FillAsync("Handover minutes signed on site.");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Expect(owner.Locator("#evidence")).ToContainTextAsync("Handover minutes signed on site.");

        // The analyst's page is now stale: their reschedule is refused, not applied over the owner's change.
        await analyst.GetByLabel("New due date (UTC)").FillAsync(world.Now.AddDays(20).ToString("yyyy-MM-ddTHH:mm"));
        await analyst.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await Expect(analyst.Locator("#follow-up-error")).ToContainTextAsync("Someone changed this follow-up since you loaded it.");

        await owner.GetByLabel("Move to").SelectOptionAsync("Done");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status).First).ToHaveTextAsync("The follow-up is done.");
        await Expect(owner.Locator("#history")).ToContainTextAsync("Evidence");
        await owner.GotoAsync("/follow-ups");
        await Expect(owner.Locator("#no-follow-ups")).ToBeVisibleAsync();

        // In French, the board speaks French.
        await analyst.GotoAsync("/missions/ALPHA/follow-ups?status=&culture=fr");
        await Expect(analyst.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Suivis");
        await Expect(analyst.Locator("#follow-ups")).ToContainTextAsync("Fait");
        Assert.Empty(chromium.PageErrors);
        await analyst.Context.CloseAsync();
        await owner.Context.CloseAsync();
    }
}
