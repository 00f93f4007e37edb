using Microsoft.AspNetCore.Http.Features;

namespace Amani.Platform.Problems;

/// <summary>
/// The largest request body accepted by default. Bodies announced larger are refused with 413 before they are read;
/// bodies that grow beyond it while streaming are cut off by Kestrel and answered with 413 too.
/// </summary>
public static class RequestLimits
{
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    public static string TooLargeMessage(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? DefaultMaxBodyBytes;
        return $"The request body is larger than the limit of {limit:N0} bytes. Send less data in one request.";
    }

    /// <summary>Middleware: refuse a body whose Content-Length is over the limit without reading it.</summary>
    public static async Task RejectOversizedAsync(HttpContext context, RequestDelegate next)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? DefaultMaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await Problem.WriteAsync(context, ProblemType.PayloadTooLarge, TooLargeMessage(context));
            return;
        }
        await next(context);
    }
}
