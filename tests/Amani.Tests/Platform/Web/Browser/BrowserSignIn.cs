using Amani.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Amani.Tests.Platform.Web.Browser;

public static class BrowserSignIn
{
    /// <summary>
    /// Signs <paramref name="user"/> in through the sign-in page, as a person would, and waits for the page asked for. The fields are
    /// found by their ids, so that this works in every language the browser asks for.
    /// </summary>
    public static async Task SignInAsync(this IPage page, TestUser user, string returnUrl = "/")
    {
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.Locator("#email").FillAsync(user.Email);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login"));
    }
}
