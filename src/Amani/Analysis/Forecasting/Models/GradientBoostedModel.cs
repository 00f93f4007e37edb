using System.Security.Cryptography;
using System.Text;
using Amani.Analysis.Forecasting.Learning;
using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// The learned model: one gradient-boosted tree ensemble per step s, fitted on every (unit, origin o) of the history
/// whose target month o + s is observed by the history's cut-off, with the <see cref="ConflictFeatures"/> of the unit
/// at o as input and y = ln(1 + sb[o + s]) − ln(1 + sb[o]) as target. Forecasts smaller in magnitude than the dead
/// zone become exactly 0. The predictive distribution adds the model's training residuals (from rows like the
/// forecast one: similar predicted level, same recent activity) to the point forecast.
/// </summary>
public sealed class GradientBoostedModel(LearnedModelOptions? options = null) : IForecastModel
{
    /// <summary>How often the evaluation re-fits it by default (every 12 origins: see the README).</summary>
    public const int DefaultRefitEvery = 12;

    public LearnedModelOptions Options { get; } = options ?? new LearnedModelOptions();

    public string Name => "gbm";

    public string Version => "gbm-1-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe())))[..8];

    /// <summary>Every option that changes forecasts, as text.</summary>
    public string Describe() =>
        FormattableString.Invariant($"{Options.Boosting} dead-zone={Options.DeadZone} warm-up={Options.WarmUpMonths} ") +
        $"units={(Options.TrainingUnits is null ? "all" : string.Join(',', Options.TrainingUnits.Order(StringComparer.Ordinal)))} " +
        $"residuals={Options.ResidualsPerBucket} features={string.Join('|', ConflictFeatures.Names)}";

    public IForecaster Fit(PanelHistory history, CancellationToken cancellationToken) => new GradientBoostedForecaster(history, Options, cancellationToken);
}

internal sealed class GradientBoostedForecaster : IForecaster
{
    private readonly LearnedModelOptions _options;
    private readonly FeatureTable _table;
    private readonly Lazy<StepModel>[] _steps;
    private readonly CancellationToken _cancellationToken;

    public GradientBoostedForecaster(PanelHistory history, LearnedModelOptions options, CancellationToken cancellationToken)
    {
        (_options, _cancellationToken) = (options, cancellationToken);
        FittedThrough = history.Cutoff;
        _table = FeatureTable.Build(history, options);
        _steps = new Lazy<StepModel>[ForecastHorizon.MaxStep + 1];
        for (var step = ForecastHorizon.MinStep; step <= ForecastHorizon.MaxStep; step++)
        {
            var s = step;
            _steps[step] = new Lazy<StepModel>(() => StepModel.Train(_table, s, _options, _cancellationToken));
        }
    }

    public int FittedThrough { get; }

    private (object Source, int Cutoff, PanelContext Context)? _lastContext;

    /// <summary>The panel context at the history's cut-off; the evaluator asks for the same origin once per step, so the last one is kept.</summary>
    private PanelContext ContextOf(PanelHistory history)
    {
        lock (_steps)
        {
            if (_lastContext is { } last && ReferenceEquals(last.Source, history.Source) && last.Cutoff == history.Cutoff)
                return last.Context;
            var context = PanelContext.Of(history);
            _lastContext = (history.Source, history.Cutoff, context);
            return context;
        }
    }

    /// <summary>Training rows available for <paramref name="step"/> (a model needs some to learn anything).</summary>
    public int TrainingRows(int step) => _table.RowsFor(step).Count;

    public IReadOnlyList<Forecast> Forecast(PanelHistory history, IReadOnlyList<UnitSeries> units, int step)
    {
        if (history.Cutoff < FittedThrough)
            throw new ArgumentException($"The model was fitted through month {FittedThrough}; it cannot forecast from the earlier origin {history.Cutoff}.", nameof(history));
        ArgumentOutOfRangeException.ThrowIfLessThan(step, ForecastHorizon.MinStep);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(step, ForecastHorizon.MaxStep);
        var model = _steps[step].Value;
        var panel = ContextOf(history);
        var row = new float[ConflictFeatures.Count];
        var forecasts = new Forecast[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            var months = history.MonthsOf(units[i]);
            if (months.Length == 0 || units[i].FirstMonth + months.Length - 1 != history.Cutoff)
                throw new ArgumentException($"Unit {units[i].UnitId} has no value for the origin month {history.Cutoff}.", nameof(units));
            ConflictFeatures.Of(months, units[i].FirstMonth).Write(months.Length - 1, panel, row);
            var raw = model.Predict(row);
            var point = Math.Abs(raw) < _options.DeadZone ? 0 : raw;
            var last = months[^1].DeathsSb;
            forecasts[i] = new Forecast(units[i].UnitId, history.Cutoff, step, last, point, model.Distribution(row, raw));
        }
        return forecasts;
    }
}
