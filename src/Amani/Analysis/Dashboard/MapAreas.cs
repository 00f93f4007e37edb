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

    public static async Task<FeatureCollection> LoadAsync(AmaniDbContext db, Mission mission, int level, CancellationToken cancellationToken)
    {
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission.Id && a.Level == level && a.GeometryGeoJson != null)
            .OrderBy(a => a.PCode).Select(a => new { a.PCode, a.Name, a.Level, a.GeometryGeoJson }).ToListAsync(cancellationToken);
        var risks = level == 1 ? await RisksAsync(db, mission, cancellationToken) : [];
        var features = areas.Select(a =>
        {
            var risk = risks.GetValueOrDefault(a.PCode);
            using var geometry = JsonDocument.Parse(a.GeometryGeoJson!);
            return new Feature("Feature", geometry.RootElement.Clone(),
                new FeatureProperties(a.PCode, a.Name, a.Level, risk?.P1, risk is null ? null : ForecastMonths.Format(risk.TargetMonth), risk?.Model));
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
