using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Primitives;
using Amani.Platform.Problems;

namespace Amani.Platform.Hosting;

/// <summary>
/// Where Amani is reached from outside, for every absolute link it writes (CAP and Atom feeds, e-mail, the SMS gateway's
/// signed URL, the OpenRosa server of the surveys): <c>AMANI_PUBLIC_BASE_URL</c>, else the first address the server
/// listens on. The request's <c>Host</c> header is never used: anyone can send <c>Host: evil.example</c>, and a feed that
/// followed it would hand readers links to another server.
/// </summary>
public sealed class PublicAddress(AmaniSettings settings, IServer server)
{
    private Uri? _listening;

    /// <summary>Whether <c>AMANI_PUBLIC_BASE_URL</c> is set (links made without it only work on this machine or network).</summary>
    public bool Configured => settings.PublicBaseUrl is not null;

    /// <summary>The base, without a trailing slash: <c>https://amani.example.org</c> or <c>https://example.org/amani</c>.</summary>
    public string Base => (settings.PublicBaseUrl ?? Listening()).AbsoluteUri.TrimEnd('/');

    /// <summary>The host name of the base (the CAP <c>sender</c>'s domain, for instance).</summary>
    public string Host => (settings.PublicBaseUrl ?? Listening()).Host;

    /// <summary>An absolute URL for a path within Amani (<c>/api/v1/…</c>).</summary>
    public string Absolute(string path) => Base + "/" + path.TrimStart('/');

    /// <summary>For text read elsewhere (e-mail): absolute when the public base URL is set, else the path as it is.</summary>
    public string LinkOrPath(string path) => Configured ? Absolute(path) : path;

    /// <summary>The bound address, kept once the server has bound one (before that, the configured one, not kept).</summary>
    private Uri Listening()
    {
        if (_listening is { } known)
            return known;
        var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = ListeningAddress(bound, settings.Urls);
        if (bound.Count > 0)
            _listening = address;
        return address;
    }

    /// <summary>The first bound address (the real port when the settings asked for port 0), a wildcard host read as localhost.</summary>
    public static Uri ListeningAddress(IEnumerable<string> bound, string configured)
    {
        var address = bound.FirstOrDefault() ?? configured.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
            ?? "http://localhost";
        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
            if (address.Contains(wildcard, StringComparison.Ordinal))
                address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : new Uri("http://localhost");
    }

    /// <summary>
    /// The hosts a request may name: <c>AMANI_ALLOWED_HOSTS</c>; else, with a public base URL, its host and the loopback
    /// names (the machine's own checks); else any (empty).
    /// </summary>
    public static IReadOnlyList<StringSegment> AllowedHosts(AmaniSettings settings) =>
        settings.AllowedHosts is { } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => new StringSegment(h)).ToList()
            : settings.PublicBaseUrl is { } url
                ? [new StringSegment(url.Host), "localhost", "127.0.0.1", "[::1]"]
                : [];

    /// <summary>
    /// Refuses a request whose <c>Host</c> is not allowed with 400 — before anything reads it. Health checks are exempt:
    /// load balancers probe by address, and they answer nothing that depends on the host.
    /// </summary>
    public static WebApplication UseAllowedHosts(WebApplication app)
    {
        var allowed = AllowedHosts(app.Services.GetRequiredService<AmaniSettings>()).ToList();
        if (allowed.Count == 0)
            return app;
        app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (context.Request.Path.StartsWithSegments("/health") || (host.HasValue && HostString.MatchesAny(host.Host, allowed)))
            {
                await next(context);
                return;
            }
            await Problem.Of(ProblemType.UnknownHost,
                    $"This server does not answer for the host '{(host.HasValue ? host.Host : "(none)")}'. Use its public address; an administrator can allow more host names with AMANI_ALLOWED_HOSTS.")
                .ExecuteAsync(context);
        });
        return app;
    }
}
