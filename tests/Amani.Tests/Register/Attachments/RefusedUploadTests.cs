using System.Net;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Attachments.TestImages;
using Amani.Register.Attachments;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Attachments;

/// <summary>Bad uploads: refused with problem details, and nothing stored — no report, no attachment row, no blob.</summary>
public sealed class RefusedUploadTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_executable_named_photo_jpg_is_refused_with_415_and_nothing_is_stored(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;

        foreach (var (program, described) in new[] { (WindowsExecutable(), "Windows program"), (ElfExecutable(), "Linux program") })
        {
            var response = await app.CreateClient().PostAsync("/api/v1/reports",
                UploadWorld.Report("Look at this photo", (JpegWithGps(), "real.jpg", "image/jpeg"), (program, "photo.jpg", "image/jpeg")));
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
            Assert.Contains("'photo.jpg'", problem.GetProperty("detail").GetString());
            Assert.Contains(described, problem.GetProperty("detail").GetString());
        }

        await AssertNothingStoredAsync(app, dataDirectory);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_50_MB_upload_is_refused_with_413_and_nothing_is_stored(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var huge = new byte[50 * 1024 * 1024];
        JpegWithGps().CopyTo(huge, 0);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reports") { Content = UploadWorld.Report("Huge photo", (huge, "huge.jpg", "image/jpeg")) };
        request.Headers.ExpectContinue = true; // as curl sends it: the server refuses from Content-Length without reading the body
        // Wait for the server's answer however busy the machine is (the default is to start sending after one second).
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = app.BaseAddress };
        var problem = await ProblemAssert.IsProblemAsync(await client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("26,214,400 bytes", problem.GetProperty("detail").GetString());

        await AssertNothingStoredAsync(app, dataDirectory);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_file_over_the_per_file_limit_is_refused_with_413_and_nothing_is_stored(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var big = new byte[11 * 1024 * 1024];
        JpegWithGps().CopyTo(big, 0);

        var problem = await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsync("/api/v1/reports",
            UploadWorld.Report("Big photo", (big, "big.jpg", "image/jpeg"))), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Contains("10,485,760 bytes per file", problem.GetProperty("detail").GetString());

        await AssertNothingStoredAsync(app, dataDirectory);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_report_refused_by_its_rules_stores_none_of_its_photos(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var form = UploadWorld.Report("Somewhere", (JpegWithGps(), "a.jpg", "image/jpeg"));
        form.Add(new StringContent(DateTimeOffset.UtcNow.AddDays(3).ToString("O")), "occurredAt");

        var problem = await ProblemAssert.IsProblemAsync(await app.CreateClient().PostAsync("/api/v1/reports", form), HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("occurredAt", out var _));

        await AssertNothingStoredAsync(app, dataDirectory);
    }

    private static async Task AssertNothingStoredAsync(TestApp app, string dataDirectory)
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 2100 || e.ActionCode == 2700)));
        Assert.Empty(UploadWorld.Blobs(dataDirectory));
    }
}
