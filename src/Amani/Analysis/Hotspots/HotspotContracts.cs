using Amani.Analysis.Aggregates;

namespace Amani.Analysis.Hotspots;

/// <summary>What the hot-spot statistic is computed on: the number of incidents, or their best-estimate fatalities.</summary>
public enum HotspotMeasure { Events, Fatalities }

/// <summary>How the result was computed, so that a reader can judge it.</summary>
public sealed record HotspotMethod(string Statistic, string Neighbourhood, string Correction, int Units, int Bins, int Months);

/// <summary>One unit: its value over the window, its number of neighbours, Gi* z-score, p-value, FDR-adjusted q-value and class.</summary>
public sealed record Hotspot(AnalysisUnit Unit, double Value, int Neighbours, double Z, double P, double Q, SpotClass Class);

/// <summary>Hot and cold spots over a window, strongest hot spots first.</summary>
public sealed record HotspotMap(string Mission, string Unit, string? From, string? To, IReadOnlyList<string> Violence, HotspotMeasure Measure,
    bool SpaceTime, long Version, HotspotMethod Method, IReadOnlyList<Hotspot> Units);

public sealed record HotspotMonth(string Month, double Value, double Z, double P, double Q, SpotClass Class);

/// <summary>One unit of a space-time analysis: its pattern over the months, how many were hot or cold, the trend of its z-scores, and each month.</summary>
public sealed record EmergingHotspot(AnalysisUnit Unit, double Total, int Neighbours, EmergingPattern Pattern, int HotMonths, int ColdMonths,
    double TrendZ, double TrendP, IReadOnlyList<HotspotMonth> Months);

/// <summary>A space-time ("emerging hot spot") analysis: units with the most hot months first.</summary>
public sealed record EmergingHotspotMap(string Mission, string Unit, string? From, string? To, IReadOnlyList<string> Violence, HotspotMeasure Measure,
    bool SpaceTime, long Version, HotspotMethod Method, IReadOnlyList<EmergingHotspot> Units);
