using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Web;

/// <summary>
/// Response compression (Brotli, else gzip; security finding 8), for what cannot carry a secret next to something the
/// caller chose — the condition for BREACH-style attacks, which read a secret from the compressed size of answers that
/// also reflect attacker-chosen text:
/// <list type="bullet">
/// <item>static files (CSS, JavaScript, SVG, JSON, text), served before routing: the same bytes for everybody;</item>
/// <item>endpoints marked <see cref="CompressedAnswer"/>: public or mission data without secrets and without echoed text
/// (the dashboard's boundary layer);</item>
/// <item>the public boundary layers are compressed once, in advance, by <see cref="EncodedBody"/>.</item>
/// </list>
/// Pages (HTML carries the antiforgery token and echoes form input) and API answers are not compressed: a contact
/// reveal, a new access token or a session answer never are. The same rule holds over HTTP and HTTPS.
/// </summary>
public static class Compression
{
    /// <summary>The static files' types that are compressed (fonts and images other than SVG are compressed already).</summary>
    public static readonly string[] StaticTypes =
        ["text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "application/manifest+json", "text/plain"];

    public static IServiceCollection AddAmaniCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // what is compressed is chosen by AmaniCompressionProvider, the same way over HTTPS
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = StaticTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.AddSingleton<IResponseCompressionProvider, AmaniCompressionProvider>();
        return services;
    }

    /// <summary>Before the static files: they are compressed on the way out.</summary>
    public static WebApplication UseAmaniCompression(this WebApplication app)
    {
        app.UseResponseCompression();
        return app;
    }

    /// <summary>Marks an endpoint whose answers may be compressed: no secret in them, nothing the caller sent echoed.</summary>
    public static TBuilder CompressedAnswer<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CompressedAnswerMetadata.Instance);

    internal sealed class CompressedAnswerMetadata
    {
        public static CompressedAnswerMetadata Instance { get; } = new();
    }

    /// <summary>
    /// ASP.NET Core's provider (it negotiates Accept-Encoding and checks the types), with the choice of what to compress:
    /// a routed answer only when its endpoint is marked, any JSON type then; an unrouted one (a static file) by its type.
    /// </summary>
    private sealed class AmaniCompressionProvider(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context)
        {
            var endpoint = context.GetEndpoint();
            if (endpoint is null)
                return base.ShouldCompressResponse(context);
            if (endpoint.Metadata.GetMetadata<CompressedAnswerMetadata>() is null)
                return false;
            var headers = context.Response.Headers;
            var type = context.Response.ContentType ?? "";
            return !headers.ContainsKey("Content-Range") && !headers.ContainsKey("Content-Encoding") &&
                   (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
                    type.StartsWith("application/geo+json", StringComparison.OrdinalIgnoreCase));
        }
    }
}
