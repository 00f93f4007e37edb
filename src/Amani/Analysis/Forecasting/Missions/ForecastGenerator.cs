using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Models;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// Makes and stores a mission's forecasts: for the country and for every admin-1 area, with every model
/// (<see cref="ForecastModels.All"/>), for steps 1–12 from a cut-off (by default the last month whose data are
/// complete). Each model fits on the series through the cut-off only. Idempotent: forecasts already stored for a
/// unit kind, model version and cut-off are not made again, and a concurrent run on another node loses the race
/// cleanly (the unique index refuses its copy; nothing half-written remains).
/// </summary>
public sealed class ForecastGenerator(AmaniDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IMissionSeriesSource> sources)
{
    public static readonly IReadOnlyList<int> Steps = Enumerable.Range(ForecastHorizon.MinStep, ForecastHorizon.MaxStep).ToList();

    /// <summary>What a run did for one kind of unit: the cut-off, how many forecasts it stored, or why it made none.</summary>
    public sealed record Outcome(ForecastUnitKind Kind, int? Cutoff, int Stored, string? Skipped);

    public async Task<IReadOnlyList<Outcome>> GenerateAsync(Amani.Foundation.Missions.Mission mission, int? cutoff, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>();
        foreach (var source in sources)
            outcomes.Add(await GenerateAsync(mission, source, cutoff, cancellationToken));
        return outcomes;
    }

    private async Task<Outcome> GenerateAsync(Amani.Foundation.Missions.Mission mission, IMissionSeriesSource source, int? requested, CancellationToken cancellationToken)
    {
        var kind = source.Kind;
        var models = ForecastModels.All();
        if (await source.LastCompleteMonthAsync(mission, cancellationToken) is not { } lastComplete)
            return new Outcome(kind, null, 0, HistoryProblems.NoData(mission, kind));
        if (requested > lastComplete)
            return new Outcome(kind, requested, 0, $"The data are complete up to {ForecastRun.Describe(lastComplete)} only.");
        var cutoff = requested ?? lastComplete;
        var done = await StoredVersionsAsync(mission.Id, kind, cutoff, cancellationToken);
        if (models.All(m => done.Contains(m.Version)))
            return new Outcome(kind, cutoff, 0, null);

        var series = await source.LoadAsync(mission, cancellationToken);
        if (series.Units.Count == 0)
            return new Outcome(kind, cutoff, 0, HistoryProblems.NoData(mission, kind));
        var units = series.Units.Select(u => u.UnitId).ToList();
        if (ForecastRun.Check(series.Panel, cutoff, units, Steps) is { } problem)
            return new Outcome(kind, cutoff, 0, problem.Error);

        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var rows = new List<StoredForecast>();
        foreach (var model in models.Where(m => !done.Contains(m.Version)))
        {
            var made = ForecastRun.Make(series.Panel, model, cutoff, units, Steps, cancellationToken);
            if (!made.Succeeded)
                return new Outcome(kind, cutoff, 0, made.Error);
            rows.AddRange(made.Value!.Select(f => ToRow(mission.Id, kind, series.Units.Single(u => u.UnitId == f.UnitId), model, f, now)));
        }
        db.AddRange(rows);
        audit.Record(AuditAction.ForecastsGenerated, StoredForecast.AuditEntity, mission.Id,
            $"Forecasts for {mission.Code} ({(kind == ForecastUnitKind.Country ? "country" : "admin-1 areas")}): {rows.Count} from data up to " +
            $"{ForecastRun.Describe(cutoff)}, steps 1–12, {series.Units.Count} unit(s), models {string.Join(", ", rows.Select(r => r.ModelVersion).Distinct())}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            db.DiscardChanges(); // another node stored them first
            return new Outcome(kind, cutoff, 0, null);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return new Outcome(kind, cutoff, rows.Count, null);
    }

    private async Task<HashSet<string>> StoredVersionsAsync(Guid missionId, ForecastUnitKind kind, int cutoff, CancellationToken cancellationToken) =>
        (await db.Set<StoredForecast>().Where(f => f.MissionId == missionId && f.UnitKind == kind && f.CutoffMonth == cutoff)
            .Select(f => f.ModelVersion).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    private static StoredForecast ToRow(Guid missionId, ForecastUnitKind kind, MissionUnit unit, IForecastModel model, Forecast forecast, DateTime now)
    {
        var d = forecast.Distribution;
        return new StoredForecast
        {
            MissionId = missionId, UnitKind = kind, UnitKey = unit.Key, AreaId = unit.AreaId, Model = model.Name, ModelVersion = model.Version,
            CutoffMonth = forecast.Origin, TargetMonth = forecast.TargetMonth, Step = forecast.Step, OriginDeaths = forecast.OriginDeaths,
            LogChange = forecast.LogChange, Deaths = forecast.Deaths,
            P1 = d.ProbabilityAtLeast(1), P25 = d.ProbabilityAtLeast(25), P100 = d.ProbabilityAtLeast(100),
            Q05 = d.Quantile(0.05), Q10 = d.Quantile(0.10), Q25 = d.Quantile(0.25), Q50 = d.Quantile(0.5),
            Q75 = d.Quantile(0.75), Q90 = d.Quantile(0.90), Q95 = d.Quantile(0.95),
            CreatedAt = now,
        };
    }
}

/// <summary>How a mission's lack of data is told.</summary>
public static class HistoryProblems
{
    public static string NoData(Amani.Foundation.Missions.Mission mission, ForecastUnitKind kind) => kind == ForecastUnitKind.Country
        ? $"There are no country-month data for {mission.CountryIso3} (import them with ./amani import views-cm)."
        : $"Mission {mission.Code} has no admin-1 areas with public incidents of armed violence to build series from.";
}
