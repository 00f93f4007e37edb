using Amani.Platform.Access;
using Amani.Foundation.Accounts;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Accounts.Pages;

/// <summary>The signed-in user's password change (<see cref="PasswordChange"/>, as the API's); a wrong current password is a 400 that says so.</summary>
[SignedIn]
public sealed class PasswordModel(PasswordChange passwords, AccessContext access, IStringLocalizer<PasswordModel> text) : PageModel
{
    public bool Changed { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            return Failed(text["Enter your current password and the new one."]);
        var failure = await passwords.ChangeAsync(access.UserId!.Value, currentPassword, newPassword, cancellationToken);
        if (failure is not null)
            return Failed(failure.WrongCurrentPassword ? text["The current password is wrong."] : failure.Message);
        Changed = true;
        return Page();
    }

    private PageResult Failed(string error)
    {
        Error = error;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
