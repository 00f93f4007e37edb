using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Exports;

/// <summary>
/// Incident exports — <c>incidents.csv</c>, <c>incidents.geojson</c>, <c>incidents.hxl.csv</c> — for a mission's
/// readers (what <see cref="IncidentVisibility"/> lets them see, with the list's filters) and for the public (what
/// the public list shows, coarsened the same way, with its filters: area, from, to, category; no free-text or
/// bounding-box search, which would probe text and coordinates the public may not see). Streamed: the response
/// starts with the first row and memory stays flat. Invalid filters are refused before anything is written.
/// </summary>
public static class ExportsApi
{
    public static IServiceCollection AddExports(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        foreach (var format in Enum.GetValues<ExportFormat>())
        {
            var suffix = format.ToString();
            api.MapGet($"/missions/{{code}}/incidents.{format.Extension()}",
                    (string code, AmaniDbContext db, AccessContext access, TimeProvider clock, CancellationToken cancellationToken, string? area,
                        string? bbox, DateTimeOffset? from, DateTimeOffset? to, string? category, string? status, string? source, string? confidence,
                        string? q, bool? bom) =>
                        ExportAsync(format, code, db, access, clock, new IncidentFilter(area, bbox, from, to, category, status, source, confidence, q),
                            bom ?? false, cancellationToken))
                .WithTags("Exports").WithName($"ExportIncidents{suffix}").RequirePermission(Permission.IncidentsRead);
            api.MapGet($"/public/missions/{{code}}/incidents.{format.Extension()}",
                    (string code, AmaniDbContext db, TimeProvider clock, CancellationToken cancellationToken, string? area, DateTimeOffset? from,
                        DateTimeOffset? to, string? category, bool? bom) =>
                        ExportPublicAsync(format, code, db, clock, new IncidentFilter(area, null, from, to, category), bom ?? false, cancellationToken))
                .WithTags("Exports (public)").WithName($"ExportPublicIncidents{suffix}").RequireRateLimiting(RateLimits.Anonymous);
        }
        return api;
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(ExportFormat format, string code,
        AmaniDbContext db, AccessContext access, TimeProvider clock, IncidentFilter filter, bool bom, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var visible = await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken);
        var filtered = await filter.ApplyAsync(visible, db, mission, cancellationToken);
        if (!filtered.Succeeded)
            return Problem.Invalid(filtered.Field!, filtered.Error!);
        return Stream(format, IncidentExportRows.ReadAsync(db, mission.Id, filtered.Value!, ExportAudience.Full, cancellationToken),
            FileName(mission.Code, "incidents", format, clock), bom, cancellationToken);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ValidationProblem>> ExportPublicAsync(ExportFormat format,
        string code, AmaniDbContext db, TimeProvider clock, IncidentFilter filter, bool bom, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        if (await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalized, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var filtered = await filter.ApplyAsync(PublicIncidentsApi.Published(db, mission.Id), db, mission, cancellationToken);
        if (!filtered.Succeeded)
            return Problem.Invalid(filtered.Field!, filtered.Error!);
        return Stream(format, IncidentExportRows.ReadAsync(db, mission.Id, filtered.Value!, ExportAudience.Public, cancellationToken),
            FileName(mission.Code, "public-incidents", format, clock), bom, cancellationToken);
    }

    private static PushStreamHttpResult Stream(ExportFormat format, IAsyncEnumerable<ExportRow> rows, string fileName, bool bom,
        CancellationToken cancellationToken) =>
        TypedResults.Stream(body => format.WriteAsync(rows, body, bom, cancellationToken), format.ContentType(), fileName);

    /// <summary>e.g. <c>ALPHA-incidents-20261121.hxl.csv</c> (the date of the export, UTC).</summary>
    public static string FileName(string missionCode, string what, ExportFormat format, TimeProvider clock) =>
        $"{missionCode}-{what}-{clock.GetUtcNow():yyyyMMdd}.{format.Extension()}";
}
