using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Areas;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// What forecast alert rules read: the newest stored forecast of the learned model (<c>gbm</c>) for the month — for the
/// mission's country when no area is given, else for the admin-1 area itself or the admin-1 area above it.
/// </summary>
public sealed class StoredForecastProbabilities(AmaniDbContext db) : IForecastProbabilities
{
    private const string Model = "gbm";

    public async Task<ForecastProbability?> LatestAsync(Guid missionId, Guid? areaId, int monthId, Alerts.ForecastOutcome outcome,
        CancellationToken cancellationToken)
    {
        var forecasts = db.Set<StoredForecast>().AsNoTracking().Where(f => f.MissionId == missionId && f.TargetMonth == monthId && f.Model == Model);
        if (areaId is null)
            forecasts = forecasts.Where(f => f.UnitKind == ForecastUnitKind.Country);
        else
        {
            var admin1 = await Admin1OfAsync(areaId.Value, cancellationToken);
            if (admin1 is null)
                return null;
            forecasts = forecasts.Where(f => f.UnitKind == ForecastUnitKind.Admin1 && f.AreaId == admin1);
        }
        var latest = await forecasts.OrderByDescending(f => f.CutoffMonth).ThenByDescending(f => f.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : new ForecastProbability(outcome switch
        {
            Alerts.ForecastOutcome.AtLeast1Death => latest.P1,
            Alerts.ForecastOutcome.AtLeast25Deaths => latest.P25,
            _ => latest.P100,
        }, latest.TargetMonth, $"{latest.Model} {latest.ModelVersion}", latest.CreatedAt);
    }

    /// <summary>The area itself when it is an admin-1 area, else its admin-1 ancestor (null above admin-1).</summary>
    private async Task<Guid?> Admin1OfAsync(Guid areaId, CancellationToken cancellationToken)
    {
        var area = await db.AdminAreas.AsNoTracking().Where(a => a.Id == areaId).Select(a => new { a.Id, a.Level, a.ParentId }).FirstOrDefaultAsync(cancellationToken);
        while (area is { Level: > 1, ParentId: { } parent })
            area = await db.AdminAreas.AsNoTracking().Where(a => a.Id == parent).Select(a => new { a.Id, a.Level, a.ParentId }).FirstOrDefaultAsync(cancellationToken);
        return area is { Level: 1 } ? area.Id : null;
    }
}
