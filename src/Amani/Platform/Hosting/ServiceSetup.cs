using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.Hosting;

public static class ServiceSetup
{
    /// <summary>Settings, clock, database and the per-request access context.</summary>
    public static IServiceCollection AddAmaniCore(this IServiceCollection services, AmaniSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.Database);
        services.AddSingleton<PublicAddress>();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<AmaniDbContext>(settings.Database.Configure);
        services.AddHttpContextAccessor();
        services.AddScoped<AccessContext>();
        services.AddSingleton<Records.MissionDataSignal>();
        services.AddSingleton<Measures.MeasureChanges>();
        services.AddScoped<Measures.MeasureCatalog>();
        services.AddValidation();
        return services;
    }

    /// <summary>
    /// Authentication under one policy scheme (<see cref="AuthenticationSchemes.Default"/>) whose parts the modules add —
    /// Identity and the session cookie (Users, Accounts), personal access tokens (Tokens) — then authorization,
    /// antiforgery and rate limits.
    /// </summary>
    public static IServiceCollection AddAmaniSecurity(this IServiceCollection services, AmaniSettings settings)
    {
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = AuthenticationSchemes.Default;
            options.DefaultChallengeScheme = AuthenticationSchemes.Default;
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            options.HeaderName = SessionAntiforgery.HeaderName;
            options.Cookie.SameSite = SameSiteMode.Strict;
            Web.AmaniCookies.Apply(options.Cookie, settings, Web.AmaniCookies.Antiforgery, secureAlways: false);
            options.SuppressXFrameOptionsHeader = true; // every response says DENY (SecurityHeaders), not only the ones with a token
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
