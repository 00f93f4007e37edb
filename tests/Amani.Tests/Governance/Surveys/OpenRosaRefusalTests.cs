using System.Net;
using System.Net.Http.Json;
using System.Text;
using Amani.Governance.Surveys;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Surveys.SurveyWorld;

namespace Amani.Tests.Governance.Surveys;

/// <summary>
/// Bad submissions and bad keys: each answered with an OpenRosa message (and its status) that says what to do, and
/// nothing stored — no submission row, no attachment row, no audit row of a submission.
/// </summary>
public sealed class OpenRosaRefusalTests
{
    private static async Task AssertNothingStoredAsync(SurveyWorld world) =>
        Assert.Equal((0, 0, 0), await world.App.WithDbAsync(async db => (await db.Set<Submission>().CountAsync(),
            await db.Set<SubmissionAttachment>().CountAsync(), await db.AuditEntries.CountAsync(e => e.ActionCode == 4307 || e.ActionCode == 4308))));

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Malformed_XML_a_DOCTYPE_an_unknown_form_or_version_and_a_missing_instanceID_are_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var malformed = await MessageAsync(await world.SubmitAsync("<data id=\"household_safety\"><consent>yes</data>", ("a.jpg", "x")), HttpStatusCode.BadRequest);
        Assert.Contains("not well-formed XML", malformed);

        // An external entity: never resolved (the file it names would appear in the stored XML), refused outright.
        var secret = Path.GetTempFileName();
        await File.WriteAllTextAsync(secret, "TOP SECRET");
        var xxe = $"<?xml version=\"1.0\"?>\n<!DOCTYPE data [<!ENTITY leak SYSTEM \"file://{secret}\">]>\n" +
                  Instance(NewInstanceId()).Replace("<?xml version=\"1.0\"?>", "").Replace("<consent>yes</consent>", "<consent>&leak;</consent>");
        Assert.Contains("DOCTYPE", await MessageAsync(await world.SubmitAsync(xxe), HttpStatusCode.BadRequest));
        File.Delete(secret);

        Assert.Contains("no form 'no_such_form'",
            await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId(), formId: "no_such_form")), HttpStatusCode.NotFound));
        Assert.Contains("no version '1999'", await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId(), version: "1999")), HttpStatusCode.NotFound));
        Assert.Contains("meta/instanceID", await MessageAsync(await world.SubmitAsync(Instance("")), HttpStatusCode.BadRequest));
        Assert.Contains("xml_submission_file", await MessageAsync(await world.Phone.PostAsync(world.ServerUrl + "/submission",
            new MultipartFormDataContent { { new StringContent("x"), "other", "other.txt" } }), HttpStatusCode.BadRequest));
        Assert.Contains("multipart/form-data", await MessageAsync(await world.Phone.PostAsync(world.ServerUrl + "/submission",
            new StringContent(Instance(NewInstanceId()), Encoding.UTF8, "text/xml")), HttpStatusCode.BadRequest));
        await AssertNothingStoredAsync(world);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_closed_form_or_version_refuses_submissions_and_leaves_the_form_list(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var closed = await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "closed", version = V1 });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains("is closed", await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId())), HttpStatusCode.Forbidden));
        Assert.DoesNotContain(FormId, await world.Phone.GetStringAsync(world.ServerUrl + "/formList"));

        await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "open", version = V1 });
        await world.Planner.PostAsJsonAsync($"{Api}/forms/{FormId}/state", new { state = "closed" });
        Assert.Contains("is closed", await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId())), HttpStatusCode.Forbidden));
        await AssertNothingStoredAsync(world);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Other_XML_under_a_known_instanceID_is_refused_with_409_and_the_first_is_kept(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var id = NewInstanceId();
        await MessageAsync(await world.SubmitAsync(Instance(id, size: 4)), HttpStatusCode.Created);
        Assert.Contains("other content", await MessageAsync(await world.SubmitAsync(Instance(id, size: 9), ("late.txt", "late")), HttpStatusCode.Conflict));
        var stored = await world.App.WithDbAsync(db => db.Set<Submission>().Include(s => s.Attachments).SingleAsync());
        Assert.Contains("<household_size>4</household_size>", stored.Xml);
        Assert.Empty(stored.Attachments);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_post_announced_larger_than_accepted_is_refused_with_413_and_one_larger_than_announced_with_400(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        // Announced larger than X-OpenRosa-Accept-Content-Length: refused on the announcement, before any of the body is sent.
        var url = new Uri(world.ServerUrl + "/submission");
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(url.Host, url.Port);
            var stream = socket.GetStream();
            var head = $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: multipart/form-data; boundary=b\r\n" +
                       $"Content-Length: {Amani.Governance.Surveys.OpenRosa.OpenRosaLimits.MaxPostBytes + 1}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            var answer = await new StreamReader(stream).ReadToEndAsync();
            Assert.StartsWith("HTTP/1.1 413", answer);
            Assert.Contains("X-OpenRosa-Version: 1.0", answer);
            Assert.Contains("larger than the 50 MB this server accepts", answer);
        }

        // A body larger than its announced Content-Length: only the announced bytes are the body, so the multipart is cut
        // short and refused whole (400) — the submission it began is not stored.
        var body = new MultipartFormDataContent("b0undary");
        body.Add(new StringContent(Instance(NewInstanceId())), "xml_submission_file", "instance.xml");
        body.Add(new StringContent("JPEG house"), "house.jpg", "house.jpg");
        var bytes = await body.ReadAsByteArrayAsync();
        using (var socket = new System.Net.Sockets.TcpClient())
        {
            await socket.ConnectAsync(url.Host, url.Port);
            var stream = socket.GetStream();
            var head = $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\n" +
                       $"Content-Length: {bytes.Length - 40}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(bytes);
            var answer = await new StreamReader(stream).ReadToEndAsync();
            Assert.StartsWith("HTTP/1.1 400", answer);
            Assert.Contains("X-OpenRosa-Version: 1.0", answer);
            Assert.True(answer.Contains("The body ended before it was complete", StringComparison.Ordinal), answer);
        }
        await AssertNothingStoredAsync(world);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_revoked_or_unknown_key_is_refused_on_every_OpenRosa_endpoint(DatabaseProvider provider)
    {
        await using var world = await StartAsync(provider);
        var revoked = await world.Planner.PostAsync($"{Api}/app-users/{world.AppUserId}/revocation", null);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        foreach (var path in new[] { "/formList", $"/forms/{FormId}.xml", $"/forms/{FormId}/manifest", "/submission" })
            Assert.Contains("revoked", await MessageAsync(await world.Phone.GetAsync(world.ServerUrl + path), HttpStatusCode.Forbidden));
        Assert.Contains("revoked", await MessageAsync(await world.SubmitAsync(Instance(NewInstanceId())), HttpStatusCode.Forbidden));

        var unknown = world.ServerUrl.Replace(world.Token, AppUsers.NewToken());
        Assert.Contains("does not know", await MessageAsync(await world.Phone.GetAsync(unknown + "/formList"), HttpStatusCode.Unauthorized));
        Assert.Contains("does not know", await MessageAsync(await world.SubmitToAsync(unknown, Instance(NewInstanceId()), false), HttpStatusCode.Unauthorized));
        await AssertNothingStoredAsync(world);
        Assert.True(await world.App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 4306)));
    }
}
