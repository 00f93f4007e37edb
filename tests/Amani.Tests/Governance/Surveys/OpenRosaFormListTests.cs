using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// What ODK Collect reads before it fills a form: the form list (id, name, version, <c>md5:</c> hash of the very bytes
/// it downloads, download and manifest URLs under the public address), the form, its manifest and media, and the answer
/// to its HEAD before posting; the settings QR code that points it at all this.
/// </summary>
public sealed class OpenRosaFormListTests
{
    private static readonly XNamespace List = "http://openrosa.org/xforms/xformsList", Manifest = "http://openrosa.org/xforms/xformsManifest";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_form_list_names_the_latest_version_with_the_hash_of_the_bytes_served_and_links_under_the_public_address(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider, s => s with { PublicBaseUrl = new Uri("http://surveys.mission.example/amani/"), AllowedHosts = "*" });
        Assert.StartsWith("http://surveys.mission.example/amani/api/v1/openrosa/key/", world.ServerUrl);
        // The test server is reached at its own address; the links it writes must still use the public one, whatever Host says.
        var local = world.ServerUrl.Replace("http://surveys.mission.example/amani", world.App.BaseAddress.ToString().TrimEnd('/'));
        var again = await ImportAsync(world.Planner, XForm(version: "2024070101", title: "Household safety (July)"), "household-july.xml");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, local + "/formList");
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-OpenRosa-Version", "1.0");
        var response = await world.Phone.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1.0", Assert.Single(response.Headers.GetValues("X-OpenRosa-Version")));
        var form = Assert.Single(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(List + "xform"));
        Assert.Equal(FormId, form.Element(List + "formID")!.Value);
        Assert.Equal("Household safety (July)", form.Element(List + "name")!.Value);
        Assert.Equal("2024070101", form.Element(List + "version")!.Value);
        var downloadUrl = form.Element(List + "downloadUrl")!.Value;
        Assert.Equal($"{world.ServerUrl}/forms/{FormId}.xml", downloadUrl);
        Assert.Null(form.Element(List + "manifestUrl")); // no media file uploaded yet

        var bytes = await world.Phone.GetByteArrayAsync(downloadUrl.Replace("http://surveys.mission.example/amani", world.App.BaseAddress.ToString().TrimEnd('/')));
        Assert.Equal("md5:" + Convert.ToHexStringLower(MD5.HashData(bytes)), form.Element(List + "hash")!.Value);
        Assert.Contains("version=\"2024070101\"", System.Text.Encoding.UTF8.GetString(bytes));

        // A media file uploaded: the list gets a manifest URL, the manifest names the file with its MD5, the phone downloads it.
        var logo = new ByteArrayContent([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        logo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.PutAsync($"{Api}/forms/{FormId}/media/logo.png", logo)).StatusCode);
        var listed = XDocument.Parse(await world.Phone.GetStringAsync(local + "/formList")).Root!.Element(List + "xform")!;
        Assert.Equal($"{world.ServerUrl}/forms/{FormId}/manifest", listed.Element(List + "manifestUrl")!.Value);
        var manifest = await world.Phone.GetAsync(local + $"/forms/{FormId}/manifest");
        Assert.Equal("1.0", Assert.Single(manifest.Headers.GetValues("X-OpenRosa-Version")));
        var media = Assert.Single(XDocument.Parse(await manifest.Content.ReadAsStringAsync()).Root!.Elements(Manifest + "mediaFile"));
        Assert.Equal("logo.png", media.Element(Manifest + "filename")!.Value);
        Assert.Equal("md5:" + Convert.ToHexStringLower(MD5.HashData(new byte[] { 0x89, 0x50, 0x4e, 0x47, 1, 2, 3 })), media.Element(Manifest + "hash")!.Value);
        Assert.Equal($"{world.ServerUrl}/forms/{FormId}/media/logo.png", media.Element(Manifest + "downloadUrl")!.Value);
        Assert.Equal([0x89, 0x50, 0x4e, 0x47, 1, 2, 3], await world.Phone.GetByteArrayAsync(local + $"/forms/{FormId}/media/logo.png"));

        // A media file the form does not name is refused, naming those it does.
        var stray = await world.Planner.PutAsync($"{Api}/forms/{FormId}/media/other.png", new ByteArrayContent([1]));
        Assert.Contains("logo.png", (await ProblemAssert.IsProblemAsync(stray, HttpStatusCode.BadRequest, "validation")).GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task HEAD_and_GET_on_the_submission_URL_answer_204_with_the_accepted_length_and_every_answer_carries_the_OpenRosa_version(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        foreach (var method in new[] { HttpMethod.Head, HttpMethod.Get })
        {
            var response = await world.Phone.SendAsync(new HttpRequestMessage(method, world.ServerUrl + "/submission"));
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("1.0", Assert.Single(response.Headers.GetValues("X-OpenRosa-Version")));
            Assert.Equal((50L * 1024 * 1024).ToString(), Assert.Single(response.Headers.GetValues("X-OpenRosa-Accept-Content-Length")));
        }
        // Refusals too, down to a path the server does not have.
        var missing = await world.Phone.GetAsync(world.ServerUrl + "/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("1.0", Assert.Single(missing.Headers.GetValues("X-OpenRosa-Version")));
        Assert.Contains("no open form 'nope'", await MessageAsync(await world.Phone.GetAsync(world.ServerUrl + "/forms/nope.xml"), HttpStatusCode.NotFound));
        var otherMission = world.ServerUrl.Replace($"/missions/{Mission}", "/missions/BETA");
        Assert.Contains("not for a mission 'BETA'", await MessageAsync(await world.Phone.GetAsync(otherMission + "/formList"), HttpStatusCode.NotFound));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_app_user_of_one_survey_is_offered_that_surveys_open_forms_only(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var other = await ImportAsync(world.Planner, XForm(formId: "market_prices", title: "Market prices"), "market.xml");
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var otherSurvey = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("surveyId").GetGuid();
        Assert.NotEqual(world.SurveyId, otherSurvey);
        var scoped = (await CreateAppUserAsync(world.Planner, "Market monitor", otherSurvey)).GetProperty("serverUrl").GetString()!;

        Assert.Equal(["household_safety", "market_prices"], FormIds(await world.Phone.GetStringAsync(world.ServerUrl + "/formList")));
        Assert.Equal(["market_prices"], FormIds(await world.Phone.GetStringAsync(scoped + "/formList")));
        Assert.Contains("no form 'household_safety'", await MessageAsync(await world.SubmitToAsync(scoped, Instance(NewInstanceId()), false), HttpStatusCode.NotFound));

        // A closed survey offers nothing.
        var survey = await world.Planner.GetAsync($"{Api}/surveys/{otherSurvey}");
        using var close = new HttpRequestMessage(HttpMethod.Put, $"{Api}/surveys/{otherSurvey}")
        {
            Content = JsonContent.Create(new { name = "Market prices", state = "closed" }),
        };
        close.Headers.IfMatch.Add(survey.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await world.Planner.SendAsync(close)).StatusCode);
        Assert.Empty(FormIds(await world.Phone.GetStringAsync(scoped + "/formList")));
    }

    private static List<string> FormIds(string formList) =>
        XDocument.Parse(formList).Root!.Elements(List + "xform").Select(f => f.Element(List + "formID")!.Value).ToList();

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_settings_QR_code_holds_the_server_URL_as_ODK_Collect_reads_it_and_the_token_is_kept_only_as_a_hash(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var created = await CreateAppUserAsync(world.Planner, "Enumerator team B");
        var serverUrl = created.GetProperty("serverUrl").GetString()!;
        var token = created.GetProperty("token").GetString()!;
        Assert.Equal(43, token.Length);
        Assert.StartsWith("data:image/png;base64,", created.GetProperty("settingsQr").GetString());

        // The payload: zlib of the settings JSON, in base64 (ODK Central's format).
        var payload = Amani.Governance.Surveys.SettingsQr.Payload(serverUrl, "ALPHA – Enumerator team B");
        using var inflated = new MemoryStream();
        await using (var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String(payload)), CompressionMode.Decompress))
            await zlib.CopyToAsync(inflated);
        var settings = JsonDocument.Parse(inflated.ToArray()).RootElement;
        Assert.Equal(serverUrl, settings.GetProperty("general").GetProperty("server_url").GetString());
        Assert.Equal(JsonValueKind.Object, settings.GetProperty("admin").ValueKind);

        // Listed without token; stored as its SHA-256 only.
        var list = await world.Planner.GetStringAsync($"{Api}/app-users");
        Assert.DoesNotContain(token, list);
        Assert.Contains("Enumerator team B", list);
        var stored = await world.App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<Amani.Governance.Surveys.AppUser>().Select(u => u.TokenHash)));
        Assert.Contains(Amani.Governance.Surveys.AppUsers.HashOf(token), stored);
        Assert.DoesNotContain(token, stored);
    }
}
