using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Foundation.Areas.Import.ImportWorld;
using Amani.Foundation.Areas;

namespace Amani.Tests.Foundation.Areas.Import;

public sealed class AreaImportApiTests
{
    private static MultipartFormDataContent Upload(byte[] content, string fileName = "areas.geojson")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/geo+json");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_administrator_uploads_boundary_files_larger_than_the_default_body_limit_and_gets_the_summary(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateMissionAsync(app);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));

        var adm1 = await admin.PostAsync($"/api/v1/missions/{Mission}/areas/import?level=1", Upload(File.ReadAllBytes(SampleGeo("caf_adm1.geojson"))));
        var adm2 = await admin.PostAsync($"/api/v1/missions/{Mission}/areas/import?level=2", Upload(File.ReadAllBytes(SampleGeo("caf_adm2.geojson"))));

        Assert.Equal(HttpStatusCode.OK, adm1.StatusCode);
        var summary = await adm2.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, adm2.StatusCode);
        Assert.Equal((72, 72, 0, "synchronous"), (summary.GetProperty("read").GetInt32(), summary.GetProperty("inserted").GetInt32(),
            summary.GetProperty("rejected").GetInt32(), summary.GetProperty("mode").GetString()));
        Assert.Equal(89, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
        var areas = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{Mission}/areas?parent=CF.NM");
        Assert.Contains("CF.NM.AB", areas.EnumerateArray().Select(a => a.GetProperty("pCode").GetString()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_uploads_get_problem_details_and_write_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await CreateMissionAsync(app);
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, Mission));
        var good = File.ReadAllBytes(Fixture("syr_sample_adm1.geojson"));
        var path = $"/api/v1/missions/{Mission}/areas/import";

        var notCollection = await ProblemAssert.IsProblemAsync(await admin.PostAsync($"{path}?level=1",
            Upload(Utf8("""{"type":"Point","coordinates":[18,4]}"""))), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("not a FeatureCollection", notCollection.GetProperty("errors").GetProperty("file")[0].GetString());
        var noLevel = await ProblemAssert.IsProblemAsync(await admin.PostAsync(path, Upload(good)), HttpStatusCode.BadRequest, "validation");
        Assert.True(noLevel.GetProperty("errors").TryGetProperty("level", out _));
        var badLevel = await ProblemAssert.IsProblemAsync(await admin.PostAsync($"{path}?level=9", Upload(good)), HttpStatusCode.BadRequest, "validation");
        Assert.True(badLevel.GetProperty("errors").TryGetProperty("level", out _));
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync($"{path}?level=1", new { type = "FeatureCollection" }),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ProblemAssert.IsProblemAsync(await analyst.PostAsync($"{path}?level=1", Upload(good)), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/missions/NOPE/areas/import?level=1", Upload(good)),
            HttpStatusCode.NotFound, "not-found");

        Assert.Equal(0, await app.WithDbAsync(db => db.AdminAreas.CountAsync()));
    }
}
