using System.Security.Cryptography;
using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Models;
using Xunit;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>
/// The learned model's forecasts on the real data, pinned bit for bit: a fingerprint of every point forecast and
/// distribution (quantiles, exceedance probabilities) from the whole panel through December 2016, steps 2 and 7. Work
/// that only makes the model faster must leave it unchanged; a change of the model must change its version too.
/// </summary>
public sealed class LearnedModelFingerprintTests
{
    /// <summary>Recorded with the straightforward learner (before it was made fast), for version gbm-1-efd02875.</summary>
    private const string Expected = "723692639bc313644e46025d8b3e334cbd68e00210c515374ddbb0abc285b831";

    [Fact]
    public void The_learned_models_forecasts_on_the_real_data_are_those_recorded()
    {
        var result = ForecastRun.Make(ForecastData.Panel, new GradientBoostedModel(), 444, EvaluationWindow.Views2020Countries, [2, 7], CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);

        Assert.Equal("gbm-1-efd02875", new GradientBoostedModel().Version);
        Assert.Equal(108, result.Value!.Count);
        Assert.Equal(Expected, Fingerprint(result.Value!));
    }

    private static string Fingerprint(IEnumerable<Forecast> forecasts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in forecasts.OrderBy(f => f.Step).ThenBy(f => f.UnitId, StringComparer.Ordinal))
        {
            var values = new List<double> { f.LogChange, f.Deaths };
            values.AddRange(f.Distribution.ReportedQuantiles());
            values.AddRange(ForecastHorizon.Thresholds.Select(t => f.ProbabilityAtLeast(t)));
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{f.UnitId}/{f.Step}:"));
            foreach (var value in values)
                hash.AppendData(BitConverter.GetBytes(BitConverter.DoubleToInt64Bits(value)));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
