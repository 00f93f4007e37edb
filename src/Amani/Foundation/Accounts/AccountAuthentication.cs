using Amani.Foundation.Tokens;
using Amani.Platform.Hosting;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

public static class AccountAuthentication
{
    /// <summary>
    /// Sign-in: the platform's policy scheme (a request with <c>Authorization: Bearer</c> goes to the access-token scheme,
    /// any other to the session cookie), the session cookie itself, and a security-stamp check on every request, so a
    /// password change or sign-out elsewhere ends other sessions at once.
    /// </summary>
    public static IServiceCollection AddAccountAuthentication(this IServiceCollection services)
    {
        new IdentityBuilder(typeof(AmaniUser), services).AddSignInManager();
        services.AddAuthentication()
            .AddPolicyScheme(AuthenticationSchemes.Default, "Session cookie or access token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(SessionCookie.Configure);
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        return services;
    }
}
