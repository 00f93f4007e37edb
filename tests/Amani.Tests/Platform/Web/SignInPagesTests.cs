using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Web.Browser;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Amani.Tests.Platform.Web;

/// <summary>Sign-in, password change, sign-out and the language switch, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInPagesTests(Chromium chromium)
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_signs_in_sees_their_missions_changes_the_password_and_signs_out(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var user = await app.CreateUserAsync(Role.Analyst, TestMission.Code);
        var page = await chromium.OpenAsync(app);

        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);
        await page.SignInAsync(user);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alpha mission" })).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "home-" + provider);

        await page.GotoAsync("/account/password");
        await page.GetByLabel("Current password").FillAsync("not-my-password-at-all");
        await page.GetByLabel("New password").FillAsync("a-brand-new-password-42");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The current password is wrong.");

        await page.GetByLabel("Current password").FillAsync(user.Password);
        await page.GetByLabel("New password").FillAsync("a-brand-new-password-42");
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your password has been changed.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        await page.GotoAsync("/");
        Assert.Contains("/account/login", page.Url);

        await page.SignInAsync(user with { Password = "a-brand-new-password-42" });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Alpha mission" })).ToBeVisibleAsync();
        Assert.Empty(chromium.PageErrors);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_reason_and_the_page_asked_for_comes_after_sign_in()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var user = await app.CreateUserAsync(Role.Analyst);
        var page = await chromium.OpenAsync(app);

        await page.GotoAsync("/account/password");
        Assert.Contains("returnUrl=%2Faccount%2Fpassword", page.Url);
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync("wrong-password-for-sure");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(401, refused.Status);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The e-mail address or the password is wrong.");
        await Expect(page.GetByLabel("E-mail")).ToHaveValueAsync(user.Email);

        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/password");
    }

    [Fact]
    public async Task The_pages_speak_the_browsers_language_and_the_switch_is_remembered()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var page = await chromium.OpenAsync(app, locale: "fr-FR");

        await page.GotoAsync("/account/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Se connecter");
        await Expect(page.GetByLabel("Mot de passe")).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "sign-in-fr");

        await page.GetByLabel("Langue").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer de langue" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GotoAsync("/account/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violations()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var page = await chromium.OpenAsync(app);
        await page.GotoAsync("/account/login");
        Assert.Empty(await Chromium.SeriousAccessibilityViolationsAsync(page));
        await Chromium.ScreenshotAsync(page, "sign-in");
    }
}
