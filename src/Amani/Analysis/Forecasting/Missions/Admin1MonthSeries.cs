using Amani.Foundation.Areas;
using Amani.Platform.Data;
using Amani.Analysis.Forecasting.Series;
using Amani.Register.Incidents;
using Amani.Foundation.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Amani.Analysis.Forecasting.Missions;

/// <summary>
/// Admin-1-month series built from the mission's incidents: each level-1 area is a unit; an incident counts in the
/// admin-1 area above (or at) its area, in the UTC month it began. Deaths are the best fatality estimates of
/// <b>public</b> incidents that are neither rejected nor duplicates (aggregates are shown to every reader of the
/// mission, partners included, so they are made only of what all of them may see). ACLED event types map to the
/// UCDP kinds of violence: battles and explosions/remote violence → state-based (<c>sb</c>, the forecast quantity;
/// imported UCDP GED events of both state-based and non-state conflict are battles), violence against civilians →
/// one-sided, riots → non-state. The series run from the month of the mission's first such incident to the last
/// complete month (the one before the current month); months without incidents count zero.
/// <para>The one place that turns incidents into series: swap it for an aggregates table by implementing
/// <see cref="IMissionSeriesSource"/>.</para>
/// </summary>
public sealed class Admin1MonthSeries(AmaniDbContext db, TimeProvider clock) : IMissionSeriesSource
{
    public ForecastUnitKind Kind => ForecastUnitKind.Admin1;

    /// <summary>The month before the current one (UTC).</summary>
    public Task<int?> LastCompleteMonthAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken) =>
        Task.FromResult<int?>(CurrentMonth() - 1);

    public async Task<MissionSeries> LoadAsync(Amani.Foundation.Missions.Mission mission, CancellationToken cancellationToken)
    {
        var lastComplete = CurrentMonth() - 1;
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == mission.Id)
            .Select(a => new { a.Id, a.Level, a.PCode, a.Name, a.Path }).ToListAsync(cancellationToken);
        var admin1 = areas.Where(a => a.Level == 1).OrderBy(a => a.PCode, StringComparer.Ordinal).ToList();
        var byPCode = areas.ToDictionary(a => a.PCode, StringComparer.Ordinal);
        // Each area's admin-1 ancestor (itself at level 1), from its materialised path of P-codes.
        var admin1Of = new Dictionary<Guid, Guid>();
        foreach (var area in areas.Where(a => a.Level >= 1))
            foreach (var pCode in area.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
                if (byPCode.TryGetValue(pCode, out var ancestor) && ancestor.Level == 1)
                    admin1Of[area.Id] = ancestor.Id;

        var totals = await db.Incidents.AsNoTracking()
            .Where(i => i.MissionId == mission.Id && i.AreaId != null && i.Confidentiality == Confidentiality.Public
                        && i.Status != IncidentStatus.Rejected && i.Status != IncidentStatus.Duplicate && i.DuplicateOfId == null)
            .GroupBy(i => new { i.AreaId, i.OccurredFrom.Year, i.OccurredFrom.Month, i.CategoryCode })
            .Select(g => new { g.Key.AreaId, g.Key.Year, g.Key.Month, g.Key.CategoryCode, Deaths = g.Sum(i => i.FatalitiesBest ?? 0), Events = g.Count() })
            .ToListAsync(cancellationToken);
        var counted = totals.Select(t => (Admin1: admin1Of.TryGetValue(t.AreaId!.Value, out var a) ? a : (Guid?)null,
                Month: CountryMonth.MonthIdOf(t.Year, t.Month), Kind: KindOf(t.CategoryCode), t.Deaths, t.Events))
            .Where(t => t.Admin1 is not null && t.Kind is not null && t.Month <= lastComplete).ToList();
        if (counted.Count == 0 || admin1.Count == 0)
            return new MissionSeries(Kind, new SeriesPanel([]), [], lastComplete);

        var first = counted.Min(t => t.Month);
        var units = new List<UnitSeries>();
        foreach (var area in admin1)
        {
            var months = new MonthlyConflict[Math.Max(1, lastComplete - first + 1)];
            foreach (var t in counted.Where(t => t.Admin1 == area.Id))
            {
                var m = months[t.Month - first];
                months[t.Month - first] = t.Kind switch
                {
                    'b' => m with { DeathsSb = m.DeathsSb + t.Deaths, EventsSb = m.EventsSb + t.Events },
                    'n' => m with { DeathsNs = m.DeathsNs + t.Deaths, EventsNs = m.EventsNs + t.Events },
                    _ => m with { DeathsOs = m.DeathsOs + t.Deaths, EventsOs = m.EventsOs + t.Events },
                };
            }
            units.Add(new UnitSeries(area.PCode, area.Name, first, months));
        }
        return new MissionSeries(Kind, new SeriesPanel(units), admin1.Select(a => new MissionUnit(a.PCode, a.PCode, a.Id, a.Name)).ToList(), lastComplete);
    }

    private int CurrentMonth()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return CountryMonth.MonthIdOf(now.Year, now.Month);
    }

    /// <summary>'b' state-based (battles), 'n' non-state (riots), 'o' one-sided (violence against civilians), null: not counted.</summary>
    private static char? KindOf(string categoryCode) => Categories.Find(categoryCode)?.AcledEventType switch
    {
        "Battles" or "Explosions/Remote violence" => 'b',
        "Riots" => 'n',
        "Violence against civilians" => 'o',
        _ => null,
    };
}
