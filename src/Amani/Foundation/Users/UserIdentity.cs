using Amani.Foundation.Users.Passwords;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Users;

public static class UserIdentity
{
    /// <summary>
    /// ASP.NET Core Identity for Amani's users: password hashing and rules (a minimum length, no common or breached
    /// password, not the user's name: <see cref="PasswordRules"/>), lockout, unique e-mail, the EF store.
    /// </summary>
    public static IServiceCollection AddUserIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<AmaniUser>(options =>
            {
                options.Password.RequiredLength = UserLimits.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddPasswordValidator<PasswordRulesValidator>()
            .AddEntityFrameworkStores<AmaniDbContext>();
        return services;
    }
}
