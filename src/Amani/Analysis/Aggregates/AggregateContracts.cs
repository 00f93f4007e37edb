namespace Amani.Analysis.Aggregates;

public sealed record Totals(long Events, long FatalitiesBest, long FatalitiesLow, long FatalitiesHigh);

public sealed record MonthTotals(string Month, long Events, long FatalitiesBest, long FatalitiesLow, long FatalitiesHigh);

/// <summary>One unit's totals over the window and its months with incidents (months without any are left out).</summary>
public sealed record UnitSeries(AnalysisUnit Unit, Totals Total, IReadOnlyList<MonthTotals> Months);

/// <summary>
/// The time series of a mission's units. <see cref="Version"/> is the aggregates' version it was read at; units
/// without incidents in the window are left out; series are ordered by events, most first.
/// </summary>
public sealed record AggregateSeries(string Mission, string Unit, string? From, string? To, IReadOnlyList<string> Violence, long Version,
    IReadOnlyList<UnitSeries> Series);
