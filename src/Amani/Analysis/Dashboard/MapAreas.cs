using System.Text.Json;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Missions;
using Amani.Analysis.Forecasting.Models;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// The mission's admin boundaries of one level as a GeoJSON FeatureCollection (the map's vector layer: no tile server
/// needed), each feature with its P-code, name and — for the forecast levels — the forecast risk of the next month:
/// the probability of at least one state-based death (P(≥1)) from the latest forecast, by the learned model when it
/// has one for the area, else the first model in <see cref="ForecastModels.Names"/> order that has.
/// </summary>
public static class MapAreas
{
    public sealed record Feature(string Type, JsonElement? Geometry, FeatureProperties Properties);

    public sealed record FeatureProperties(string PCode, string Name, int Level, double? Risk, string? RiskMonth, string? RiskModel);

    public sealed record FeatureCollection(string Type, IReadOnlyList<Feature> Features);

    /// <summary>The boundaries at <paramref name="detail"/>, from the Areas module's in-memory layers (security finding 8).</summary>
    public static async Task<FeatureCollection> LoadAsync(AmaniDbContext db, BoundaryLayers layers, Mission mission, int level, BoundaryDetail detail,
        CancellationToken cancellationToken)
    {
        var layer = await layers.GetAsync(db, mission.Id, level, detail, cancellationToken);
        var risks = level == 1 ? await RisksAsync(db, mission, cancellationToken) : [];
        var features = layer.Areas.Select(a =>
        {
            var risk = risks.GetValueOrDefault(a.PCode);
            return new Feature("Feature", a.Geometry,
                new FeatureProperties(a.PCode, a.Name, level, risk?.P1, risk is null ? null : ForecastMonths.Format(risk.TargetMonth), risk?.Model));
        }).ToList();
        return new FeatureCollection("FeatureCollection", features);
    }

    private static async Task<Dictionary<string, StoredForecast>> RisksAsync(AmaniDbContext db, Mission mission, CancellationToken cancellationToken)
    {
        var forecasts = db.Set<StoredForecast>().AsNoTracking().Where(f => f.MissionId == mission.Id && f.UnitKind == ForecastUnitKind.Admin1);
        var cutoff = await forecasts.MaxAsync(f => (int?)f.CutoffMonth, cancellationToken);
        if (cutoff is null)
            return [];
        var rows = await forecasts.Where(f => f.CutoffMonth == cutoff && f.Step == ForecastHorizon.MinStep).ToListAsync(cancellationToken);
        var order = ForecastModels.Names.ToList();
        int Rank(string model) => model == ForecastModels.Learned ? -1 : order.IndexOf(model) is var i and >= 0 ? i : order.Count;
        return rows.GroupBy(f => f.UnitKey)
            .ToDictionary(g => g.Key, g => g.OrderBy(f => Rank(f.Model)).ThenByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).First());
    }
}
