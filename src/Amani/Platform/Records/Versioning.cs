using Microsoft.Net.Http.Headers;

namespace Amani.Platform.Records;

/// <summary>ETag / If-Match for optimistic concurrency: the ETag is the record's version in quotes.</summary>
public static class Versioning
{
    public static string ETag(int version) => $"\"{version}\"";

    /// <summary>The version the client last saw, from If-Match; null when the header is missing or not one of our ETags.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.StartsWith("W/", StringComparison.Ordinal))
            header = header[2..];
        return header.Length > 2 && header[0] == '"' && header[^1] == '"' && int.TryParse(header[1..^1], out var version) ? version : null;
    }
}
