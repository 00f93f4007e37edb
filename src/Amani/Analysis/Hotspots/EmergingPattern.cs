namespace Amani.Analysis.Hotspots;

/// <summary>
/// What a location's space-time Gi* series says, in the categories of ArcGIS's Emerging Hot Spot Analysis (hot and cold
/// alike; "significant" means at least 90 % confidence after the FDR correction, the trend is Mann–Kendall's on the
/// z-scores at 95 %):
/// <list type="bullet">
/// <item><b>New</b>: significant in the last month only.</item>
/// <item><b>Consecutive</b>: one uninterrupted run of significant months up to the last, fewer than 90 % of months, none before the run.</item>
/// <item><b>Intensifying</b> / <b>Persistent</b> / <b>Diminishing</b>: significant in at least 90 % of months including the last,
/// with a rising / no / falling trend.</item>
/// <item><b>Sporadic</b>: significant in the last month, on and off before, fewer than 90 %, never the opposite kind.</item>
/// <item><b>Oscillating</b>: significant in the last month, fewer than 90 %, and of the opposite kind in some earlier month.</item>
/// <item><b>Historical</b>: not significant in the last month, but in at least 90 % of months.</item>
/// </list>
/// </summary>
public enum EmergingPattern
{
    None, NewHotSpot, ConsecutiveHotSpot, IntensifyingHotSpot, PersistentHotSpot, DiminishingHotSpot, SporadicHotSpot, OscillatingHotSpot,
    HistoricalHotSpot, NewColdSpot, ConsecutiveColdSpot, IntensifyingColdSpot, PersistentColdSpot, DiminishingColdSpot, SporadicColdSpot,
    OscillatingColdSpot, HistoricalColdSpot,
}

public static class EmergingPatterns
{
    private const double MostOfTheTime = 0.9;
    private const double TrendLevel = 0.05;

    /// <param name="classes">The location's class in each month, oldest first.</param>
    /// <param name="z">Its z-score in each month (for the trend).</param>
    public static EmergingPattern Classify(IReadOnlyList<SpotClass> classes, IReadOnlyList<double> z) =>
        Classify(classes.Select(c => c.IsHot()).ToList(), classes.Select(c => c.IsCold()).ToList(), z, hot: true)
        ?? Classify(classes.Select(c => c.IsCold()).ToList(), classes.Select(c => c.IsHot()).ToList(), z.Select(v => -v).ToList(), hot: false)
        ?? EmergingPattern.None;

    /// <summary>The pattern of one kind (hot, or cold with the z-scores negated), or null when there is none of that kind.</summary>
    private static EmergingPattern? Classify(IReadOnlyList<bool> significant, IReadOnlyList<bool> opposite, IReadOnlyList<double> z, bool hot)
    {
        var n = significant.Count;
        if (n == 0)
            return null;
        var count = significant.Count(s => s);
        var mostly = count >= MostOfTheTime * n;
        EmergingPattern Pick(EmergingPattern hotPattern, EmergingPattern coldPattern) => hot ? hotPattern : coldPattern;
        if (!significant[^1])
            return mostly ? Pick(EmergingPattern.HistoricalHotSpot, EmergingPattern.HistoricalColdSpot) : null;
        if (count == 1)
            return Pick(EmergingPattern.NewHotSpot, EmergingPattern.NewColdSpot);
        if (mostly)
        {
            var trend = MannKendall.Test(z);
            return trend.P < TrendLevel && trend.Z > 0 ? Pick(EmergingPattern.IntensifyingHotSpot, EmergingPattern.IntensifyingColdSpot)
                : trend.P < TrendLevel && trend.Z < 0 ? Pick(EmergingPattern.DiminishingHotSpot, EmergingPattern.DiminishingColdSpot)
                : Pick(EmergingPattern.PersistentHotSpot, EmergingPattern.PersistentColdSpot);
        }
        var runStart = n - 1;
        while (runStart > 0 && significant[runStart - 1])
            runStart--;
        if (runStart + count == n) // every significant month is in the final run
            return Pick(EmergingPattern.ConsecutiveHotSpot, EmergingPattern.ConsecutiveColdSpot);
        return opposite.Any(o => o)
            ? Pick(EmergingPattern.OscillatingHotSpot, EmergingPattern.OscillatingColdSpot)
            : Pick(EmergingPattern.SporadicHotSpot, EmergingPattern.SporadicColdSpot);
    }
}
