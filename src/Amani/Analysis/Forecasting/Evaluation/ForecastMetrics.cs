namespace Amani.Analysis.Forecasting.Evaluation;

/// <summary>The ViEWS 2020 competition's accuracy measures for forecasts f of log changes y.</summary>
public static class ForecastMetrics
{
    /// <summary>The competition's ε for TADDA: changes smaller than this count as no change.</summary>
    public const double TaddaEpsilon = 0.048;

    /// <summary>Mean of (y − f)².</summary>
    public static double MeanSquaredError(IReadOnlyList<double> actual, IReadOnlyList<double> forecast) =>
        Mean(actual, forecast, (y, f) => (y - f) * (y - f));

    /// <summary>
    /// TADDA₁ (Vesco et al. 2022): mean of |y − f| + [y &lt; −ε and f &gt; ε]·|f − ε| + [y &gt; ε and f &lt; −ε]·|f + ε| — the
    /// absolute error plus a penalty when the forecast points clearly the wrong way.
    /// </summary>
    public static double Tadda(IReadOnlyList<double> actual, IReadOnlyList<double> forecast, double epsilon = TaddaEpsilon) =>
        Mean(actual, forecast, (y, f) => TaddaTerm(y, f, epsilon));

    public static double TaddaTerm(double y, double f, double epsilon = TaddaEpsilon) =>
        Math.Abs(y - f)
        + (y < -epsilon && f > epsilon ? Math.Abs(f - epsilon) : 0)
        + (y > epsilon && f < -epsilon ? Math.Abs(f + epsilon) : 0);

    private static double Mean(IReadOnlyList<double> actual, IReadOnlyList<double> forecast, Func<double, double, double> term)
    {
        if (actual.Count != forecast.Count)
            throw new ArgumentException($"{actual.Count} outcomes for {forecast.Count} forecasts.", nameof(forecast));
        if (actual.Count == 0)
            throw new ArgumentException("Nothing to score.", nameof(actual));
        double sum = 0; // in order: the same inputs always give the same last digit
        for (var i = 0; i < actual.Count; i++)
            sum += term(actual[i], forecast[i]);
        return sum / actual.Count;
    }
}
