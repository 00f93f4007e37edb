using Amani.Platform.Access;
using Amani.Foundation.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Foundation.Accounts.Pages;

/// <summary>Sign-out: a form post (antiforgery checked by Razor Pages), audited by <see cref="SignIn"/>; a GET only shows the home page.</summary>
public sealed class LogoutModel(SignIn signIn, AccessContext access) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (access.UserId is { } userId)
            await signIn.SignOutAsync(userId, cancellationToken);
        return LocalRedirect("/account/login");
    }
}
