using System.Security.Cryptography;
using Amani.Platform.Hosting;

namespace Amani.Platform.Web;

/// <summary>
/// The headers every response carries (security probe findings 2, 6 and 13):
/// <list type="bullet">
/// <item>a strict Content Security Policy — scripts and styles from this server only, no inline script, no inline
/// style attribute, no plugin, no framing, forms posting here only — so that markup slipped into a name can never run;
/// map tiles are allowed from the configured tile server (<c>AMANI_MAP_TILE_URL</c>) only;</item>
/// <item><c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: no-referrer</c> (a tracking code in a URL never
/// leaves), <c>X-Frame-Options: DENY</c> for old browsers, and <c>Strict-Transport-Security</c> when served over HTTPS;</item>
/// <item><c>Cache-Control: no-store</c> on every answer that did not choose its caching itself (static files, the public
/// boundaries do), so no personal data stays in a browser or proxy cache.</item>
/// </list>
/// Kestrel's <c>Server</c> header is switched off where Kestrel is configured.
/// </summary>
public static class SecurityHeaders
{
    private const string EngineNonceKey = "amani:csp-engine-style-nonce";

    /// <param name="tileUrl">The configured map tile server, allowed for images.</param>
    /// <param name="engineStyleNonce">
    /// Set on a page that runs a form engine (<see cref="AllowFormEngine"/>): WebAssembly may be compiled
    /// (<c>'wasm-unsafe-eval'</c>: no <c>eval</c> of script text) and style elements carrying this nonce apply.
    /// </param>
    public static string Policy(string? tileUrl, string? engineStyleNonce = null)
    {
        var tiles = tileUrl is not null && Uri.TryCreate(tileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"),
            UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority).Replace("://a.", "://*.") : "";
        var (script, style) = engineStyleNonce is null ? ("'self'", "'self'") : ("'self' 'wasm-unsafe-eval'", $"'self' 'nonce-{engineStyleNonce}'");
        return $"default-src 'self'; script-src {script}; style-src {style}; img-src 'self' data: blob:" + tiles +
               "; connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; " +
               "form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>
    /// Lets this answer's page run an XForm engine (ODK Web Forms, <c>wwwroot/lib/odk-web-forms</c>): its XPath
    /// evaluator is WebAssembly, and its component library adds style elements at run time. Only this answer's policy
    /// changes: WebAssembly may be compiled, and style elements carrying the returned nonce (fresh for every answer; the
    /// page hands it to the engine) apply. Scripts stay this server's files only, with no inline script and no
    /// <c>eval</c>.
    /// </summary>
    public static string AllowFormEngine(this HttpContext context)
    {
        if (context.Items[EngineNonceKey] is string existing)
            return existing;
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Items[EngineNonceKey] = nonce;
        return nonce;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var tileUrl = app.Services.GetRequiredService<AmaniSettings>().MapTileUrl;
        var policy = Policy(tileUrl);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items[EngineNonceKey] is string nonce ? Policy(tileUrl, nonce) : policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (context.Request.IsHttps)
                    headers.StrictTransportSecurity = "max-age=31536000";
                if (string.IsNullOrEmpty(headers.CacheControl))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
