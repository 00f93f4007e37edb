using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Users.Passwords;

/// <summary>
/// <see cref="PasswordRules"/> as an Identity password validator, so that every password set through
/// <see cref="UserManager{TUser}"/> is checked: user creation (API, page, CLI, set-up, demo) and password change.
/// </summary>
public sealed class PasswordRulesValidator : IPasswordValidator<AmaniUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AmaniUser> manager, AmaniUser user, string? password) =>
        Task.FromResult(password is not null && PasswordRules.Check(password, user.Email, user.DisplayName) is { } refusal
            ? IdentityResult.Failed(new IdentityError { Code = refusal.Code, Description = refusal.Message })
            : IdentityResult.Success);
}
