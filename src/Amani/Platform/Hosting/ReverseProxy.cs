using Microsoft.AspNetCore.HttpOverrides;

namespace Amani.Platform.Hosting;

/// <summary>
/// Behind a reverse proxy or load balancer every request comes from the proxy's address, so per-address rate limits
/// would throttle everybody together. When <c>AMANI_TRUSTED_PROXIES</c> names the proxies, their
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> headers are honoured — from those addresses only, so no client can
/// choose its own rate-limit bucket by sending the header itself.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddAmaniReverseProxy(this IServiceCollection services, AmaniSettings settings) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in settings.TrustedProxies)
                options.KnownProxies.Add(proxy);
        });

    public static WebApplication UseAmaniReverseProxy(this WebApplication app)
    {
        if (app.Services.GetRequiredService<AmaniSettings>().TrustedProxies.Count > 0)
            app.UseForwardedHeaders();
        return app;
    }
}
