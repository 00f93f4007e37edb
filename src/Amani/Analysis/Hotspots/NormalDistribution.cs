namespace Amani.Analysis.Hotspots;

/// <summary>
/// Tail probabilities of the standard normal distribution. The complementary error function is the Chebyshev fit of
/// Press et al., <em>Numerical Recipes</em> (2nd ed., §6.2, <c>erfcc</c>), with a fractional error below 1.2·10⁻⁷
/// everywhere — also far in the tails, where p-values of strong hot spots lie. Written here rather than taking a
/// numerics library for one function.
/// </summary>
public static class NormalDistribution
{
    /// <summary>erfc(x) = 1 − erf(x).</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var value = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? value : 2 - value;
    }

    /// <summary>P(Z &gt; z).</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>P(|Z| ≥ |z|): the two-sided p-value of a z-score.</summary>
    public static double TwoSidedP(double z) => double.IsFinite(z) ? Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2))) : 0;
}
