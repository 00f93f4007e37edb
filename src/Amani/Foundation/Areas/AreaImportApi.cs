using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Amani.Foundation.Areas;

/// <summary>
/// <c>POST /api/v1/missions/{code}/areas/import?level=N</c>: an administrator uploads a GeoJSON FeatureCollection
/// (multipart/form-data, one file, up to <see cref="AreaImportLimits.MaxUploadBytes"/>) and gets the import summary.
/// The import runs synchronously within the request; <c>POST /api/v1/imports</c> (kind <c>areas</c>) runs it as a background job with progress.
/// </summary>
public static class AreaImportApi
{
    public static RouteGroupBuilder MapAreaImport(this RouteGroupBuilder areas)
    {
        areas.MapPost("/import", Import).WithName("ImportAreas").RequirePermission(Permission.AreasManage)
            .WithMetadata(new RequestSizeLimitAttribute(AreaImportLimits.MaxUploadBytes)); // no Accepts(): the caller is authenticated before the content type is judged
        return areas;
    }

    private static async Task<Results<Ok<AreaImportSummary>, ProblemHttpResult, ValidationProblem>> Import(string code, int? level,
        string? pCodeProperty, string? nameProperty, string? parentProperty, HttpContext http, AmaniDbContext db, AccessContext access,
        AreaImporter importer, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.AreasManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Problem.Of(ProblemType.UnsupportedMediaType,
                $"Send the boundaries as 'multipart/form-data' with one GeoJSON file field, not as '{http.Request.ContentType ?? "no content type"}'.");
        if (level is null)
            return Problem.Invalid("level", $"Give the administrative level of the file's areas as ?level=N (0 = country … {AreaLimits.MaxLevel}).");
        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.Files is not [var file])
            return Problem.Invalid("file", $"Attach exactly one GeoJSON file (a FeatureCollection); {form.Files.Count} were sent.");
        await using var content = file.OpenReadStream();
        var result = await importer.ImportAsync(mission, content,
            new AreaImportOptions(level.Value, pCodeProperty, nameProperty, parentProperty, file.FileName), cancellationToken);
        return result.Refusal is { } refused ? Problem.Of(refused) : TypedResults.Ok(result.Value!);
    }
}
