namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// A distribution given by equally likely values of ln(1 + deaths) (for instance a point forecast plus the residuals
/// the model made on its training data). Quantiles interpolate linearly between order statistics (type 7).
/// </summary>
public sealed class EmpiricalDistribution : PredictiveDistribution
{
    private readonly double[] _logDeaths;

    /// <param name="logDeaths">Values of ln(1 + deaths); values below 0 mean 0 deaths.</param>
    public EmpiricalDistribution(IEnumerable<double> logDeaths)
    {
        _logDeaths = logDeaths.Select(v => Math.Max(0, v)).ToArray();
        if (_logDeaths.Length == 0 || _logDeaths.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("An empirical distribution needs at least one finite value.", nameof(logDeaths));
        Array.Sort(_logDeaths);
    }

    private EmpiricalDistribution(double[] sortedLogDeaths) => _logDeaths = sortedLogDeaths;

    /// <summary>The distribution of <paramref name="shift"/> + each of <paramref name="sortedOffsets"/> (ascending): no sort needed.</summary>
    internal static EmpiricalDistribution Shifted(double[] sortedOffsets, double shift)
    {
        var values = new double[sortedOffsets.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = Math.Max(0, shift + sortedOffsets[i]);
        return new EmpiricalDistribution(values);
    }

    public int Count => _logDeaths.Length;

    public override double Quantile(double probability)
    {
        var position = Math.Clamp(probability, 0, 1) * (_logDeaths.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, _logDeaths.Length - 1);
        var logDeaths = _logDeaths[below] + (position - below) * (_logDeaths[above] - _logDeaths[below]);
        return Math.Exp(logDeaths) - 1;
    }

    public override double ProbabilityAtLeast(double deaths)
    {
        if (deaths <= 0)
            return 1;
        // Counts are whole: "at least d" is "ln(1 + Y) ≥ ln(1 + d)" up to rounding of the stored logs.
        var threshold = Math.Log(1 + deaths) - 1e-9;
        int first = 0, end = _logDeaths.Length; // lower bound: the first value ≥ threshold
        while (first < end)
        {
            var middle = (first + end) / 2;
            if (_logDeaths[middle] < threshold)
                first = middle + 1;
            else
                end = middle;
        }
        return (double)(_logDeaths.Length - first) / _logDeaths.Length;
    }
}
