using Amani.Platform.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Platform.Web.Pages;

/// <summary>The language switch of every page: remembers the choice in a cookie for a year and goes back to the page.</summary>
public sealed class LanguageModel(TimeProvider clock, AmaniSettings settings) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = WebSetup.Cultures.FirstOrDefault(c => c.Name == culture) ?? WebSetup.Cultures[0];
        Response.Cookies.Append(AmaniCookies.Name(settings, AmaniCookies.Culture), CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            AmaniCookies.Options(settings, new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true }));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
