using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Xunit;

namespace Amani.Tests.Platform.Problems.BadInput;

/// <summary>What wraps the JSON: a body over the 1 MiB limit (413) or a body that is not JSON at all (415). Nothing is written.</summary>
public sealed class RequestEnvelopeTests
{
    private const int OverLimit = 1024 * 1024 + 1;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_body_announced_larger_than_the_limit_is_refused_with_413(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        // Sent as curl sends large bodies, with "Expect: 100-continue": the server answers 413 from the Content-Length alone
        // and the body is never transmitted. (Without it the server still answers 413, but closes the connection on the
        // unread megabyte, and the reset can reach the client before it has read the answer.)
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = BadInputClient.Json(OversizedOrganization()) };
        request.Headers.ExpectContinue = true;
        Assert.True(request.Content.Headers.ContentLength >= OverLimit);
        var problem = await ProblemAssert.IsProblemAsync(await admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("1,048,576 bytes", problem.GetProperty("detail").GetString());

        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_chunked_body_that_grows_beyond_the_limit_is_refused_with_413(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(OversizedOrganization())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/organizations") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await admin.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("1,048,576 bytes", problem.GetProperty("detail").GetString());
        await before.AssertUnchangedAsync(app);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_body_that_is_not_json_is_refused_with_415_naming_what_was_sent(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = await app.AdministratorWithMissionAsync();
        var before = await RowCounts.TakeAsync(app);

        var text = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/missions", new StringContent("""{"code": "TXT", "name": "Text mission", "countryIso3": "CAF"}""",
                Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("'text/plain", text.GetProperty("detail").GetString());

        var form = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/v1/organizations",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Form Relief", ["kind"] = "ngo" })),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("'application/x-www-form-urlencoded'", form.GetProperty("detail").GetString());

        var none = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name": "Untyped Relief", "kind": "ngo"}"""));
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/organizations", none),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        await before.AssertUnchangedAsync(app);
    }

    private static string OversizedOrganization() => $$"""{"name": "{{new string('x', OverLimit)}}", "kind": "ngo"}""";
}
