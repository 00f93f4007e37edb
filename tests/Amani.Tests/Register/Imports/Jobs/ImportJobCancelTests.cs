using System.Net;
using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting;
using Amani.Foundation.Missions;
using Amani.Tests.Register.Imports.Acled;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Register.Imports.Jobs.ImportJobs;
using Amani.Register.Incidents;
using Amani.Register.Imports;

namespace Amani.Tests.Register.Imports.Jobs;

public sealed class ImportJobCancelTests
{
    private static readonly string ViewsFile = Datasets.ViewsCountryMonths;

    private static async Task<JsonElement> CancelAsync(ImportJobs jobs, Guid id, HttpStatusCode expected)
    {
        var response = await jobs.Admin.PostAsync($"/api/v1/imports/{id}/cancel", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task AssertAlreadyFinishedAsync(ImportJobs jobs, Guid id, string status)
    {
        var problem = await ProblemAssert.IsProblemAsync(await jobs.Admin.PostAsync($"/api/v1/imports/{id}/cancel", null), HttpStatusCode.Conflict, "conflict");
        Assert.Equal(status, problem.GetProperty("jobStatus").GetString());
        Assert.Contains($"already {status}", problem.GetProperty("detail").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_queued_job_is_cancelled_at_once_and_its_upload_deleted(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider, Fast with { RunJobs = false }); // no runner: the job stays queued
        await TestMission.CreateAsync(jobs.App);
        using var files = new AcledFiles();
        var queued = await jobs.UploadAsync(Form("acled", "ALPHA", file: File.ReadAllBytes(files.Write("a.csv", [AcledFiles.Row()]))));
        Assert.Single(jobs.FilesLeft());

        var cancelled = await CancelAsync(jobs, Id(queued), HttpStatusCode.OK);

        Assert.Equal(("cancelled", true, true), (Status(cancelled), cancelled.GetProperty("finished").GetBoolean(), cancelled.GetProperty("cancelRequested").GetBoolean()));
        Assert.Empty(jobs.FilesLeft());
        var audit = await jobs.App.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ActionCode == AuditCodes.ImportJobCancelled));
        Assert.Equal(("import_job", Id(queued).ToString()), (audit.EntityType, audit.EntityId));
        Assert.Contains("before it started", audit.Summary);
        await AssertAlreadyFinishedAsync(jobs, Id(queued), "cancelled");
        await ProblemAssert.IsProblemAsync(await jobs.Admin.GetAsync($"/api/v1/imports/{Id(queued)}/rejects.csv"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, await jobs.App.WithDbAsync(db => db.Incidents.CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_running_job_stops_at_its_next_progress_write_when_cancelled(DatabaseProvider provider)
    {
        // The job is held after its first committed batch until the runner has seen the cancellation (at a progress
        // write), so it cannot finish the file first, however fast or slow the machine is.
        var gate = new ImportJobGate();
        await using var jobs = await ImportJobs.StartAsync(provider, Fast with { BatchSize = 50 }, gate);
        var queued = await jobs.UploadAsync(Form("views-cm", file: await File.ReadAllBytesAsync(ViewsFile), fileName: "views.csv"));
        var held = await gate.WaitHeldAsync();
        Assert.Equal(50, held.Rows);
        var running = await jobs.PollAsync(Id(queued), j => j.GetProperty("progress").GetProperty("rowsRead").GetInt64() > 0); // the held job's progress, written
        Assert.Equal(("running", 50L), (Status(running), running.GetProperty("progress").GetProperty("rowsRead").GetInt64()));
        Assert.Equal(JsonValueKind.Object, running.GetProperty("lease").ValueKind);
        Assert.True(running.GetProperty("progress").GetProperty("percent").GetDouble() is > 0 and < 100, running.ToString());
        Assert.True(running.GetProperty("progress").GetProperty("etaSeconds").GetInt32() > 0, running.ToString());

        var asked = await CancelAsync(jobs, Id(queued), HttpStatusCode.Accepted);
        Assert.Equal(("running", true), (Status(asked), asked.GetProperty("cancelRequested").GetBoolean()));
        var ended = await jobs.PollAsync(Id(queued));

        Assert.Equal("cancelled", Status(ended));
        Assert.Equal(50, await jobs.App.WithDbAsync(db => db.Set<CountryMonth>().CountAsync())); // the batch committed before the cancellation stays
        Assert.Equal([Path.Combine(Id(queued).ToString("N"), "rejects.csv")], jobs.FilesLeft());
        Assert.Contains("while running", await jobs.App.WithDbAsync(db => db.AuditEntries
            .Where(e => e.ActionCode == AuditCodes.ImportJobCancelled).Select(e => e.Summary).SingleAsync()));
        await AssertAlreadyFinishedAsync(jobs, Id(queued), "cancelled");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_running_incident_import_stops_when_cancelled_keeping_whole_batches(DatabaseProvider provider)
    {
        // Held at its first progress report (500 rows read) until the runner has seen the cancellation.
        var gate = new ImportJobGate();
        await using var jobs = await ImportJobs.StartAsync(provider, Fast with { BatchSize = 200 }, gate);
        await jobs.App.WithScopeAsync(async services => (await services.GetRequiredService<MissionRules>()
            .CreateAsync(new CreateMissionRequest("SYRIA", "Syria", "SYR", null), CancellationToken.None)).Value!);
        var queued = await jobs.UploadAsync(Form("ucdp-ged", "SYRIA", file: await File.ReadAllBytesAsync(GedFiles.Syria), fileName: "syria.csv"));
        var held = await gate.WaitHeldAsync();

        await CancelAsync(jobs, Id(queued), HttpStatusCode.Accepted);
        var ended = await jobs.PollAsync(Id(queued));

        Assert.Equal("cancelled", Status(ended));
        var kept = await jobs.App.WithDbAsync(db => db.Incidents.CountAsync());
        Assert.True(kept <= held.Rows, $"{kept} incidents after {held.Rows} rows read: the import was not interrupted");
        Assert.Equal(0, kept % 200); // whole batches only
        Assert.Equal([Path.Combine(Id(queued).ToString("N"), "rejects.csv")], jobs.FilesLeft());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_finished_job_cannot_be_cancelled(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        var job = await jobs.PollAsync(Id(await jobs.UploadAsync(Form("views-cm", file: "month_id,country_id,ged_best_sb,ged_best_ns,ged_best_os\n1,2,3,4,5\n"u8.ToArray()))));
        Assert.Equal("succeeded", Status(job));

        await AssertAlreadyFinishedAsync(jobs, Id(job), "succeeded");

        Assert.Equal(0, await jobs.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.ImportJobCancelled)));
    }
}
