using Amani.Foundation.Accounts;
using Amani.Platform.Access;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Accounts.Pages;

/// <summary>
/// Sign-in with e-mail and password (the same <see cref="SignIn"/> as the API: lockout, audit), then back to the page
/// that asked for it. The form's antiforgery token is checked by Razor Pages; failures answer 400/401/403 with the reason.
/// </summary>
[EnableRateLimiting(RateLimits.Anonymous)]
public sealed class LoginModel(SignIn signIn, IStringLocalizer<LoginModel> text) : PageModel
{
    public string? Error { get; private set; }
    public string? Email { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Local(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        (Email, ReturnUrl) = (email, Local(returnUrl));
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Failed(StatusCodes.Status400BadRequest, text["Enter your e-mail address and password."]);
        var outcome = await signIn.PasswordAsync(email, password, cancellationToken);
        if (outcome.Succeeded)
            return LocalRedirect(ReturnUrl);
        return Failed(outcome.Problem!.Status, outcome.Problem == ProblemType.AccountLocked
            ? text["This account is locked. Ask an administrator to unlock it, or wait until the lock ends."]
            : text["The e-mail address or the password is wrong."]);
    }

    private PageResult Failed(int status, string error)
    {
        Error = error;
        return new PageResult { StatusCode = status };
    }

    private string Local(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
