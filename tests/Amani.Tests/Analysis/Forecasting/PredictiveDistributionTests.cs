using Amani.Analysis.Forecasting.Models;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

public sealed class PredictiveDistributionTests
{
    [Fact]
    public void Poisson_probabilities_and_quantiles_match_the_formulas()
    {
        var poisson = new PoissonDistribution(2);

        Assert.Equal(1 - Math.Exp(-2), poisson.ProbabilityAtLeast(1), 12);
        Assert.Equal(1 - Math.Exp(-2) * (1 + 2 + 2), poisson.ProbabilityAtLeast(3), 12);
        Assert.Equal(1.0, poisson.ProbabilityAtLeast(0));
        Assert.Equal(2, poisson.Quantile(0.5));   // CDF(1) = 0.406, CDF(2) = 0.677
        Assert.Equal(0, poisson.Quantile(0.1));   // CDF(0) = 0.135
        Assert.Equal(6, poisson.Quantile(0.99));  // CDF(5) = 0.983, CDF(6) = 0.995
    }

    [Fact]
    public void Poisson_with_mean_zero_or_a_huge_mean_behaves()
    {
        var none = new PoissonDistribution(0);
        Assert.Equal(0, none.ProbabilityAtLeast(1));
        Assert.Equal(0, none.Quantile(0.95));

        var huge = new PoissonDistribution(40_000); // normal approximation
        Assert.InRange(huge.Quantile(0.5), 39_990, 40_010);
        Assert.InRange(huge.ProbabilityAtLeast(40_000), 0.49, 0.51);
        Assert.Equal(1.0, huge.ProbabilityAtLeast(100), 6);
        var large = new PoissonDistribution(2_000); // exact sum in log space (e^-2000 underflows)
        Assert.InRange(large.ProbabilityAtLeast(2_000), 0.49, 0.51);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDistribution(-1));
    }

    [Fact]
    public void Empirical_distribution_of_log_deaths_counts_exceedances_exactly()
    {
        var empirical = new EmpiricalDistribution([0, 0, Math.Log(10), Math.Log(100)]); // deaths 0, 0, 9, 99

        Assert.Equal(0.5, empirical.ProbabilityAtLeast(1));
        Assert.Equal(0.25, empirical.ProbabilityAtLeast(25));
        Assert.Equal(0.25, empirical.ProbabilityAtLeast(99));
        Assert.Equal(0.0, empirical.ProbabilityAtLeast(100));
        Assert.Equal(0.0, empirical.Quantile(0), 9);
        Assert.Equal(99.0, empirical.Quantile(1), 9);
        Assert.Equal(0.0, new EmpiricalDistribution([-0.3]).Quantile(0.5), 12); // below 0 means 0 deaths
    }

    [Fact]
    public void Samples_are_the_same_for_the_same_seed()
    {
        var poisson = new PoissonDistribution(7.5);

        Assert.Equal(poisson.Sample(100, seed: 1), poisson.Sample(100, seed: 1));
        Assert.NotEqual(poisson.Sample(100, seed: 1), poisson.Sample(100, seed: 2));
        Assert.InRange(poisson.Sample(2_000, seed: 3).Average(), 7.0, 8.0);
    }

    [Fact]
    public void A_point_mass_is_certain()
    {
        var point = new PointMassDistribution(30);
        Assert.Equal(1.0, point.ProbabilityAtLeast(25));
        Assert.Equal(0.0, point.ProbabilityAtLeast(100));
        Assert.All(point.ReportedQuantiles(), q => Assert.Equal(30, q));
    }
}
