using Amani.Platform.Access;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Amani.Governance.Results.Public;

/// <summary>
/// The anonymous, rate-limited public results of a mission: its public indicators with their mission-wide baselines,
/// targets and values by period, and their values by area after small-number suppression (<see cref="SmallNumbers"/>).
/// </summary>
public static class PublicResultsApi
{
    public static RouteGroupBuilder MapPublicResultsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/public/missions/{code}/indicators", ListAsync).WithTags("Results (public)").WithName("ListPublicIndicators")
            .RequireRateLimiting(RateLimits.Anonymous);
        return api;
    }

    /// <summary>Every public indicator of the mission (an empty list when it has none), each with its latest <see cref="PublicResults.MaxPeriods"/> periods.</summary>
    private static async Task<Results<Ok<IReadOnlyList<PublicIndicator>>, ProblemHttpResult>> ListAsync(string code, PublicResults results,
        CancellationToken cancellationToken)
    {
        if (await results.MissionAsync(code, cancellationToken) is not { } missionId)
            return Problem.NotFound($"The mission '{code}'");
        return TypedResults.Ok(await results.OfAsync(missionId, PublicResults.MaxPeriods, cancellationToken));
    }
}
