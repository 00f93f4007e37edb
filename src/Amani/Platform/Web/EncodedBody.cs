using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Amani.Platform.Web;

/// <summary>
/// A public answer computed once and kept in memory, with its Brotli and gzip encodings made once too (at their
/// strongest settings: the work is done once per version, not per request) and a strong ETag per encoding (the hash of
/// the content, so every node names the same content the same way). <see cref="Result"/> answers a request with the
/// encoding it accepts, <c>Vary: Accept-Encoding</c>, the caller's caching and 304 to a matching <c>If-None-Match</c>.
/// Only for answers that hold no secret and reflect nothing the caller sent (see <see cref="Compression"/>).
/// </summary>
public sealed class EncodedBody
{
    private EncodedBody(string contentType, byte[] identity, byte[] brotli, byte[] gzip, string hash) =>
        (ContentType, Identity, Brotli, Gzip, Hash) = (contentType, identity, brotli, gzip, hash);

    public string ContentType { get; }
    public byte[] Identity { get; }
    public byte[] Brotli { get; }
    public byte[] Gzip { get; }
    /// <summary>The content's SHA-256, base64url, first 128 bits: the ETag's and a versioned URL's value.</summary>
    public string Hash { get; }

    public static EncodedBody Create(byte[] content, string contentType)
    {
        var hash = Convert.ToBase64String(SHA256.HashData(content), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new EncodedBody(contentType, content, CompressBrotli(content), CompressGzip(content), hash);
    }

    /// <summary>Brotli quality 11 (the smallest) up to 1 MB; 9 above, where 11 would take seconds for a few percent.</summary>
    private static byte[] CompressBrotli(byte[] content)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(content.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(content, buffer, out var written, quality: content.Length <= 1 << 20 ? 11 : 9, window: 22))
                throw new InvalidOperationException("Brotli could not compress the content into its maximum compressed length.");
            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] CompressGzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }

    /// <summary>The answer (in the encoding the request accepts, or 304), with <paramref name="cacheControl"/>.</summary>
    public EncodedBodyResult Result(string cacheControl) => new(this, cacheControl);

    internal (string? Encoding, byte[] Bytes, string ETag) Choose(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        bool Accepts(string coding) => accepted.Any(a => (a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) || a.Value == "*") &&
                                                         a.Quality is not 0);
        if (Accepts("br"))
            return ("br", Brotli, Tag("br"));
        if (Accepts("gzip"))
            return ("gzip", Gzip, Tag("gz"));
        return (null, Identity, Tag(null));
    }

    internal string Tag(string? suffix) => suffix is null ? $"\"{Hash}\"" : $"\"{Hash}-{suffix}\"";
}

/// <summary>Writes an <see cref="EncodedBody"/>: from minimal APIs (<see cref="IResult"/>) and from page handlers (<see cref="IActionResult"/>).</summary>
public sealed class EncodedBodyResult(EncodedBody body, string cacheControl) : IResult, IActionResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var (request, response) = (httpContext.Request, httpContext.Response);
        var (encoding, bytes, etag) = body.Choose(request);
        response.Headers.CacheControl = cacheControl;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        response.Headers.ETag = etag;
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        // Any encoding's tag names the same content: a client that cached the gzip answer needs nothing new either.
        var known = new[] { body.Tag(null), body.Tag("br"), body.Tag("gz") };
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || known.Contains(tag.Tag.Value, StringComparer.Ordinal)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = body.ContentType;
        if (encoding is not null)
            response.Headers.ContentEncoding = encoding;
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(request.Method))
            await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
