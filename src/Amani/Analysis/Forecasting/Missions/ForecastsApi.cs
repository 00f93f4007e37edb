using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Models;
using Amani.Foundation.Missions;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;
using Amani.Register.Incidents;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// <c>GET /missions/{code}/forecasts?area=P-CODE&amp;month=YYYY-MM&amp;model=NAME</c> and <c>…/forecasts/accuracy</c>:
/// the stored forecasts of the mission's country (no area, or the level-0 area) or of one admin-1 area, and each
/// model's running accuracy. Readers: every role that may read the mission's incidents.
/// </summary>
public static class ForecastsApi
{
    public static RouteGroupBuilder MapForecastsApi(this RouteGroupBuilder api)
    {
        var forecasts = api.MapGroup("/missions/{code}/forecasts").WithTags("Forecasts");
        forecasts.MapGet("/", List).WithName("ListForecasts").RequirePermission(Permission.IncidentsRead);
        forecasts.MapGet("/accuracy", Accuracy).WithName("ForecastAccuracy").RequirePermission(Permission.IncidentsRead);
        return api;
    }

    private static async Task<Results<Ok<ForecastListResponse>, ProblemHttpResult, ValidationProblem>> List(string code, string? area, string? month,
        string? model, AmaniDbContext db, AccessContext access, CountryMonthSeries countries, Admin1MonthSeries admin1, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (model is not null && ForecastModels.Find(model) is null)
            return Problem.Invalid("model", $"There is no model '{model}'; the models are {string.Join(", ", ForecastModels.Names)}.");
        int? wanted = null;
        if (month is not null)
        {
            if (!ForecastMonths.TryParse(month, out var parsed))
                return Problem.Invalid("month", $"'{month}' is not a month: write YYYY-MM, e.g. 2021-03.");
            wanted = parsed;
        }
        var (kind, key, found) = (ForecastUnitKind.Country, mission.CountryIso3, (ForecastAreaResponse?)null);
        if (!string.IsNullOrWhiteSpace(area))
        {
            var pCode = area.Trim();
            var place = await db.AdminAreas.AsNoTracking().FirstOrDefaultAsync(a => a.MissionId == mission.Id && a.PCode == pCode, cancellationToken);
            if (place is null)
                return Problem.NotFound($"The area '{pCode}' of mission {mission.Code}");
            if (place.Level > 1)
                return Problem.Invalid("area", $"{place.PCode} '{place.Name}' is a level-{place.Level} area: forecasts are made for the country (level 0) and its admin-1 areas (level 1).");
            found = new ForecastAreaResponse(place.PCode, place.Name, place.Level);
            if (place.Level == 1)
                (kind, key) = (ForecastUnitKind.Admin1, place.PCode);
        }

        var stored = db.Set<StoredForecast>().AsNoTracking().Where(f => f.MissionId == mission.Id && f.UnitKind == kind && f.UnitKey == key);
        if (model is not null)
        {
            var name = ForecastModels.Find(model)!.Name;
            stored = stored.Where(f => f.Model == name);
        }
        var range = await stored.GroupBy(_ => 1)
            .Select(g => new { LatestCutoff = g.Max(f => f.CutoffMonth), First = g.Min(f => f.TargetMonth), Last = g.Max(f => f.TargetMonth) })
            .FirstOrDefaultAsync(cancellationToken);
        if (range is null)
            return await NoForecastsAsync(mission, kind, key, kind == ForecastUnitKind.Country ? countries : admin1, cancellationToken);
        if (wanted > range.Last)
            return Problem.Invalid("month", $"{month} is beyond the forecast horizon: the latest forecasts, from the data up to {ForecastMonths.Format(range.LatestCutoff)}, " +
                                            $"reach {ForecastMonths.Format(range.Last)}. Ask for a month from {ForecastMonths.Format(range.First)} to {ForecastMonths.Format(range.Last)}.");
        if (wanted < range.First)
            return Problem.Invalid("month", $"There are no forecasts for {month}: ask for a month from {ForecastMonths.Format(range.First)} to {ForecastMonths.Format(range.Last)}.");

        var rows = await (wanted is { } target ? stored.Where(f => f.TargetMonth == target) : stored.Where(f => f.CutoffMonth == range.LatestCutoff))
            .ToListAsync(cancellationToken);
        // For each model and month, the most recent forecast (latest cut-off, then the newest version).
        var latest = rows.GroupBy(f => (f.Model, f.TargetMonth))
            .Select(g => g.OrderByDescending(f => f.CutoffMonth).ThenByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).First())
            .OrderBy(f => f.TargetMonth).ThenBy(f => Array.IndexOf(ForecastModels.Names.ToArray(), f.Model))
            .Select(ForecastResponse.From).ToList();
        return TypedResults.Ok(new ForecastListResponse(mission.Code, kind, key, found, ForecastMonths.Format(range.LatestCutoff),
            ForecastMonths.Format(range.First), ForecastMonths.Format(range.Last), latest));
    }

    /// <summary>Why a unit has no stored forecasts: too little history (422), or none made yet (404).</summary>
    private static async Task<ProblemHttpResult> NoForecastsAsync(Mission mission, ForecastUnitKind kind, string key, IMissionSeriesSource source,
        CancellationToken cancellationToken)
    {
        var what = kind == ForecastUnitKind.Country ? $"the country ({mission.CountryIso3})" : $"the area {key}";
        if (await source.LastCompleteMonthAsync(mission, cancellationToken) is not { } lastComplete)
            return Problem.Of(ProblemType.InsufficientHistory, HistoryProblems.NoData(mission, kind));
        var series = await source.LoadAsync(mission, cancellationToken);
        if (series.Find(key) is not { } unit)
            return Problem.Of(ProblemType.InsufficientHistory, kind == ForecastUnitKind.Country
                ? HistoryProblems.NoData(mission, kind)
                : $"There are no public incidents of armed violence in mission {mission.Code} to build the series of {what} from.");
        if (ForecastRun.Check(series.Panel, lastComplete, [unit.UnitId], ForecastGenerator.Steps) is { } problem)
            return Problem.Of(ProblemType.InsufficientHistory, $"No forecasts for {what}: {problem.Error}");
        return Problem.Of(ProblemType.NotFound, $"No forecasts have been made for {what} yet: the server makes them every hour, " +
                                                $"or run ./amani forecast generate --mission {mission.Code}.");
    }

    private static async Task<Results<Ok<ForecastAccuracyResponse>, ProblemHttpResult, ValidationProblem>> Accuracy(string code, string? kind,
        AmaniDbContext db, AccessContext access, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.IncidentsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        ForecastUnitKind? only = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<ForecastUnitKind>(kind, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(kind, out _))
                return Problem.Invalid("kind", $"'{kind}' is not a kind of forecast unit: use country or admin1.");
            only = parsed;
        }
        var scored = await db.Set<StoredForecast>().AsNoTracking()
            .Where(f => f.MissionId == mission.Id && f.ScoredAt != null && (only == null || f.UnitKind == only))
            .Select(f => new ScoredRow(f.Model, f.UnitKind, f.Step, f.TargetMonth, f.SquaredError!.Value, f.Tadda!.Value, f.ActualDeaths!.Value,
                f.P1, f.P25, f.P100, f.Q05, f.Q95))
            .ToListAsync(cancellationToken);
        var models = scored.GroupBy(r => (r.Model, r.UnitKind))
            .OrderBy(g => g.Key.UnitKind).ThenBy(g => Array.IndexOf(ForecastModels.Names.ToArray(), g.Key.Model))
            .Select(g => Summarise(g.Key.Model, g.Key.UnitKind, g.ToList())).ToList();
        return TypedResults.Ok(new ForecastAccuracyResponse(mission.Code, models));
    }

    private sealed record ScoredRow(string Model, ForecastUnitKind UnitKind, int Step, int TargetMonth, double SquaredError, double Tadda,
        double Actual, double P1, double P25, double P100, double Q05, double Q95);

    private static ModelAccuracy Summarise(string model, ForecastUnitKind kind, List<ScoredRow> rows)
    {
        static double Brier(IEnumerable<(double P, bool Happened)> pairs) => pairs.Average(p => Math.Pow(p.P - (p.Happened ? 1 : 0), 2));
        return new ModelAccuracy(model, kind, rows.Count, rows.Average(r => r.SquaredError), rows.Average(r => r.Tadda),
            Brier(rows.Select(r => (r.P1, r.Actual >= 1))), Brier(rows.Select(r => (r.P25, r.Actual >= 25))), Brier(rows.Select(r => (r.P100, r.Actual >= 100))),
            rows.Average(r => r.Actual >= r.Q05 - 1e-9 && r.Actual <= r.Q95 + 1e-9 ? 1.0 : 0.0),
            ForecastMonths.Format(rows.Min(r => r.TargetMonth)), ForecastMonths.Format(rows.Max(r => r.TargetMonth)),
            rows.GroupBy(r => r.Step).OrderBy(g => g.Key)
                .Select(g => new StepAccuracy(g.Key, g.Count(), g.Average(r => r.SquaredError), g.Average(r => r.Tadda))).ToList());
    }
}
