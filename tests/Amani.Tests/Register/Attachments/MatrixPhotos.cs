using System.Net.Http.Json;
using System.Text.Json;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Attachments;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Attachments;

/// <summary>The attachments of the access-matrix world: a photo on its incident, and a community report sent with a photo.</summary>
public static class MatrixPhotos
{
    public static async Task<(Guid IncidentAttachment, Guid PhotoReport, Guid ReportAttachment)> CreateAsync(TestApp app, HttpClient admin, Guid incident)
    {
        var uploaded = await admin.PostAsync($"/api/v1/incidents/{incident}/attachments",
            new MultipartFormDataContent { { UploadWorld.File(TestImages.JpegWithGps(), "image/jpeg"), "file", "scene.jpg" } });
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var incidentAttachment = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("id").GetGuid();

        var sent = await app.CreateClient().PostAsync("/api/v1/reports", UploadWorld.Report("Matrix report with a photo", (TestImages.PngWithGps(), "p.png", "image/png")));
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        var code = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!.Replace("-", "");
        var (report, attachment) = await app.WithDbAsync(async db =>
        {
            var id = await db.CommunityReports.Where(r => r.TrackingCode == code).Select(r => r.Id).SingleAsync();
            return (id, await db.Attachments.Where(a => a.ReportId == id).Select(a => a.Id).SingleAsync());
        });
        return (incidentAttachment, report, attachment);
    }
}
