using Amani.Platform.Access;
using Amani.Foundation.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Foundation.Accounts.Pages;

/// <summary>
/// Sign-out (this session) and sign-out everywhere (every session of the account): form posts (antiforgery checked by
/// Razor Pages) that end the sessions on the server, audited by <see cref="SignIn"/>; a GET only shows the home page.
/// </summary>
public sealed class LogoutModel(SignIn signIn, AccessContext access) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (access.UserId is { } userId)
            await signIn.SignOutAsync(userId, cancellationToken);
        return LocalRedirect("/account/login");
    }

    public async Task<IActionResult> OnPostEverywhereAsync(CancellationToken cancellationToken)
    {
        if (access.UserId is { } userId)
            await signIn.SignOutEverywhereAsync(userId, cancellationToken);
        return LocalRedirect("/account/login");
    }
}
