using Amani.Platform.Hosting;
using Amani.Platform.Problems;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Amani.Foundation.Accounts;

/// <summary>The browser session cookie: HttpOnly, SameSite=Strict, <c>__Host-</c> over HTTPS (<see cref="AmaniCookies"/>), 8 hours sliding; API calls get 401/403 problems instead of redirects.</summary>
public static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions options, AmaniSettings settings)
    {
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        AmaniCookies.Apply(options.Cookie, settings, AmaniCookies.Session); // __Host-amani.session over HTTPS
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = "/account/login";
        options.Events.OnValidatePrincipal = UserSessions.ValidateAsync;
        options.Events.OnRedirectToLogin = context => IsApi(context.Request)
            ? Problem.WriteAsync(context.HttpContext, ProblemType.Unauthenticated, ProblemType.Unauthenticated.Explanation)
            : Redirect(context);
        options.Events.OnRedirectToAccessDenied = context => IsApi(context.Request)
            ? Problem.WriteAsync(context.HttpContext, ProblemType.Forbidden, ProblemType.Forbidden.Explanation)
            : Redirect(context);
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
