using System.Globalization;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Series;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// Country-month series from the <c>country_months</c> table (<c>./amani import views-cm</c>): every country is a unit
/// of the panel (the model learns from all of them); the mission's unit is the country whose ISO code is the
/// mission's. Its last complete month is the last month the table holds for that country. Months missing inside a
/// country's range count as months without deaths.
/// </summary>
public sealed class CountryMonthSeries(AmaniDbContext db) : IMissionSeriesSource
{
    public ForecastUnitKind Kind => ForecastUnitKind.Country;

    public async Task<int?> LastCompleteMonthAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken) =>
        await db.Set<CountryMonth>().Where(m => m.Iso3 == mission.CountryIso3).MaxAsync(m => (int?)m.MonthId, cancellationToken);

    public async Task<MissionSeries> LoadAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken)
    {
        var rows = await db.Set<CountryMonth>().AsNoTracking()
            .OrderBy(m => m.CountryId).ThenBy(m => m.MonthId)
            .Select(m => new { m.CountryId, m.MonthId, m.Iso3, m.CountryName, m.GedBestSb, m.GedBestNs, m.GedBestOs, m.GedCountSb, m.GedCountNs, m.GedCountOs })
            .ToListAsync(cancellationToken);
        var units = new List<UnitSeries>();
        var mine = new List<MissionUnit>();
        foreach (var country in rows.GroupBy(r => r.CountryId))
        {
            var first = country.First().MonthId;
            var months = new MonthlyConflict[country.Last().MonthId - first + 1];
            foreach (var r in country)
                months[r.MonthId - first] = new MonthlyConflict(r.GedBestSb, r.GedBestNs, r.GedBestOs, r.GedCountSb ?? 0, r.GedCountNs ?? 0, r.GedCountOs ?? 0);
            var id = country.Key.ToString(CultureInfo.InvariantCulture);
            var last = country.Last();
            units.Add(new UnitSeries(id, last.CountryName, first, months));
            if (last.Iso3 == mission.CountryIso3)
                mine.Add(new MissionUnit(id, mission.CountryIso3, null, last.CountryName ?? mission.CountryIso3));
        }
        var unit = mine.FirstOrDefault(); // an ISO code names one ViEWS country
        return new MissionSeries(Kind, new SeriesPanel(units), unit is null ? [] : [unit],
            unit is null ? null : units.Single(u => u.UnitId == unit.UnitId).LastMonth);
    }
}
