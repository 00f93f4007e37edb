using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Register.Reporting;

namespace Amani.Register.Duplicates;

/// <summary>
/// Candidate duplicates of a community report (incidents and other reports) or of an incident (incidents), ranked by
/// <see cref="DuplicateScorer"/>; and merging an incident into the one that stays (<see cref="IncidentMerger"/>).
/// </summary>
public static class DuplicatesApi
{
    public const int MaxCandidates = 20;

    public static IServiceCollection AddDuplicates(this IServiceCollection services) =>
        services.AddScoped<DuplicateFinder>().AddScoped<IncidentMerger>();

    public static RouteGroupBuilder MapDuplicatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/missions/{code}/reports/{id:guid}/duplicates", ForReport).WithTags("Duplicates").WithName("ReportDuplicates")
            .RequirePermission(Permission.ReportsRead);
        api.MapGet("/incidents/{id:guid}/duplicates", ForIncident).WithTags("Duplicates").WithName("IncidentDuplicates")
            .RequirePermission(Permission.IncidentsRead);
        api.MapPost("/incidents/{id:guid}/merge", Merge).WithTags("Duplicates").WithName("MergeIncident").RequirePermission(Permission.IncidentsTriage);
        return api;
    }

    private static async Task<Results<Ok<DuplicateList>, ProblemHttpResult>> ForReport(string code, Guid id, AmaniDbContext db, AccessContext access,
        ReportTriage triage, DuplicateFinder finder, CancellationToken cancellationToken)
    {
        // The report as triage finds it: in the caller's area scope, else it does not exist (404).
        if (await triage.FindAsync(code, id, Permission.ReportsRead, cancellationToken) is not var (mission, report))
            return Problem.NotFound($"The report {id}");
        var visible = await IncidentVisibility.VisibleAsync(db, access, mission.Id, cancellationToken);
        return TypedResults.Ok(new DuplicateList(await finder.ForReportAsync(report, visible, MaxCandidates, cancellationToken)));
    }

    private static async Task<Results<Ok<DuplicateList>, ProblemHttpResult>> ForIncident(Guid id, AmaniDbContext db, AccessContext access,
        DuplicateFinder finder, CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindVisibleAsync(db, access, id, tracked: false, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        return TypedResults.Ok(await finder.OfIncidentAsync(mission, incident, access, cancellationToken));
    }

    private static async Task<Results<Ok<IncidentResponse>, ProblemHttpResult, ValidationProblem>> Merge(Guid id, MergeRequest request, AmaniDbContext db,
        AccessContext access, IncidentMerger merger, HttpContext http, CancellationToken cancellationToken)
    {
        if (await IncidentsApi.FindManageableAsync(db, access, id, cancellationToken) is not var (mission, incident))
            return Problem.NotFound($"The incident {id}");
        return await IncidentsApi.VersionedAsync(http, db, mission, expected => merger.MergeAsync(incident, expected, request, access, cancellationToken),
            cancellationToken);
    }

    private static DuplicateList List(DuplicateSubject subject, IEnumerable<DuplicateFinder.Row> rows) => DuplicateFinder.List(subject, rows);
}
