using Amani.Platform.Hosting;
using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Amani.Platform.Web;

/// <summary>
/// The web application's pages: Razor Pages rendered on the server, each module's in its own <c>Pages</c> folder
/// (<c>Register/Incidents/Pages</c>), English and French text (resources next to each page, <c>*.fr.resx</c>), the
/// shell every page shares (<c>Platform/Web/Pages/Shared</c>: layout and status page), and the static files of
/// <c>Platform/Web/wwwroot</c> plus the npm libraries the build copies into the output's <c>wwwroot/lib</c>.
/// </summary>
public static class WebSetup
{
    /// <summary>The languages of the user interface; the first is the default. A right-to-left one (Arabic) only needs its resources.</summary>
    public static readonly CultureInfo[] Cultures = [new("en"), new("fr")];

    /// <summary>Where the layout and the partials all pages share are found by name (<c>Layout = "_Layout"</c>).</summary>
    public const string SharedViews = "/Platform/Web/Pages/Shared";

    public static IServiceCollection AddAmaniWeb(this IServiceCollection services, AmaniSettings settings)
    {
        services.AddLocalization();
        services.AddRazorPages(options =>
        {
            // The pages live in their modules (Foundation/Accounts/Pages, Register/Incidents/Pages, …), so the root is
            // the project; every page names its own route (@page "/account/login"), never the path of its file.
            options.RootDirectory = "/";
            options.Conventions.ConfigureFilter(new FormExpiredFilter());
        })
            .AddMvcOptions(options => InvariantFormValueProviderFactory.Replace(options.ValueProviderFactories))
            .AddViewLocalization();
        // After the page's folders and the root's /Shared: the shell's shared views.
        services.Configure<RazorViewEngineOptions>(options =>
            options.PageViewLocationFormats.Add(SharedViews + "/{0}" + RazorViewEngine.ViewExtension));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = options.SupportedUICultures = Cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = AmaniCookies.Name(settings, AmaniCookies.Culture) },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>Static files (before routing: no session, no database for a stylesheet) and the request's language.</summary>
    public static WebApplication UseAmaniWeb(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = app.Environment.WebRootFileProvider,
            OnPrepareResponse = context =>
            {
                // Versioned URLs (asp-append-version) may be cached for long; the service worker must always be fresh.
                var versioned = context.Context.Request.Query.ContainsKey("v");
                context.Context.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
        app.UseRequestLocalization();
        return app;
    }

    public static WebApplication MapAmaniWeb(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }

    /// <summary>The output folder's wwwroot (the build copies Platform/Web/wwwroot and the npm libraries there).</summary>
    public static string WebRoot => Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
