using Amani.Platform.Access;
using Amani.Analysis.Aggregates;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Amani.Register.Incidents;

namespace Amani.Analysis.Hotspots;

public static class HotspotsApi
{
    public static IServiceCollection AddHotspots(this IServiceCollection services)
    {
        services.AddSingleton<HotspotCache>();
        services.AddSingleton<SpatialNeighbours>();
        services.AddScoped<HotspotAnalysis>();
        return services;
    }

    private static readonly UnitKind[] Units = [UnitKind.Admin1, UnitKind.Admin2, UnitKind.Cell];

    public static RouteGroupBuilder MapHotspotsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/missions/{code}/hotspots", GetAsync).WithTags("Analysis").WithName("GetHotspots").RequirePermission(Permission.IncidentsRead);
        return api;
    }

    /// <summary>Statistically significant hot and cold spots (Getis–Ord Gi*), over space or over space and time.</summary>
    private static async Task<Results<Ok<HotspotMap>, Ok<EmergingHotspotMap>, ProblemHttpResult, ValidationProblem>> GetAsync(string code,
        AmaniDbContext db, AccessContext access, AggregateRefresher refresher, AggregateReader reader, HotspotAnalysis analysis,
        CancellationToken cancellationToken, string? unit = null, string? from = null, string? to = null, string? violence = null,
        string? measure = null, [FromQuery(Name = "space-time")] string? spaceTime = null)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var parsed = AnalysisQuery.Parse(unit, from, to, violence, Units);
        if (!parsed.Succeeded)
            return Problem.Invalid(parsed.Field!, parsed.Error!);
        if (!TryMeasure(measure, out var what))
            return Problem.Invalid("measure", $"'{measure}' is not a measure; give events or fatalities.");
        if (!TrySwitch(spaceTime, out var overTime))
            return Problem.Invalid("space-time", $"'{spaceTime}' is not a yes or no; give true or false.");
        var query = parsed.Value!;
        if (await access.AreaScopeAsync(mission.Id, Permission.IncidentsRead, cancellationToken) is not { IsWholeMission: true })
            return Problem.Forbidden("Hot spots are computed over the whole mission (each unit is compared with its neighbours); your role is limited to some areas. Ask for the aggregates of your areas instead.");

        await refresher.RefreshAsync(mission.Id, cancellationToken);
        var months = await reader.MonthsWithDataAsync(mission.Id, query.Unit, cancellationToken);
        var (first, last) = (query.From ?? months?.First, query.To ?? months?.Last);
        if (first > last)
            (first, last) = (null, null); // a window wholly before or after the data: nothing to test
        if (overTime && last - first + 1 > AnalysisQuery.MaxSpaceTimeMonths)
            return Problem.Invalid(query.From is null ? "to" : "from",
                $"A space-time analysis covers at most {AnalysisQuery.MaxSpaceTimeMonths} months; this window has {last - first + 1}. Narrow 'from' and 'to'.");
        var request = new HotspotAnalysis.Request(query, what, overTime, await AggregateReader.AudienceAsync(access, mission.Id, cancellationToken));
        return await analysis.ComputeAsync(mission, request, first, last, cancellationToken) switch
        {
            EmergingHotspotMap emerging => TypedResults.Ok(emerging),
            var map => TypedResults.Ok((HotspotMap)map),
        };
    }

    private static bool TryMeasure(string? text, out HotspotMeasure measure)
    {
        measure = HotspotMeasure.Events;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        return text.Trim().All(char.IsAsciiLetter) && Enum.TryParse(text.Trim(), ignoreCase: true, out measure);
    }

    private static bool TrySwitch(string? text, out bool value)
    {
        value = false;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no":
                return true;
            case "true" or "1" or "yes":
                value = true;
                return true;
            default:
                return false;
        }
    }
}
