using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Amani.Platform.Web;
using Amani.Foundation.Areas;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Analysis.Dashboard;

/// <summary>The dashboard's map data: incident clusters of a viewport, and the admin boundaries with their forecast risk.</summary>
public static class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<MapPointIndex>();
        services.AddSingleton<MapIndexWarmUp>();
        return services.AddHostedService(provider => provider.GetRequiredService<MapIndexWarmUp>());
    }

    public static RouteGroupBuilder MapDashboardApi(this RouteGroupBuilder api)
    {
        var map = api.MapGroup("/missions/{code}/map").WithTags("Dashboard");
        map.MapGet("/clusters", ClustersAsync).WithName("MapClusters").RequirePermission(Permission.IncidentsRead);
        map.MapGet("/areas", AreasAsync).WithName("MapAreas").RequirePermission(Permission.IncidentsRead)
            .CompressedAnswer(); // boundaries and forecast risks: no secret, nothing echoed (see Platform/Web/Compression.cs)
        return api;
    }

    private static async Task<Results<Ok<MapClustersResponse>, ProblemHttpResult, ValidationProblem>> ClustersAsync(string code, AmaniDbContext db,
        AccessContext access, MapPointIndex index, CancellationToken cancellationToken, string? bbox = null, string? zoom = null, string? area = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? category = null, string? status = null, string? source = null,
        string? confidence = null)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var parsed = await new MapQuery(bbox, zoom, area, from, to, category, status, source, confidence).ParseAsync(db, mission, cancellationToken);
        if (!parsed.Succeeded)
            return Problem.Invalid(parsed.Field!, parsed.Error!);
        var audience = await IncidentVisibility.AudienceAsync(access, mission.Id, cancellationToken);
        if (audience is null)
            return TypedResults.Ok(new MapClustersResponse(parsed.Value!.Zoom, 0, [], []));
        var snapshot = await index.CurrentAsync(mission.Id, cancellationToken);
        var clustered = MapClusterer.Cluster(snapshot, audience, parsed.Value!);
        if (!clustered.Succeeded)
            return Problem.Invalid(clustered.Field!, clustered.Error!);
        return TypedResults.Ok(clustered.Value!);
    }

    private static async Task<Results<Ok<MapAreas.FeatureCollection>, ProblemHttpResult, ValidationProblem>> AreasAsync(string code, AmaniDbContext db,
        AccessContext access, BoundaryLayers layers, CancellationToken cancellationToken, int? level = null, string? detail = null)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (level is < 0 or > 3)
            return Problem.Invalid("level", "Give an admin level from 0 (the country) to 3.");
        var chosen = detail is null ? BoundaryDetail.Full : BoundaryDetail.Parse(detail);
        if (chosen is null)
            return Problem.Invalid("detail", $"Give the detail as one of {BoundaryDetail.Names} (full when not given).");
        return TypedResults.Ok(await MapAreas.LoadAsync(db, layers, mission, level ?? 1, chosen, cancellationToken));
    }
}
