using Amani.Foundation.Tokens;
using Amani.Platform.Hosting;
using Amani.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Amani.Foundation.Accounts;

public static class AccountAuthentication
{
    /// <summary>
    /// Sign-in: the platform's policy scheme (a request with <c>Authorization: Bearer</c> goes to the access-token scheme,
    /// any other to the session cookie), the session cookie itself, and on every request a check that its server-side
    /// session is open and its security stamp current, so signing out ends the session and a password change ends the others.
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
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<AmaniSettings>(SessionCookie.Configure);
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.Zero;
            options.OnRefreshingPrincipal = UserSessions.KeepSession;
        });
        return services;
    }
}
