using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Attachments.TestImages;
using Amani.Register.Attachments;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Attachments;

/// <summary>Photos sent with a community report: stored once by hash, stripped for everyone, the original only for attachments:original (audited).</summary>
public sealed class ReportPhotoTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_photo_with_gps_is_stored_once_stripped_for_readers_and_original_only_for_permitted_roles(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var photo = JpegWithGps();

        var posted = await app.CreateClient().PostAsync("/api/v1/reports",
            UploadWorld.Report("Burnt houses, photo attached", (photo, "IMG_0001.JPG", "image/jpeg")));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var code = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var report = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        var row = await app.WithDbAsync(db => db.Attachments.SingleAsync());
        Assert.Equal((report.Id, (Guid?)null, report.MissionId), (row.ReportId!.Value, row.IncidentId, row.MissionId));
        Assert.Equal((Hash(photo), "image/jpeg", photo.LongLength, "IMG_0001.jpg", Width, Height),
            (row.OriginalHash, row.MediaType, row.ByteSize, row.FileName, row.Width!.Value, row.Height!.Value));
        Assert.NotEqual(row.OriginalHash, row.StrippedHash);
        Assert.Equal(new[] { Blob(row.OriginalHash), Blob(row.StrippedHash) }.Order(), UploadWorld.Blobs(dataDirectory).Order());
        Assert.Equal(photo, await File.ReadAllBytesAsync(Path.Combine(dataDirectory, "blobs", Blob(row.OriginalHash))));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 2700 && e.EntityId == row.Id.ToString())));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Summary.Contains("IMG_0001"))));

        // The reporter's status page says nothing about attachments.
        var status = await app.CreateClient().GetStringAsync($"/api/v1/reports/{code}");
        Assert.DoesNotContain("attach", status, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("photo", status, StringComparison.OrdinalIgnoreCase);

        // Every reader of the report gets the stripped copy.
        var baseUrl = $"/api/v1/missions/{TestMission.Code}/reports/{report.Id}/attachments";
        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        var listed = Assert.Single((await admin.GetFromJsonAsync<JsonElement>(baseUrl)).GetProperty("items").EnumerateArray());
        Assert.Equal($"{baseUrl}/{row.Id}", listed.GetProperty("url").GetString());
        var download = await admin.GetAsync(listed.GetProperty("url").GetString());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        var served = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(row.StrippedHash, Hash(served));
        Assert.Equal(row.StrippedByteSize, served.LongLength);
        AssertNoMetadata(served);
        Assert.Equal((Width, Height, true), Decode(served));

        // The original: not for administrators or field officers; for analysts and duty officers, audited each time.
        var originalUrl = listed.GetProperty("originalUrl").GetString()!;
        await ProblemAssert.IsProblemAsync(await admin.GetAsync(originalUrl), HttpStatusCode.Forbidden, "forbidden");
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        await ProblemAssert.IsProblemAsync(await field.GetAsync(originalUrl), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await field.GetAsync($"{baseUrl}/{row.Id}"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await app.CreateClient().GetAsync(originalUrl), HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 2701)));
        foreach (var role in new[] { Role.DutyOfficer, Role.Analyst })
        {
            var staff = await app.SignInAsync(await app.CreateUserAsync(role, TestMission.Code));
            Assert.Equal(photo, await staff.GetByteArrayAsync(originalUrl));
        }
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 2701 && e.EntityId == row.Id.ToString())));

        // Another mission's duty officer cannot tell the attachment exists.
        var other = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, await OtherMissionAsync(app)));
        await ProblemAssert.IsProblemAsync(await other.GetAsync(originalUrl), HttpStatusCode.NotFound, "not-found");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_same_photo_sent_twice_is_stored_once(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var photo = PngWithGps();

        foreach (var name in new[] { "first.png", "second.png" })
            Assert.Equal(HttpStatusCode.Created, (await app.CreateClient().PostAsync("/api/v1/reports",
                UploadWorld.Report($"Report with {name}", (photo, name, "image/png"), (photo, name, "image/png")))).StatusCode);

        Assert.Equal(2, await app.WithDbAsync(db => db.Attachments.CountAsync())); // one per report: the duplicate within a request counts once
        Assert.Equal(2, UploadWorld.Blobs(dataDirectory).Count);                   // one original and one stripped copy in all
        Assert.Contains(Blob(Hash(photo)), UploadWorld.Blobs(dataDirectory));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_retried_submission_with_its_photos_returns_the_same_code_and_stores_nothing_twice(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;

        MultipartFormDataContent Submission(byte[] photo)
        {
            var form = UploadWorld.Report("Checkpoint moved", (photo, "p.webp", "image/webp"));
            form.Add(new StringContent("retry-key-0001"), "idempotencyKey");
            return form;
        }
        var first = await (await app.CreateClient().PostAsync("/api/v1/reports", Submission(WebpWithGps()))).Content.ReadFromJsonAsync<JsonElement>();
        var retry = await app.CreateClient().PostAsync("/api/v1/reports", Submission(WebpWithGps()));
        var otherPhoto = await app.CreateClient().PostAsync("/api/v1/reports", Submission(JpegWithGps()));

        Assert.Equal(first.GetProperty("trackingCode").GetString(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
        await ProblemAssert.IsProblemAsync(otherPhoto, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    [Fact]
    public async Task A_browser_posting_the_form_with_a_photo_gets_the_page_with_the_code()
    {
        var (app, _) = await UploadWorld.StartAsync(DatabaseProvider.Sqlite);
        await using var __ = app;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = UploadWorld.Report("Road blocked", (JpegWithGps(), "a.jpg", "image/jpeg")) };
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("data-tracking-code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Attachments.CountAsync()));
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Blob(string hash) => Path.Combine(hash[..2], hash[2..4], hash);

    private static Task<string> OtherMissionAsync(TestApp app) => app.WithScopeAsync(async services =>
    {
        var missions = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Amani.Foundation.Missions.MissionRules>(services);
        await missions.CreateAsync(new Amani.Foundation.Missions.CreateMissionRequest("BRAVO", "Bravo mission", "CAF", null), CancellationToken.None);
        return "BRAVO";
    });
}
