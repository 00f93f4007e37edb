namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// A predictive distribution of one month's state-based deaths (a count ≥ 0). Every implementation is deterministic;
/// <see cref="Sample"/> draws by inverting the distribution at seeded uniforms, so a seed always gives the same samples.
/// </summary>
public abstract class PredictiveDistribution
{
    /// <summary>Quantile levels reported with every forecast.</summary>
    public static readonly double[] ReportedLevels = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95];

    /// <summary>The smallest number of deaths d with P(Y ≤ d) ≥ <paramref name="probability"/> (interpolated for empirical distributions).</summary>
    public abstract double Quantile(double probability);

    /// <summary>P(Y ≥ <paramref name="deaths"/>).</summary>
    public abstract double ProbabilityAtLeast(double deaths);

    /// <summary>The quantiles at <see cref="ReportedLevels"/>.</summary>
    public double[] ReportedQuantiles() => ReportedLevels.Select(Quantile).ToArray();

    /// <summary><paramref name="count"/> draws, the same for the same seed.</summary>
    public double[] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var draws = new double[count];
        for (var i = 0; i < count; i++)
            draws[i] = Quantile(random.NextDouble());
        return draws;
    }
}

/// <summary>All the probability on one value.</summary>
public sealed class PointMassDistribution(double deaths) : PredictiveDistribution
{
    public double Deaths { get; } = deaths >= 0 ? deaths : throw new ArgumentOutOfRangeException(nameof(deaths));
    public override double Quantile(double probability) => Deaths;
    public override double ProbabilityAtLeast(double deaths) => Deaths >= deaths ? 1 : 0;
}
