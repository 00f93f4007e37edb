using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Imports.Jobs;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Imports.Jobs.ImportJobs;
using Amani.Register.Imports;

namespace Amani.Tests.Register.Imports.Jobs;

/// <summary>Refused uploads: a problem naming what is wrong, no job row, no audit row, and no file left in the data directory.</summary>
public sealed class ImportJobBadInputTests
{
    private const int Limit = 200_000;

    private static readonly byte[] GedHeaderOnly = Encoding.UTF8.GetBytes(File.ReadLines(GedFiles.Car).First() + "\n");

    private static async Task<JsonElement> RefusedAsync(ImportJobs jobs, HttpContent content, HttpStatusCode status, string slug, string? field = null)
    {
        var problem = await ProblemAssert.IsProblemAsync(await jobs.Admin.PostAsync("/api/v1/imports", content), status, slug);
        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
        return problem;
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_uploads_are_refused_with_a_problem_and_store_nothing(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider, Fast with { MaxUploadBytes = Limit });
        await TestMission.CreateAsync(jobs.App);

        var noFile = await RefusedAsync(jobs, Form("ucdp-ged", "ALPHA"), HttpStatusCode.BadRequest, "validation", "file");
        Assert.Contains("form field 'file'", Error(noFile, "file"));
        var unknownKind = await RefusedAsync(jobs, Form("gtd", "ALPHA", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "kind");
        Assert.Contains("ucdp-ged, acled, areas, views-cm", Error(unknownKind, "kind"));
        await RefusedAsync(jobs, Form(null, "ALPHA", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "kind");
        await RefusedAsync(jobs, Form("ucdp-ged", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "mission");
        var unknownMission = await RefusedAsync(jobs, Form("acled", "NOPE", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "mission");
        Assert.Contains("There is no mission 'NOPE'", Error(unknownMission, "mission"));
        await RefusedAsync(jobs, Form("views-cm", "ALPHA", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "mission");
        await RefusedAsync(jobs, Form("areas", "ALPHA", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "level");
        await RefusedAsync(jobs, Form("areas", "ALPHA", "-1", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "level");
        await RefusedAsync(jobs, Form("ucdp-ged", "ALPHA", "1", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "level");
        // Several fields wrong at once: each is listed.
        var several = await RefusedAsync(jobs, Form("acled"), HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["file", "mission"], several.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        await RefusedAsync(jobs, Form("ucdp-ged", "ALPHA", file: []), HttpStatusCode.BadRequest, "validation", "file");
        var twoFiles = Form("ucdp-ged", "ALPHA", file: GedHeaderOnly);
        twoFiles.Add(new ByteArrayContent(GedHeaderOnly), "file", "second.csv");
        await RefusedAsync(jobs, twoFiles, HttpStatusCode.BadRequest, "validation", "file");

        // The header is checked before the job is accepted: the missing columns are named.
        var header = File.ReadLines(GedFiles.Car).First().Replace(",best,", ",best_estimate,").Replace(",side_b,", ",side_2,");
        var columns = await RefusedAsync(jobs, Form("ucdp-ged", "ALPHA", file: Encoding.UTF8.GetBytes(header + "\n1,2,3\n")),
            HttpStatusCode.BadRequest, "validation", "file");
        Assert.Contains("lacks the column(s) side_b, best", Error(columns, "file"));
        var semicolons = await RefusedAsync(jobs, Form("views-cm", file: Encoding.UTF8.GetBytes("month_id;country_id;ged_best_sb\n1;2;3\n")),
            HttpStatusCode.BadRequest, "validation", "file");
        Assert.Contains("must be comma-separated", Error(semicolons, "file"));
        var acledAsGed = await RefusedAsync(jobs, Form("acled", "ALPHA", file: GedHeaderOnly), HttpStatusCode.BadRequest, "validation", "file");
        Assert.Contains("event_id_cnty", Error(acledAsGed, "file"));
        var notGeoJson = await RefusedAsync(jobs, Form("areas", "ALPHA", "1", Encoding.UTF8.GetBytes("""{"type":"Point","coordinates":[18,4]}""")),
            HttpStatusCode.BadRequest, "validation", "file");
        Assert.Contains("not a FeatureCollection", Error(notGeoJson, "file"));

        // Too large: refused by its Content-Length before it is read, and — sent without one (chunked) — as soon as the limit is passed.
        var car = await File.ReadAllBytesAsync(GedFiles.Car);
        using (var token = await jobs.TokenClientAsync())
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = Form("ucdp-ged", "ALPHA", file: car) })
        {
            request.Headers.ExpectContinue = true; // as curl sends it: the answer comes from Content-Length, before the body is sent
            var tooLarge = await ProblemAssert.IsProblemAsync(await token.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
            Assert.Contains($"{Limit:N0} bytes", tooLarge.GetProperty("detail").GetString());
        }
        var chunked = Form("ucdp-ged", "ALPHA");
        chunked.Add(new StreamContent(new MemoryStream(car, 0, Limit + 20_000)), "file", "car.csv");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = new UnsizedContent(chunked) })
            await ProblemAssert.IsProblemAsync(await jobs.Admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // A multipart body that is cut off, or has no boundary: 400.
        var truncated = new ByteArrayContent("--xyz\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nacled"u8.ToArray());
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await RefusedAsync(jobs, truncated, HttpStatusCode.BadRequest, "malformed-request");
        var noBoundary = new ByteArrayContent("kind=acled"u8.ToArray());
        noBoundary.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        await RefusedAsync(jobs, noBoundary, HttpStatusCode.BadRequest, "malformed-request");

        // Not multipart: 415.
        var json = await ProblemAssert.IsProblemAsync(await jobs.Admin.PostAsJsonAsync("/api/v1/imports", new { kind = "ucdp-ged", mission = "ALPHA" }),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Contains("multipart/form-data", json.GetProperty("detail").GetString());

        Assert.Equal(0, await jobs.App.WithDbAsync(db => db.Set<ImportJob>().CountAsync()));
        Assert.Equal(0, await jobs.App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActionCode == AuditCodes.ImportJobQueued)));
        Assert.Empty(jobs.FilesLeft());
        Assert.Empty(Directory.Exists(jobs.ImportsFolder) ? Directory.GetDirectories(jobs.ImportsFolder) : []);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Only_administrators_may_import_and_unknown_jobs_are_404(DatabaseProvider provider)
    {
        await using var jobs = await ImportJobs.StartAsync(provider);
        await TestMission.CreateAsync(jobs.App);
        var analyst = await jobs.App.SignInAsync(await jobs.App.CreateUserAsync(Role.Analyst, TestMission.Code));
        // An administrator of one mission only: imports are platform-wide (they also load reference data for every mission).
        var missionAdmin = await jobs.App.SignInAsync(await jobs.App.CreateUserAsync(Role.Administrator, TestMission.Code));

        foreach (var client in new[] { analyst, missionAdmin })
            await ProblemAssert.IsProblemAsync(await client.PostAsync("/api/v1/imports", Form("ucdp-ged", "ALPHA", file: GedHeaderOnly)),
                HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await jobs.Admin.GetAsync($"/api/v1/imports/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await jobs.Admin.PostAsync($"/api/v1/imports/{Guid.NewGuid()}/cancel", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await jobs.Admin.GetAsync($"/api/v1/imports/{Guid.NewGuid()}/rejects.csv"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(0, await jobs.App.WithDbAsync(db => db.Set<ImportJob>().CountAsync()));
    }

    /// <summary>Sends another content without its length, so that the client streams it chunked.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly HttpContent inner;

        public UnsizedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            inner.CopyTo(stream, context, cancellationToken);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
