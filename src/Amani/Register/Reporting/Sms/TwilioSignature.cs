using System.Security.Cryptography;
using System.Text;

namespace Amani.Register.Reporting.Sms;

/// <summary>
/// Twilio's request signature (<c>X-Twilio-Signature</c>): base64 of HMAC-SHA1, keyed with the account's auth token,
/// over the full URL Twilio called followed by every POST parameter sorted by name (ordinal), each as name then value.
/// Like Twilio's own validators, the URL is also tried with its default port added or removed.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
            data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Whether <paramref name="signature"/> is Twilio's for this URL and these parameters (constant-time comparison).</summary>
    public static bool IsValid(string authToken, string url, IReadOnlyList<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
            return false;
        var given = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
            valid |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(Compute(authToken, candidate, parameters)));
        return valid;
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsDefaultPort)
            yield break;
        var withPort = $"{uri.Scheme}://{uri.Host}:{uri.Port}{uri.PathAndQuery}";
        var withoutPort = $"{uri.Scheme}://{uri.Host}{uri.PathAndQuery}";
        yield return url.Contains($"{uri.Host}:{uri.Port}", StringComparison.OrdinalIgnoreCase) ? withoutPort : withPort;
    }
}
