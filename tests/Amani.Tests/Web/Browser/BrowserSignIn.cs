using Amani.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Amani.Tests.Web.Browser;

public static class BrowserSignIn
{
    /// <summary>Signs <paramref name="user"/> in through the sign-in page, as a person would, and waits for the home page.</summary>
    public static async Task SignInAsync(this IPage page, TestUser user, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByLabel("E-mail").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
    }
}
