using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Web;

/// <summary>
/// Security finding 8: text answers compressed where that cannot leak a secret. Static files are compressed (Brotli,
/// else gzip); pages (antiforgery token next to echoed input) and personal answers are not (BREACH), and the latter stay
/// <c>no-store</c>; static files are cached by the browser (versioned URLs for a year, the others revalidated).
/// </summary>
public sealed class CompressionTests
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string acceptEncoding = "gzip, deflate, br")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await client.SendAsync(request);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Static_files_are_compressed_and_cached_while_pages_and_personal_answers_are_neither_compressed_nor_stored(
        DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();

        var plain = await client.GetByteArrayAsync("/js/report.js");
        var brotli = await GetAsync(client, "/js/report.js");
        var gzip = await GetAsync(client, "/css/amani.css", "gzip");
        var versioned = await GetAsync(client, "/lib/leaflet/leaflet.js?v=1");

        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        await using (var decoder = new BrotliStream(await brotli.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        {
            using var decoded = new MemoryStream();
            await decoder.CopyToAsync(decoded);
            Assert.Equal(plain, decoded.ToArray());
        }
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal("br", Assert.Single(versioned.Content.Headers.ContentEncoding));
        Assert.True(versioned.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, versioned.Headers.CacheControl?.ToString());
        Assert.True(brotli.Headers.CacheControl?.NoCache, "an unversioned file is revalidated");
        Assert.NotNull(brotli.Headers.ETag);

        // BREACH: a page holds the antiforgery token next to echoed input; personal answers hold secrets. Never compressed.
        await TestMission.CreateAsync(app);
        Assert.Equal(HttpStatusCode.Created, (await app.CreateClient().PostAsJsonAsync("/api/v1/reports",
            new { description = "Threats against the village chief", contact = new { phone = "+236 72 55 01 99" }, consentToContact = true })).StatusCode);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var id = (await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports")).GetProperty("items")[0]
            .GetProperty("id").GetGuid();

        using var reveal = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/missions/{TestMission.Code}/reports/{id}/contact");
        reveal.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        foreach (var response in new[]
                 {
                     await duty.SendAsync(reveal),
                     await GetAsync(duty, "/api/v1/account/me"),
                     await GetAsync(duty, $"/missions/{TestMission.Code}/triage"),
                     await GetAsync(app.CreateClient(), "/report?description=reflected"),
                 })
        {
            var what = response.RequestMessage!.RequestUri!.PathAndQuery;
            Assert.True(response.IsSuccessStatusCode, what);
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.True(response.Headers.CacheControl?.NoStore, what);
        }
    }
}
