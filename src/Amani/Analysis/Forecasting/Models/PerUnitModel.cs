using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>A model with nothing to fit: each forecast depends on the unit's own history only.</summary>
public abstract class PerUnitModel : IForecastModel, IForecaster
{
    public abstract string Name { get; }
    public abstract string Version { get; }
    public int FittedThrough => int.MinValue;

    public IForecaster Fit(PanelHistory history, CancellationToken cancellationToken) => this;

    public IReadOnlyList<Forecast> Forecast(PanelHistory history, IReadOnlyList<UnitSeries> units, int step)
    {
        var forecasts = new Forecast[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var months = history.MonthsOf(units[i]);
            if (months.Length == 0 || units[i].FirstMonth + months.Length - 1 != history.Cutoff)
                throw new ArgumentException($"Unit {units[i].UnitId} has no value for the origin month {history.Cutoff}.", nameof(units));
            forecasts[i] = ForecastUnit(units[i].UnitId, months, history.Cutoff, step);
        }
        return forecasts;
    }

    /// <param name="months">The unit's months up to and including <paramref name="origin"/> (the last element).</param>
    protected abstract Forecast ForecastUnit(string unitId, ReadOnlySpan<MonthlyConflict> months, int origin, int step);
}

/// <summary>No change: the target month will be like the origin month (log change 0; all probability on sb[origin]).</summary>
public sealed class NoChangeModel : PerUnitModel
{
    public override string Name => "no-change";
    public override string Version => "no-change-1";

    protected override Forecast ForecastUnit(string unitId, ReadOnlySpan<MonthlyConflict> months, int origin, int step)
    {
        var last = months[^1].DeathsSb;
        return new Forecast(unitId, origin, step, last, 0, new PointMassDistribution(last));
    }
}

/// <summary>Zero: no deaths in the target month (log change −ln(1 + sb[origin])).</summary>
public sealed class ZeroModel : PerUnitModel
{
    public override string Name => "zero";
    public override string Version => "zero-1";

    protected override Forecast ForecastUnit(string unitId, ReadOnlySpan<MonthlyConflict> months, int origin, int step)
    {
        var last = months[^1].DeathsSb;
        return new Forecast(unitId, origin, step, last, -Math.Log(1 + last), new PointMassDistribution(0));
    }
}

/// <summary>
/// Last-value Poisson (the VIEWS 2023/24 benchmark): deaths ~ Poisson(sb[origin]). Its point forecast is the
/// distribution's median, as a log change from the origin.
/// </summary>
public sealed class LastValuePoissonModel : PerUnitModel
{
    public override string Name => "poisson-last";
    public override string Version => "poisson-last-1";

    protected override Forecast ForecastUnit(string unitId, ReadOnlySpan<MonthlyConflict> months, int origin, int step)
    {
        var last = months[^1].DeathsSb;
        var distribution = new PoissonDistribution(last);
        return new Forecast(unitId, origin, step, last, Math.Log(1 + distribution.Quantile(0.5)) - Math.Log(1 + last), distribution);
    }
}

/// <summary>
/// Conflict history: the target month's ln(1 + deaths) is the exponentially weighted mean of the unit's past
/// ln(1 + sb) (half-life <see cref="HalfLifeMonths"/>, over at most <see cref="WindowMonths"/> months); deaths ~
/// Poisson(exp(that mean) − 1). It forecasts a return to the unit's recent typical level.
/// </summary>
public sealed class ConflictHistoryModel(double halfLifeMonths = 6, int windowMonths = 60) : PerUnitModel
{
    public double HalfLifeMonths { get; } = halfLifeMonths > 0 ? halfLifeMonths : throw new ArgumentOutOfRangeException(nameof(halfLifeMonths));
    public int WindowMonths { get; } = windowMonths > 0 ? windowMonths : throw new ArgumentOutOfRangeException(nameof(windowMonths));

    public override string Name => "history-ewma";
    public override string Version => FormattableString.Invariant($"history-ewma-1-h{HalfLifeMonths}-w{WindowMonths}");

    protected override Forecast ForecastUnit(string unitId, ReadOnlySpan<MonthlyConflict> months, int origin, int step)
    {
        var decay = Math.Pow(0.5, 1 / HalfLifeMonths);
        double weighted = 0, weights = 0, weight = 1;
        for (var i = months.Length - 1; i >= Math.Max(0, months.Length - WindowMonths); i--, weight *= decay)
        {
            weighted += weight * Math.Log(1 + months[i].DeathsSb);
            weights += weight;
        }
        var level = weighted / weights;
        var last = months[^1].DeathsSb;
        return new Forecast(unitId, origin, step, last, level - Math.Log(1 + last), new PoissonDistribution(Math.Exp(level) - 1));
    }
}
