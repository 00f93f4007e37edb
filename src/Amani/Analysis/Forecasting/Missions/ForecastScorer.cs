using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Evaluation;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// Scores a mission's stored forecasts whose target month's data have arrived (the month is at or before the
/// series' last complete month): records the deaths observed, and the squared error and TADDA₁ term of the forecast
/// log change against the observed one, ln(1 + observed) − ln(1 + deaths at the cut-off as the forecast saw them).
/// Scoring runs under a database lock, so two nodes never score (and audit) the same forecasts twice.
/// </summary>
public sealed class ForecastScorer(AmaniDbContext db, AuditLog audit, TimeProvider clock, IEnumerable<IMissionSeriesSource> sources)
{
    private const long ScoringLock = 0x414D414E49_2601;

    public async Task<int> ScoreAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken)
    {
        var scored = 0;
        foreach (var source in sources)
            scored += await ScoreAsync(mission, source, cancellationToken);
        return scored;
    }

    private async Task<int> ScoreAsync(Amani.Foundation.Missions.Mission mission, IMissionSeriesSource source, CancellationToken cancellationToken)
    {
        var kind = source.Kind;
        if (await source.LastCompleteMonthAsync(mission, cancellationToken) is not { } lastComplete)
            return 0;
        var due = db.Set<StoredForecast>().Where(f => f.MissionId == mission.Id && f.UnitKind == kind && f.ScoredAt == null && f.TargetMonth <= lastComplete);
        if (!await due.AnyAsync(cancellationToken))
            return 0;
        var series = await source.LoadAsync(mission, cancellationToken);
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, ScoringLock, cancellationToken);
        var now = AuditChain.Truncate(clock.GetUtcNow().UtcDateTime);
        var rows = await due.ToListAsync(cancellationToken); // read under the lock: what another node scored is gone
        var scored = 0;
        foreach (var row in rows)
        {
            if (series.Find(row.UnitKey) is not { } unit || series.Panel.Find(unit.UnitId) is not { } units
                || row.TargetMonth < units.FirstMonth || row.TargetMonth > units.LastMonth)
                continue;
            var actual = units.Through(row.TargetMonth)[^1].DeathsSb;
            var y = Math.Log(1 + actual) - Math.Log(1 + row.OriginDeaths);
            (row.ActualDeaths, row.ScoredAt) = (actual, now);
            row.SquaredError = (y - row.LogChange) * (y - row.LogChange);
            row.Tadda = ForecastMetrics.TaddaTerm(y, row.LogChange);
            scored++;
        }
        if (scored == 0)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
        audit.Record(AuditAction.ForecastsScored, StoredForecast.AuditEntity, mission.Id,
            $"Scored {scored} forecast(s) of {mission.Code} ({(kind == ForecastUnitKind.Country ? "country" : "admin-1 areas")}) against the data up to {Models.ForecastRun.Describe(lastComplete)}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return scored;
    }
}
