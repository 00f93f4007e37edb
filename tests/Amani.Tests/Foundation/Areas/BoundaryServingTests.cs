using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Xunit;
using static Amani.Tests.Foundation.Areas.Import.ImportWorld;

namespace Amani.Tests.Foundation.Areas;

/// <summary>
/// Security finding 8: boundaries served unbounded. The public report page's boundaries (the demo's 17 prefectures of
/// the Central African Republic) come simplified for the map's zoom, compressed, with a strong ETag and a versioned URL;
/// a boundary above the vertex limit is refused at import.
/// </summary>
public sealed partial class BoundaryServingTests
{
    private const string Boundaries = $"/report?handler=boundaries&mission={Mission}";

    private static async Task<TestApp> StartWithPrefecturesAsync(DatabaseProvider provider)
    {
        var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        Assert.Null((await ImportAsync(app, mission, SampleGeo("caf_adm0.geojson"), 0)).Refusal);
        Assert.Null((await ImportAsync(app, mission, SampleGeo("caf_adm1.geojson"), 1)).Refusal);
        return app;
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    private static async Task<byte[]> DecodedAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Stream? decoder = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            null => null,
            var other => throw new InvalidOperationException($"Unexpected encoding {other}"),
        };
        if (decoder is null)
            return bytes;
        using var output = new MemoryStream();
        await using (decoder)
            await decoder.CopyToAsync(output);
        return output.ToArray();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_public_boundaries_are_sent_compressed_to_a_browser_that_accepts_brotli_or_gzip(DatabaseProvider provider)
    {
        await using var app = await StartWithPrefecturesAsync(provider);
        var client = app.CreateClient();

        var identity = await GetAsync(client, Boundaries + "&detail=full");
        var brotli = await GetAsync(client, Boundaries + "&detail=full", "gzip, deflate, br");
        var gzip = await GetAsync(client, Boundaries + "&detail=full", "gzip");

        var plain = await identity.Content.ReadAsByteArrayAsync();
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", brotli.Headers.Vary);
        Assert.Equal(plain, await DecodedAsync(brotli));
        Assert.Equal(plain, await DecodedAsync(gzip));
        Assert.True(brotli.Content.Headers.ContentLength < plain.Length / 3,
            $"brotli sent {brotli.Content.Headers.ContentLength} bytes of {plain.Length}");
        Assert.Equal(17, JsonDocument.Parse(plain).RootElement.GetProperty("features").GetArrayLength());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_coarse_boundaries_are_a_small_fraction_of_the_full_geometry_and_still_valid_polygons(DatabaseProvider provider)
    {
        await using var app = await StartWithPrefecturesAsync(provider);
        var client = app.CreateClient();

        var full = await (await GetAsync(client, Boundaries + "&detail=full")).Content.ReadAsByteArrayAsync();
        var sizes = new Dictionary<string, int>();
        foreach (var detail in new[] { "coarse", "medium", "fine" })
        {
            var response = await GetAsync(client, $"{Boundaries}&detail={detail}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            sizes[detail] = bytes.Length;
            var features = JsonDocument.Parse(bytes).RootElement.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(17, features.Count); // no prefecture vanishes, not even Bangui (67 km²)
            foreach (var feature in features)
            {
                var shape = feature.GetProperty("geometry").Deserialize<Geometry>(GeoJsonGeometry.Options)!;
                Assert.True(shape is Polygon or MultiPolygon && !shape.IsEmpty && shape.IsValid,
                    $"{detail} {feature.GetProperty("properties").GetProperty("pCode")} is not a valid polygon");
            }
        }

        Assert.True(sizes["coarse"] <= full.Length * 0.15, $"coarse {sizes["coarse"]} bytes of {full.Length}");
        Assert.True(sizes["coarse"] < sizes["medium"] && sizes["medium"] < sizes["fine"] && sizes["fine"] < full.Length,
            string.Join(", ", sizes.Select(s => $"{s.Key} {s.Value}")) + $", full {full.Length}");
        Assert.Equal((await GetAsync(client, Boundaries)).Content.Headers.ContentLength, sizes["coarse"]); // the default
        await ProblemAssert.IsProblemAsync(await GetAsync(client, Boundaries + "&detail=huge"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_boundaries_carry_a_strong_etag_and_their_versioned_url_is_immutable_until_an_import_changes_them(DatabaseProvider provider)
    {
        await using var app = await StartWithPrefecturesAsync(provider);
        var client = app.CreateClient();

        var url = await BoundariesUrlAsync(client) + "&detail=coarse";
        var first = await GetAsync(client, url, "br");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 } control && control.Extensions.Any(e => e.Name == "immutable"),
            first.Headers.CacheControl?.ToString());
        var again = await GetAsync(client, url, "br", etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        // A prefecture renamed by a new import: a new version, so a new URL; the old one is no longer immutable.
        var renamed = File.ReadAllText(SampleGeo("caf_adm1.geojson")).Replace("\"Bangui\"", "\"Bangui (city)\"");
        var mission = await app.WithDbAsync(db => db.Set<Amani.Foundation.Missions.Mission>().SingleAsync(m => m.Code == Mission));
        Assert.Equal(1, (await ImportAsync(app, mission, Encoding.UTF8.GetBytes(renamed), 1)).Value!.Updated);

        var newUrl = await BoundariesUrlAsync(client) + "&detail=coarse";
        Assert.NotEqual(url, newUrl);
        var stale = await GetAsync(client, url, "br", etag.Tag);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.True(stale.Headers.CacheControl is { NoCache: true, Public: true }, stale.Headers.CacheControl?.ToString());
        Assert.Contains("Bangui (city)", Encoding.UTF8.GetString(await DecodedAsync(stale)));
        Assert.NotEqual(etag, stale.Headers.ETag);
    }

    /// <summary>The boundaries' URL of the mission as the public report page names it.</summary>
    private static async Task<string> BoundariesUrlAsync(HttpClient client)
    {
        var html = await client.GetStringAsync($"/report?mission={Mission}");
        return WebUtility.HtmlDecode(BoundariesAttribute().Match(html).Groups[1].Value);
    }

    [GeneratedRegex("data-boundaries=\"([^\"]+)\"")]
    private static partial Regex BoundariesAttribute();

    /// <summary>A polygon ring of <paramref name="positions"/> positions (closing one included) round (20°E, 6°N).</summary>
    private static string Circle(int positions)
    {
        var builder = new StringBuilder("""{"type":"Polygon","coordinates":[[""");
        for (var i = 0; i < positions - 1; i++)
        {
            var angle = 2 * Math.PI * i / (positions - 1);
            builder.Append(CultureInfo.InvariantCulture, $"[{20 + Math.Cos(angle):0.#######},{6 + Math.Sin(angle):0.#######}],");
        }
        return builder.Append("[21,6]]]}").ToString();
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_boundary_above_the_vertex_limit_is_refused_with_a_400_naming_it_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await CreateMissionAsync(app);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var file = new ByteArrayContent(Utf8(Collection(
            Feature("CF.OK", "Small", """{"type":"Polygon","coordinates":[[[18,4],[19,4],[19,5],[18,5],[18,4]]]}"""),
            Feature("CF.BIG", "Too detailed", Circle(AreaLimits.MaxVerticesPerArea + 1)))));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");

        var response = await admin.PostAsync($"/api/v1/missions/{Mission}/areas/import?level=1",
            new MultipartFormDataContent { { file, "file", "big.geojson" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var message = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("features[1] (CF.BIG) has 200,001 positions", message);
        Assert.Contains("at most 200,000", message);
        Assert.Equal(0, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));

        // One area through the API's rules (the demo's path) is held to the same limit.
        var added = await app.WithScopeAsync(services => services.GetRequiredService<AreaRules>().AddAsync(mission,
            new CreateAreaRequest("CF.BIG", "Too detailed", 1, null, JsonDocument.Parse(Circle(AreaLimits.MaxVerticesPerArea + 1)).RootElement,
                null, null), CancellationToken.None));
        Assert.Equal("geometry", added.Refusal?.Field);
        Assert.Equal(0, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_dashboard_asks_for_a_detail_and_gets_its_boundaries_compressed_but_never_stored_in_caches(DatabaseProvider provider)
    {
        await using var app = await StartWithPrefecturesAsync(provider);
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, Mission));
        var path = $"/api/v1/missions/{Mission}/map/areas?level=1";

        var full = await GetAsync(analyst, path);
        var coarse = await GetAsync(analyst, path + "&detail=coarse", "br");

        Assert.Equal(HttpStatusCode.OK, coarse.StatusCode);
        Assert.Equal("br", Assert.Single(coarse.Content.Headers.ContentEncoding));
        Assert.True(coarse.Headers.CacheControl?.NoStore, "mission data behind a permission is not kept by caches");
        var fullBytes = await full.Content.ReadAsByteArrayAsync();
        var coarseBytes = await DecodedAsync(coarse);
        Assert.True(coarseBytes.Length <= fullBytes.Length * 0.15, $"coarse {coarseBytes.Length} of {fullBytes.Length}");
        Assert.Equal(17, JsonDocument.Parse(coarseBytes).RootElement.GetProperty("features").GetArrayLength());
        await ProblemAssert.IsProblemAsync(await GetAsync(analyst, path + "&detail=2"), HttpStatusCode.BadRequest, "validation");
    }
}
