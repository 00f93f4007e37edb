using Amani.Analysis.Forecasting.Series;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>One of the mission's forecast units within a series panel: its id in the panel, its stored key, its area.</summary>
public sealed record MissionUnit(string UnitId, string Key, Guid? AreaId, string Name);

/// <summary>
/// The series a mission's forecasts of one kind are made from: the panel the model learns on (it may hold more units
/// than the mission's: the country model learns from every country), the mission's units in it, and the last month
/// whose data are complete (the latest possible cut-off).
/// </summary>
public sealed record MissionSeries(ForecastUnitKind Kind, SeriesPanel Panel, IReadOnlyList<MissionUnit> Units, int? LastCompleteMonth)
{
    public MissionUnit? Find(string key) => Units.FirstOrDefault(u => u.Key == key);
}

/// <summary>Where a kind of series comes from (country-months, incidents by admin-1 area).</summary>
public interface IMissionSeriesSource
{
    ForecastUnitKind Kind { get; }

    /// <summary>The last month whose data are complete for the mission (null when there are none): cheap, without loading the series.</summary>
    Task<int?> LastCompleteMonthAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken);

    Task<MissionSeries> LoadAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken);
}
