using Amani.Platform.Records;
using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// Imports through the API, for administrators: <c>POST /api/v1/imports</c> takes a multipart upload (fields
/// <c>kind</c>, <c>mission</c>, <c>level</c>, <c>file</c>), checks the file's header at once, stores the file and
/// answers 202 with the queued job; <see cref="ImportJobRunner"/> runs it. Poll <c>GET /api/v1/imports/{id}</c> for
/// progress, fetch the rejected rows as CSV when it has finished, cancel it while it is queued or running.
/// </summary>
public static class ImportJobsApi
{
    public static RouteGroupBuilder MapImportJobsApi(this RouteGroupBuilder api)
    {
        var settings = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<ImportJobSettings>();
        var imports = api.MapGroup("/imports").WithTags("Imports").RequirePermission(Permission.ImportsRun);
        imports.MapPost("/", Upload).WithName("UploadImport")
            .WithMetadata(new RequestSizeLimitAttribute(settings.MaxUploadBytes)); // no Accepts(): the caller is authenticated before the content type is judged
        imports.MapGet("/", List).WithName("ListImports");
        imports.MapGet("/{id:guid}", Get).WithName("GetImport");
        imports.MapGet("/{id:guid}/rejects.csv", Rejects).WithName("GetImportRejects");
        imports.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelImport");
        return api;
    }

    private static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult, ValidationProblem>> Upload(HttpContext http, AmaniDbContext db,
        AccessContext access, AuditLog audit, ImportJobFiles files, ImportJobSettings settings, ImportJobRunner runner, ImportKinds kinds,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ImportUpload.IsMultipart(http.Request))
            return Problem.Of(ProblemType.UnsupportedMediaType, "Send the import as 'multipart/form-data' with the fields kind, mission, level " +
                                                                $"and file, not as '{http.Request.ContentType ?? "no content type"}'.");
        var job = new ImportJob { Kind = "", FileName = "" };
        var stored = false;
        try
        {
            var (form, refused) = await ImportUpload.ReadAsync(http.Request, files.UploadFolderOf(job.Id), settings.MaxUploadBytes, cancellationToken);
            if (refused is not null)
                return refused.Field is null ? Problem.Of(refused.Type, refused.Detail) : Problem.Invalid(refused.Field, refused.Detail);
            var (kind, mission, level, errors) = await ValidateAsync(form!, kinds, db, cancellationToken);
            if (errors.Count > 0)
                return Invalid(errors);
            if (form!.FileBytes > kind!.MaxBytes(settings.MaxUploadBytes))
                return Problem.Of(ProblemType.PayloadTooLarge, ImportUpload.TooLarge(kind.MaxBytes(settings.MaxUploadBytes)).Detail);
            (job.Kind, job.MissionId, job.Level, job.FileName, job.SizeBytes) = (kind.Slug, mission?.Id, level, form.FileName!, form.FileBytes);
            if (await kind.CheckAsync(files.UploadOf(job), clock, cancellationToken) is { } wrongFile)
                return Problem.Invalid("file", wrongFile);

            (job.Status, job.RequestedBy, job.CreatedAt) = (ImportJobStatus.Queued, access.UserId!.Value, AuditChain.Truncate(clock.GetUtcNow().UtcDateTime));
            db.Add(job);
            audit.Record(AuditAction.ImportJobQueued, ImportJob.AuditEntity, job.Id,
                $"Import of {kind.Slug} file '{job.FileName}' ({job.SizeBytes:N0} bytes){(mission is null ? "" : $" into {mission.Code}")}" +
                $"{(level is null ? "" : $" at level {level}")} queued.");
            await db.SaveChangesAsync(cancellationToken);
            stored = true;
        }
        finally
        {
            if (!stored)
                files.DeleteAll(job.Id);
        }
        runner.Wake();
        var created = await FindAsync(db, job.Id, cancellationToken);
        return TypedResults.Accepted(created!.Links.Self, created);
    }

    private static async Task<(ImportKind? Kind, Mission? Mission, int? Level, Dictionary<string, string[]> Errors)> ValidateAsync(ImportUploadForm form,
        ImportKinds kinds, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var kind = kinds.Find(form.Kind);
        if (kind is null)
            errors["kind"] = [form.Kind is { Length: > 0 } named
                ? $"'{named}' is not a kind of import; use one of {kinds.Names}."
                : $"Name the dataset in the field 'kind': one of {kinds.Names}."];
        if (form.Files == 0)
            errors["file"] = ["Attach the file to import as the form field 'file'."];
        else if (form.FileBytes == 0)
            errors["file"] = ["The file is empty."];

        Mission? mission = null;
        if (kind is { NeedsMission: true })
        {
            var code = form.Mission?.ToUpperInvariant();
            if (string.IsNullOrEmpty(code))
                errors["mission"] = [$"Give the code of the mission to import {kind.DisplayName} into, in the field 'mission'."];
            else if ((mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == code, cancellationToken)) is null)
                errors["mission"] = [$"There is no mission '{code}'. GET /api/v1/missions lists them."];
        }
        else if (kind is not null && !string.IsNullOrEmpty(form.Mission))
            errors["mission"] = [$"{kind.DisplayName} are reference data shared by all missions: send no mission."];

        int? level = null;
        if (kind is { NeedsLevel: true })
        {
            if (int.TryParse(form.Level, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) &&
                parsed <= AreaLimits.MaxLevel)
                level = parsed;
            else
                errors["level"] = [$"Give the administrative level of the file's areas in the field 'level': 0 (country) to {AreaLimits.MaxLevel}."];
        }
        else if (kind is not null && !string.IsNullOrEmpty(form.Level))
            errors["level"] = ["The level applies to boundary files (kind 'areas') only."];
        return (kind, mission, level, errors);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Select(e => $"{e.Key}: {e.Value[0]}")),
            title: ProblemType.Validation.Title, type: ProblemType.Validation.Type);

    /// <summary>Jobs newest first; <c>nextOffset</c> asks for the next page.</summary>
    private static async Task<Ok<ImportJobPage>> List(int? offset, int? limit, AmaniDbContext db, CancellationToken cancellationToken)
    {
        var size = Paging.Size(limit, ImportJobLimits.MaxPageSize);
        var skip = Math.Max(offset ?? 0, 0);
        var rows = await db.Set<ImportJob>().AsNoTracking().OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var missionIds = page.Where(j => j.MissionId is not null).Select(j => j.MissionId!.Value).Distinct().ToList();
        var codes = await db.Missions.AsNoTracking().Where(m => missionIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Code, cancellationToken);
        return TypedResults.Ok(new ImportJobPage(
            page.Select(j => ImportJobResponse.Of(j, j.MissionId is { } m ? codes.GetValueOrDefault(m) : null)).ToList(),
            rows.Count > size ? skip + size : null));
    }

    private static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> Get(Guid id, AmaniDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, id, cancellationToken) is { } job ? TypedResults.Ok(job) : Problem.NotFound($"The import job {id}");

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Rejects(Guid id, AmaniDbContext db, ImportJobFiles files,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(db, id, cancellationToken) is not { } job)
            return Problem.NotFound($"The import job {id}");
        if (!job.Finished)
            return Problem.Of(ProblemType.Conflict, $"The job is {Name(job.Status)}: its rejected rows can be fetched once it has finished.",
                new Dictionary<string, object?> { ["jobStatus"] = Name(job.Status) });
        var path = files.RejectsOf(id);
        if (!File.Exists(path))
            return Problem.Of(ProblemType.NotFound, $"The job ended ({Name(job.Status)}) before it read any row, so it has no rejects file." +
                                                    (job.Error is null ? "" : $" Its error: {job.Error}"));
        return TypedResults.PhysicalFile(path, "text/csv; charset=utf-8", $"{Path.GetFileNameWithoutExtension(job.FileName)}.rejects.csv");
    }

    /// <summary>
    /// A queued job is cancelled at once (200); a running one is asked to stop (202: its node stops at its next progress
    /// write, keeping the batches committed until then); a finished one cannot be cancelled (409, naming its state).
    /// </summary>
    private static async Task<Results<Ok<ImportJobResponse>, Accepted<ImportJobResponse>, ProblemHttpResult>> Cancel(Guid id, AmaniDbContext db,
        AuditLog audit, ImportJobFiles files, TimeProvider clock, CancellationToken cancellationToken)
    {
        var jobs = db.Set<ImportJob>();
        if (await FindAsync(db, id, cancellationToken) is not { } before)
            return Problem.NotFound($"The import job {id}");
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Conditional updates: the runner may claim or finish the job at any moment; only the update that still applies wins.
            var queued = await jobs.Where(j => j.Id == id && j.Status == ImportJobStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportJobStatus.Cancelled)
                .SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.FinishedAt, now), cancellationToken);
            var running = queued == 1 ? 0 : await jobs.Where(j => j.Id == id && j.Status == ImportJobStatus.Running && !j.CancelRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), cancellationToken);
            if (queued + running == 1)
            {
                audit.Record(AuditAction.ImportJobCancelled, ImportJob.AuditEntity, id, queued == 1
                    ? $"Import of {before.Kind} file '{before.FileName}' cancelled before it started."
                    : $"Import of {before.Kind} file '{before.FileName}' cancelled while running, after {before.Progress.RowsRead:N0} rows.");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        var after = (await FindAsync(db, id, cancellationToken))!;
        if (after.Status == ImportJobStatus.Running && after.CancelRequested)
            return TypedResults.Accepted(after.Links.Self, after);
        if (after.Status == ImportJobStatus.Cancelled && before.Status == ImportJobStatus.Queued)
        {
            files.DeleteUpload(id);
            return TypedResults.Ok(after);
        }
        return Problem.Of(ProblemType.Conflict, $"The job has already {Name(after.Status)}" +
                                                (after.FinishedAt is { } at ? $" (at {at:yyyy-MM-dd HH:mm:ss} UTC)" : "") +
                                                ": only queued or running jobs can be cancelled.",
            new Dictionary<string, object?> { ["jobStatus"] = Name(after.Status) });
    }

    private static string Name(ImportJobStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    private static async Task<ImportJobResponse?> FindAsync(AmaniDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var job = await db.Set<ImportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
            return null;
        var code = job.MissionId is { } missionId
            ? await db.Missions.AsNoTracking().Where(m => m.Id == missionId).Select(m => m.Code).FirstOrDefaultAsync(cancellationToken)
            : null;
        return ImportJobResponse.Of(job, code);
    }
}
