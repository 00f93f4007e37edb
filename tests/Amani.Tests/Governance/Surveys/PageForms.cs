using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Amani.Tests.Governance.Surveys;

/// <summary>Posts a page's form as a browser without script does: the antiforgery token read from the page (the layout's), the fields given.</summary>
public static partial class PageForms
{
    [GeneratedRegex("<meta name=\"amani-csrf\" content=\"([^\"]+)\"")]
    private static partial Regex Token();

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Token().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{page} has no antiforgery token");
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token))));
        return await client.PostAsync(action, content);
    }

    /// <summary>The page's text as a reader sees it (entities decoded).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
