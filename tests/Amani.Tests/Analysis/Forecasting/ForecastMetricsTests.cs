using Amani.Analysis.Forecasting.Evaluation;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

public sealed class ForecastMetricsTests
{
    [Theory]
    [InlineData(1.0, 0.5, 0.5)]                    // right direction: the absolute error only
    [InlineData(1.0, -0.5, 1.5 + 0.452)]           // y > ε, f < −ε: |y − f| + |f + ε|
    [InlineData(-1.0, 0.2, 1.2 + 0.152)]           // y < −ε, f > ε: |y − f| + |f − ε|
    [InlineData(0.03, -1.0, 1.03)]                 // |y| ≤ ε counts as no change: no penalty
    [InlineData(1.0, -0.04, 1.04)]                 // |f| ≤ ε: no penalty
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(-2.0, -2.0, 0.0)]
    public void Tadda_term_by_hand(double y, double f, double expected) =>
        Assert.Equal(expected, ForecastMetrics.TaddaTerm(y, f), 12);

    [Fact]
    public void Tadda_and_mse_are_means_over_the_forecasts()
    {
        double[] y = [1.0, 1.0, -1.0, 0.0];
        double[] f = [0.5, -0.5, 0.2, 0.0];

        Assert.Equal((0.5 + 1.952 + 1.352 + 0) / 4, ForecastMetrics.Tadda(y, f), 12);
        Assert.Equal((0.25 + 2.25 + 1.44 + 0) / 4, ForecastMetrics.MeanSquaredError(y, f), 12);
    }

    [Fact]
    public void The_epsilon_is_the_competitions()
    {
        Assert.Equal(0.048, ForecastMetrics.TaddaEpsilon);
        Assert.Equal(1.1 + 0.052, ForecastMetrics.TaddaTerm(1.0, -0.1), 12);
        Assert.Equal(1.1, ForecastMetrics.TaddaTerm(1.0, -0.1, epsilon: 0.2), 12); // with a wider epsilon, -0.1 counts as no change
    }

    [Fact]
    public void Mismatched_or_empty_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ForecastMetrics.Tadda([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => ForecastMetrics.MeanSquaredError([], []));
    }
}
