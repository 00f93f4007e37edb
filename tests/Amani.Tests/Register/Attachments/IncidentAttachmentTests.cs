using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Platform.Access;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Attachments.TestImages;
using Amani.Register.Attachments;

namespace Amani.Tests.Register.Attachments;

/// <summary>Staff photos of incidents: uploaded by whoever may record, seen stripped by whoever sees the incident, originals audited.</summary>
public sealed class IncidentAttachmentTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_field_officer_uploads_a_photo_partners_see_it_stripped_analysts_get_the_original_audited(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var incident = await (await field.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", MatrixWorld.NewIncident))
            .Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/attachments";

        var form = new MultipartFormDataContent { { UploadWorld.File(PngWithGps(), "application/octet-stream"), "file", "scene.png" } };
        var uploaded = await field.PostAsync(url, form);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var item = Assert.Single((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        Assert.Equal(("scene.png", "image/png", Width, Height), (item.GetProperty("fileName").GetString(), item.GetProperty("mediaType").GetString(),
            item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        var row = await app.WithDbAsync(db => db.Attachments.SingleAsync());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 2700 && e.EntityId == row.Id.ToString())));
        Assert.Equal(2, UploadWorld.Blobs(dataDirectory).Count);

        var organization = await app.WithScopeAsync(async services => (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Amani.Foundation.Organizations.OrganizationRules>(services).CreateAsync(
                new Amani.Foundation.Organizations.CreateOrganizationRequest("Photo partner", "PP", Amani.Foundation.Organizations.OrganizationKind.Ngo, null), CancellationToken.None)).Value!);
        var partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, organization.Id));
        Assert.Single((await partner.GetFromJsonAsync<JsonElement>(url)).GetProperty("items").EnumerateArray());
        var stripped = await partner.GetByteArrayAsync(item.GetProperty("url").GetString());
        AssertNoMetadata(stripped);
        await ProblemAssert.IsProblemAsync(await partner.GetAsync(item.GetProperty("originalUrl").GetString()), HttpStatusCode.Forbidden, "forbidden");

        var analyst = await app.SignInAsync(await app.CreateUserAsync(Role.Analyst, TestMission.Code));
        Assert.Equal(PngWithGps(), await analyst.GetByteArrayAsync(item.GetProperty("originalUrl").GetString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == 2701 && e.EntityId == row.Id.ToString())));

        // The same photo again: a second attachment row, the same two blobs.
        var again = new MultipartFormDataContent { { UploadWorld.File(PngWithGps(), "image/png"), "file", "again.png" } };
        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsync(url, again)).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Equal(2, UploadWorld.Blobs(dataDirectory).Count);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_sideways_phone_photo_with_gps_is_served_upright_and_without_metadata(DatabaseProvider provider)
    {
        var (app, _) = await UploadWorld.StartAsync(provider);
        await using var __ = app;
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var incident = await (await field.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", MatrixWorld.NewIncident))
            .Content.ReadFromJsonAsync<JsonElement>();
        var photo = SidewaysJpegWithGps();
        AssertHasGpsAndMarker(photo);
        Assert.Equal((Width, Height, false), Decode(photo)); // stored sideways, EXIF orientation 6

        var uploaded = await field.PostAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/attachments",
            new MultipartFormDataContent { { UploadWorld.File(photo, "image/jpeg"), "file", "IMG_0002.JPG" } });

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var item = Assert.Single((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
        Assert.Equal((Height, Width), (item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32()));
        var served = await field.GetByteArrayAsync(item.GetProperty("url").GetString());
        Assert.Equal((Height, Width, true), Decode(served)); // upright: portrait, the red quarter at the top left
        AssertNoMetadata(served);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_incident_uploads_are_refused_and_store_nothing(DatabaseProvider provider)
    {
        var (app, dataDirectory) = await UploadWorld.StartAsync(provider);
        await using var _ = app;
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var incident = await (await field.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", MatrixWorld.NewIncident))
            .Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/attachments";

        await ProblemAssert.IsProblemAsync(await field.PostAsync(url,
            new MultipartFormDataContent { { UploadWorld.File(WindowsExecutable(), "image/jpeg"), "file", "photo.jpg" } }),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ProblemAssert.IsProblemAsync(await field.PostAsJsonAsync(url, new { file = "not a file" }), HttpStatusCode.UnsupportedMediaType,
            "unsupported-media-type");
        await ProblemAssert.IsProblemAsync(await field.PostAsync(url, new MultipartFormDataContent { { new StringContent("x"), "note" } }),
            HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await field.PostAsync($"/api/v1/incidents/{Guid.NewGuid()}/attachments",
            new MultipartFormDataContent { { UploadWorld.File(JpegWithGps(), "image/jpeg"), "file", "a.jpg" } }), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync()));
        Assert.Empty(UploadWorld.Blobs(dataDirectory));
    }
}
