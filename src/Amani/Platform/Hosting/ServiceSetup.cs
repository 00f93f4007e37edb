using Amani.Platform.Access;
using Amani.Foundation.Accounts;
using Amani.Platform.Data;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Hosting;

public static class ServiceSetup
{
    /// <summary>Settings, clock, database and the per-request access context.</summary>
    public static IServiceCollection AddAmaniCore(this IServiceCollection services, AmaniSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.Database);
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AmaniDbContext>(settings.Database.Configure);
        services.AddHttpContextAccessor();
        services.AddScoped<AccessContext>();
        services.AddSingleton<Records.MissionDataSignal>();
        services.AddValidation();
        return services;
    }

    /// <summary>
    /// Identity (password hashing, lockout), the session cookie and personal access tokens behind one policy scheme,
    /// antiforgery and rate limits.
    /// </summary>
    public static IServiceCollection AddAmaniSecurity(this IServiceCollection services, AmaniSettings settings)
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
            .AddEntityFrameworkStores<AmaniDbContext>()
            .AddSignInManager();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = AuthenticationSchemes.Default;
                options.DefaultChallengeScheme = AuthenticationSchemes.Default;
            })
            .AddPolicyScheme(AuthenticationSchemes.Default, "Session cookie or access token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? TokenAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(SessionCookie.Configure);
        // Check the security stamp on every request, so a password change or sign-out elsewhere ends other sessions at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = SessionAntiforgery.HeaderName;
            options.Cookie.Name = "amani.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAmaniRateLimits(settings);
        return services;
    }

    public static ILoggingBuilder AddAmaniLogging(this ILoggingBuilder logging, LogFormat format)
    {
        logging.ClearProviders();
        if (format == LogFormat.Json)
            logging.AddJsonConsole(options => options.IncludeScopes = true);
        else
            logging.AddSimpleConsole(options => options.SingleLine = true);
        logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return logging;
    }
}

public static class AuthenticationSchemes
{
    public const string Default = "Amani";
}
