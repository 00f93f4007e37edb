using System.Collections.Concurrent;

namespace Amani.Governance.Surveys.Analysis;

/// <summary>Student's t (MathNet.Numerics): the 97.5 % quantile per whole number of degrees of freedom, cached, and two-sided p-values.</summary>
internal static class TDistribution
{
    private static readonly ConcurrentDictionary<int, double> Quantiles975 = new();

    public static double Quantile975(int degreesOfFreedom) =>
        Quantiles975.GetOrAdd(degreesOfFreedom, df => MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, df, 0.975));

    public static double TwoSidedP(double t, int degreesOfFreedom) =>
        Math.Clamp(2 * MathNet.Numerics.Distributions.StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(t)), 0, 1);
}
