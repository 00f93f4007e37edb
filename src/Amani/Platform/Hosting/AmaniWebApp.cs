using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.DataProtection;
using Amani.Platform.Health;
using Amani.Platform.Hosting.Settings;
using Amani.Platform.Problems;
using Amani.Platform.Web;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Hosting;

/// <summary>The web application: the platform's shell (security, problems, web, health), then every module of <see cref="AmaniModules"/>.</summary>
public static class AmaniWebApp
{
    public static WebApplication Build(AmaniSettings settings, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = WebSetup.WebRoot,
            ApplicationName = typeof(AmaniWebApp).Assembly.GetName().Name, // where Razor Pages finds the pages, also when a test hosts the app
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false; // no "Server: Kestrel" telling a prober what runs here
        });
        builder.Logging.AddAmaniLogging(settings.LogFormat);
        builder.Configuration.AddAmaniEnvironment(); // the options of the modules (SettingsBinder.AddSettings) bind from it

        builder.Services
            .AddAmaniCore(settings)
            .AddAmaniProblems()
            .AddAmaniSecurity(settings)
            .AddAmaniReverseProxy(settings)
            .AddAmaniDataProtection()
            .AddAmaniHealth()
            .AddAmaniWeb(settings)
            .AddAmaniCompression()
            .AddOpenApi();
        foreach (var module in AmaniModules.All)
            module.AddServices(builder.Services, settings);
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate(); // a refused setting stops every command, not only serve
        app.UseAmaniReverseProxy();
        app.UseSecurityHeaders();
        app.UseAmaniProblems();
        PublicAddress.UseAllowedHosts(app);
        app.UseAmaniCompression(); // static files and the answers marked for it only (BREACH): see Platform/Web/Compression.cs
        app.UseAmaniWeb();
        app.UseRouting();
        app.Use(RequestLimits.RejectOversizedAsync); // after routing: endpoints with their own body limit (uploads) are matched first
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(AuditActorMiddleware.SetActorAsync);
        app.UseAntiforgery();
        app.Use(SessionAntiforgery.ValidateAsync);

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAmaniHealth();
        app.MapAmaniWeb();
        var api = app.MapGroup("/api/v1");
        foreach (var module in AmaniModules.All)
            module.MapApi(api);
        return app;
    }
}
