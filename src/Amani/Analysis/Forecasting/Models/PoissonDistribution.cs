namespace Amani.Analysis.Forecasting.Models;

/// <summary>
/// Poisson(<see cref="Mean"/>). The CDF is summed exactly up to a mean of 10,000 and approximated by the normal
/// distribution with a continuity correction above (relative error far below the precision anyone reads a death
/// forecast with).
/// </summary>
public sealed class PoissonDistribution : PredictiveDistribution
{
    private const double ExactUpTo = 10_000;

    public PoissonDistribution(double mean)
    {
        if (!(mean >= 0) || double.IsInfinity(mean))
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "A Poisson mean is finite and not negative.");
        Mean = mean;
    }

    public double Mean { get; }

    /// <summary>P(Y ≤ k).</summary>
    public double Cdf(double k)
    {
        if (k < 0)
            return 0;
        var whole = Math.Floor(k);
        if (Mean == 0)
            return 1;
        if (Mean > ExactUpTo)
            return NormalCdf((whole + 0.5 - Mean) / Math.Sqrt(Mean));
        // Sum the pmf in log space from 0: p(0) = e^-λ underflows for λ > 745, so start from the log.
        double sum = 0, logP = -Mean;
        for (var i = 0; i <= whole; i++)
        {
            sum += Math.Exp(logP);
            if (sum >= 1 - 1e-15)
                return 1;
            logP += Math.Log(Mean) - Math.Log(i + 1);
        }
        return Math.Min(1, sum);
    }

    public override double ProbabilityAtLeast(double deaths) => deaths <= 0 ? 1 : 1 - Cdf(Math.Ceiling(deaths) - 1);

    public override double Quantile(double probability)
    {
        if (Mean == 0 || probability <= 0)
            return 0;
        // Smallest k with CDF(k) ≥ p, by bisection on [0, λ + 12√λ + 12].
        double low = 0, high = Math.Ceiling(Mean + 12 * Math.Sqrt(Mean) + 12);
        if (Cdf(0) >= probability)
            return 0;
        while (high - low > 1)
        {
            var middle = Math.Floor((low + high) / 2);
            if (Cdf(middle) >= probability)
                high = middle;
            else
                low = middle;
        }
        return high;
    }

    private static double NormalCdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>Complementary error function (Numerical Recipes' Chebyshev fit, |error| &lt; 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
