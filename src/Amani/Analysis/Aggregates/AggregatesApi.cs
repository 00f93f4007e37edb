using Amani.Platform.Hosting.Settings;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Register.Incidents;

namespace Amani.Analysis.Aggregates;

public static class AggregatesApi
{
    public static IServiceCollection AddAggregates(this IServiceCollection services)
    {
        services.AddSettings<AggregateSettings>();
        services.AddScoped<AggregateRefresher>();
        services.AddScoped<AggregateReader>();
        services.AddHostedService<AggregateRefreshService>();
        return services;
    }

    private static readonly UnitKind[] Units = [UnitKind.Country, UnitKind.Admin1, UnitKind.Admin2, UnitKind.Cell];

    public static RouteGroupBuilder MapAggregatesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/missions/{code}/aggregates", ListAsync).WithTags("Analysis").WithName("ListAggregates").RequirePermission(Permission.IncidentsRead);
        return api;
    }

    /// <summary>Monthly events and fatalities per unit, for the violence types asked for.</summary>
    private static async Task<Results<Ok<AggregateSeries>, ProblemHttpResult, ValidationProblem>> ListAsync(string code, AmaniDbContext db,
        AccessContext access, AggregateRefresher refresher, AggregateReader reader, CancellationToken cancellationToken,
        string? unit = null, string? from = null, string? to = null, string? violence = null)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var parsed = AnalysisQuery.Parse(unit, from, to, violence, Units);
        if (!parsed.Succeeded)
            return Problem.Invalid(parsed.Field!, parsed.Error!);
        var query = parsed.Value!;
        // An area-scoped role reads the totals of the areas in its scope only: a grid cell or a larger area would include others'.
        var scope = await access.AreaScopeAsync(mission.Id, Permission.IncidentsRead, cancellationToken) ?? AreaScope.Nowhere;
        if (!scope.IsWholeMission && query.AreaLevel is not > 0)
            return Problem.Forbidden("Your role is limited to some areas of the mission: aggregates are given per administrative area of your scope (unit=admin1, admin2 …); grid cells and the whole country cover areas outside it.");
        await refresher.RefreshAsync(mission.Id, cancellationToken);
        var version = await reader.VersionAsync(mission.Id, cancellationToken);
        var audience = await AggregateReader.AudienceAsync(access, mission.Id, cancellationToken);
        var violenceNames = query.Violence.Select(ViolenceTypes.ApiName).ToList();
        if (await reader.MonthsWithDataAsync(mission.Id, query.Unit, cancellationToken) is not var (first, last))
            return TypedResults.Ok(new AggregateSeries(mission.Code, AnalysisQuery.UnitName(query.Unit), Format(query.From), Format(query.To), violenceNames, version, []));
        var (start, end) = (query.From ?? first, query.To ?? last);

        IReadOnlyList<UnitSeries> series;
        if (query.AreaLevel is { } level)
        {
            var rows = (await reader.AreasAsync(mission.Id, level, start, end, query.Violence, audience, cancellationToken))
                .Where(r => scope.Covers(r.Unit)).ToList();
            var ids = rows.Select(r => r.Unit).Distinct().ToList();
            var areas = await db.AdminAreas.AsNoTracking().Where(a => ids.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => AnalysisUnit.Area(a.PCode, a.Name, a.Level, a.CentroidLatitude, a.CentroidLongitude), cancellationToken);
            series = Series(rows, id => areas[id]);
        }
        else
            series = Series(await reader.CellsAsync(mission.Id, start, end, query.Violence, audience, cancellationToken), AnalysisUnit.Cell);
        return TypedResults.Ok(new AggregateSeries(mission.Code, AnalysisQuery.UnitName(query.Unit), MonthIds.Format(start), MonthIds.Format(end),
            violenceNames, version, series));
    }

    private static string? Format(int? month) => month is { } m ? MonthIds.Format(m) : null;

    private static List<UnitSeries> Series<TKey>(IReadOnlyList<UnitMonth<TKey>> rows, Func<TKey, AnalysisUnit> describe) where TKey : notnull =>
        rows.GroupBy(r => r.Unit)
            .Select(g => new UnitSeries(describe(g.Key),
                new Totals(g.Sum(r => r.Events), g.Sum(r => r.FatalitiesBest), g.Sum(r => r.FatalitiesLow), g.Sum(r => r.FatalitiesHigh)),
                g.OrderBy(r => r.MonthId).Select(r => new MonthTotals(MonthIds.Format(r.MonthId), r.Events, r.FatalitiesBest, r.FatalitiesLow, r.FatalitiesHigh)).ToList()))
            .OrderByDescending(s => s.Total.Events).ThenBy(s => s.Unit.Code, StringComparer.Ordinal)
            .ToList();
}
