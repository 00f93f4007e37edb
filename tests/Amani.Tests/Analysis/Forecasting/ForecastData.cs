using Amani.Analysis.Forecasting.Evaluation;
using Amani.Analysis.Forecasting.Series;
using Amani.Tests.Infrastructure;

namespace Amani.Tests.Analysis.Forecasting;

/// <summary>The real ViEWS country-month file (read once per test run) and panels derived from it.</summary>
public static class ForecastData
{
    public static readonly string RealFile = Datasets.ViewsCountryMonths;

    public static readonly string AfricaFile = Datasets.Views2020AfricaCountries;

    private static readonly Lazy<SeriesPanel> Real = new(() =>
    {
        var result = CountryMonthCsv.LoadAsync(RealFile, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult();
        return result.Value ?? throw new InvalidOperationException(result.Error);
    });

    public static SeriesPanel Panel => Real.Value;

    /// <summary>The 54 African countries of the ViEWS 2020 competition only (a smaller panel for fast tests).</summary>
    public static SeriesPanel Africa => new(Panel.Units.Where(u => EvaluationWindow.Views2020Countries.Contains(u.UnitId)));

    /// <summary>A copy of <paramref name="panel"/> with every month after <paramref name="cutoff"/> replaced by <paramref name="change"/>'s, or dropped when it returns null for the unit.</summary>
    public static SeriesPanel AlteredAfter(SeriesPanel panel, int cutoff, Func<MonthlyConflict, int, MonthlyConflict>? change)
    {
        var units = new List<UnitSeries>();
        foreach (var unit in panel.Units)
        {
            var months = unit.Through(unit.LastMonth).ToArray().ToList();
            var kept = new List<MonthlyConflict>();
            for (var i = 0; i < months.Count; i++)
            {
                var month = unit.FirstMonth + i;
                if (month <= cutoff)
                    kept.Add(months[i]);
                else if (change is not null)
                    kept.Add(change(months[i], month));
            }
            if (kept.Count > 0)
                units.Add(new UnitSeries(unit.UnitId, unit.Name, unit.FirstMonth, kept));
        }
        return new SeriesPanel(units);
    }
}
