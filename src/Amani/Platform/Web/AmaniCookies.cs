using Amani.Platform.Hosting;

namespace Amani.Platform.Web;

/// <summary>
/// The names and flags of Amani's cookies (session, antiforgery, language). When Amani is served over HTTPS — its public
/// base URL is <c>https://</c>, or it listens on HTTPS addresses only — every cookie is <c>Secure</c>, has path <c>/</c>
/// and no domain, and carries the <c>__Host-</c> prefix, so browsers refuse it unless it came from this very host over
/// HTTPS: a sibling sub-domain or a plain-HTTP man in the middle cannot plant or overwrite it. Over plain HTTP (a
/// field laptop, the tests) the names stay without the prefix, which browsers would otherwise refuse.
/// </summary>
public static class AmaniCookies
{
    public const string HostPrefix = "__Host-";
    public const string Session = "amani.session";
    public const string Antiforgery = "amani.antiforgery";
    public const string Culture = "amani.culture";

    public static bool OverHttps(AmaniSettings settings) =>
        settings.PublicBaseUrl is { } url ? url.Scheme == Uri.UriSchemeHttps
            : settings.Urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .All(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    public static string Name(AmaniSettings settings, string name) => OverHttps(settings) ? HostPrefix + name : name;

    /// <summary>
    /// Names <paramref name="cookie"/> and sets path <c>/</c>; over HTTPS also the prefix and <c>Secure</c> — always, or
    /// (<paramref name="secureAlways"/> false: ASP.NET Core's antiforgery throws on a plain request with "always") on
    /// every request that arrived over HTTPS, which behind a TLS proxy needs <c>AMANI_TRUSTED_PROXIES</c>.
    /// </summary>
    public static void Apply(CookieBuilder cookie, AmaniSettings settings, string name, bool secureAlways = true)
    {
        cookie.Name = Name(settings, name);
        cookie.Path = "/";
        cookie.Domain = null;
        if (OverHttps(settings))
            cookie.SecurePolicy = secureAlways ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    /// <summary>The options of a cookie a page writes itself (the language), with the same rules.</summary>
    public static CookieOptions Options(AmaniSettings settings, CookieOptions options)
    {
        options.Path = "/";
        options.Domain = null;
        options.Secure = OverHttps(settings) || options.Secure;
        return options;
    }
}
