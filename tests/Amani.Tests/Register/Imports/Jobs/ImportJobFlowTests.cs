using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Amani.Tests.Foundation.Areas.Import;
using Amani.Tests.Register.Imports.Acled;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Imports.Jobs.ImportJobs;
using Amani.Foundation.Areas;
using Amani.Register.Incidents;
using Amani.Register.Imports;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>Every kind of import, uploaded through the API and run as a background job to its end.</summary>
public sealed class ImportJobFlowTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_GED_upload_runs_in_the_background_and_uploading_it_again_inserts_nothing(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        await TestMission.CreateAsync(jobs.App);
        var car = await File.ReadAllBytesAsync(GedFiles.Car);

        var queued = await jobs.UploadAsync(Form("ucdp-ged", "alpha", file: car, fileName: "ged231_events_central_african_republic.csv"));
        Assert.Equal(("ucdp-ged", "ALPHA", (long)car.Length, "ged231_events_central_african_republic.csv"),
            (queued.GetProperty("kind").GetString(), queued.GetProperty("mission").GetString(), queued.GetProperty("sizeBytes").GetInt64(),
                queued.GetProperty("fileName").GetString()));
        var first = await jobs.PollAsync(Id(queued));

        Assert.Equal("succeeded", Status(first));
        Assert.Equal((1848L, 1848L, 0L, 0L, 0L), Counts(first));
        var progress = first.GetProperty("progress");
        Assert.Equal((100.0, (long)car.Length, 1848L, 0), (progress.GetProperty("percent").GetDouble(), progress.GetProperty("bytesRead").GetInt64(),
            progress.GetProperty("rowsRead").GetInt64(), progress.GetProperty("etaSeconds").GetInt32()));
        Assert.True(progress.GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.Equal(("utf-8", 1, JsonValueKind.Null), (first.GetProperty("encoding").GetString(), first.GetProperty("attempts").GetInt32(),
            first.GetProperty("lease").ValueKind));
        Assert.Equal(1848, await jobs.App.WithDbAsync(db => db.Incidents.CountAsync(i => i.ExternalSource == "ucdp-ged")));
        // The batches are audited as by the command line, in the uploader's name and naming the file; the job once, when queued.
        var batch = await jobs.App.WithDbAsync(db => db.AuditEntries.FirstAsync(e => e.ActionCode == AuditCodes.IncidentsImported));
        Assert.Contains("ged231_events_central_african_republic.csv lines 2–", batch.Summary);
        Assert.StartsWith($"user:{first.GetProperty("requestedBy").GetGuid()} import-job:{Id(first)}", batch.Actor);
        Assert.Equal(1, await jobs.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.ImportJobQueued)));
        // The upload is gone once the job is done; the rejects file (none rejected: its header only) stays.
        Assert.Equal([Path.Combine(Id(first).ToString("N"), "rejects.csv")], jobs.FilesLeft());
        Assert.Equal("line,external_id,reason", (await jobs.Admin.GetStringAsync($"/api/v1/imports/{Id(first)}/rejects.csv")).Trim());

        var again = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("ucdp-ged", "ALPHA", file: car))));

        Assert.Equal(("succeeded", (1848L, 0L, 0L, 1848L, 0L)), (Status(again), Counts(again)));
        Assert.Equal(1848, await jobs.App.WithDbAsync(db => db.Incidents.CountAsync()));
        // Newest first, in pages.
        var page = await jobs.Admin.GetFromJsonAsync<JsonElement>("/api/v1/imports?limit=1");
        Assert.Equal((Id(again), 1), (Id(page.GetProperty("items")[0]), page.GetProperty("nextOffset").GetInt32()));
        var next = await jobs.Admin.GetFromJsonAsync<JsonElement>("/api/v1/imports?limit=1&offset=1");
        Assert.Equal((Id(first), JsonValueKind.Null), (Id(next.GetProperty("items")[0]), next.GetProperty("nextOffset").ValueKind));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_ACLED_upload_imports_the_good_rows_and_its_rejects_download_as_csv(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        await TestMission.CreateAsync(jobs.App);
        using var files = new AcledFiles();
        var path = files.Write("acled.csv", [
            AcledFiles.Row("event_id_cnty=CEN1"), AcledFiles.Row("event_id_cnty=CEN2", "fatalities=0"),
            AcledFiles.Row("event_id_cnty=CEN3", "event_date=31 February 2023"),
        ]);

        var job = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("acled", "ALPHA", file: File.ReadAllBytes(path), fileName: "export.csv"))));

        Assert.Equal(("succeeded", (3L, 2L, 0L, 0L, 1L)), (Status(job), Counts(job)));
        Assert.Equal(2, await jobs.App.WithDbAsync(db => db.Incidents.CountAsync(i => i.ExternalSource == "acled")));
        var rejects = await jobs.Admin.GetAsync(job.GetProperty("links").GetProperty("rejects").GetString());
        Assert.Equal(HttpStatusCode.OK, rejects.StatusCode);
        Assert.Equal("text/csv", rejects.Content.Headers.ContentType?.MediaType);
        Assert.Equal("export.rejects.csv", rejects.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await rejects.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("4,CEN3,", lines[1]);
        Assert.Contains("is not a date", lines[1]);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Boundary_files_import_as_jobs_level_by_level(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        await ImportWorld.CreateMissionAsync(jobs.App);

        var adm1 = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("areas", ImportWorld.Mission, "1",
            File.ReadAllBytes(ImportWorld.SampleGeo("caf_adm1.geojson")), "caf_adm1.geojson"))));
        var adm2 = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("areas", ImportWorld.Mission, "2",
            File.ReadAllBytes(ImportWorld.SampleGeo("caf_adm2.geojson")), "caf_adm2.geojson"))));

        Assert.Equal(("succeeded", 1, "succeeded", 2), (Status(adm1), adm1.GetProperty("level").GetInt32(), Status(adm2), adm2.GetProperty("level").GetInt32()));
        Assert.Equal((17L, 17L, 0L, 0L, 0L), Counts(adm1));
        Assert.Equal((72L, 72L, 0L, 0L, 0L), Counts(adm2));
        Assert.Equal(89, await jobs.App.WithDbAsync(db => db.AdminAreas.CountAsync()));
        Assert.Equal(2, await jobs.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.AreasImported)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_ViEWS_country_month_upload_needs_no_mission(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        var csv = string.Join('\n', "month_id,country_id,ged_best_sb,ged_best_ns,ged_best_os", "109,57,2716.0,0,0", "110,57,12,0,3", "111,57,x,0,0");

        var job = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("views-cm", file: System.Text.Encoding.UTF8.GetBytes(csv)))));

        Assert.Equal(("succeeded", JsonValueKind.Null, (3L, 2L, 0L, 0L, 1L)), (Status(job), job.GetProperty("mission").ValueKind, Counts(job)));
        Assert.Equal(2716, await jobs.App.WithDbAsync(db => db.Set<CountryMonth>().Where(m => m.CountryId == 57 && m.MonthId == 109)
            .Select(m => m.GedBestSb).SingleAsync()));
        Assert.Contains("ged_best_sb 'x' is not a number", await jobs.Admin.GetStringAsync($"/api/v1/imports/{Id(job)}/rejects.csv"));
    }
}
