using System.Diagnostics;
using Amani.Foundation.Areas;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Computation;

/// <summary>
/// Brings a mission's computed indicators up to date: reads each one's measure (a source reads its records once per run,
/// whatever the number of indicators over it), rolls the facts up (<see cref="ValueCube"/>) and writes only what changed.
/// Computed values are derived data, like the aggregates: they are written without audit rows (the indicator's
/// definition, which decides them, is audited).
/// </summary>
public sealed class IndicatorComputer(AmaniDbContext db, MeasureCatalog measures, TimeProvider clock)
{
    public sealed record Outcome(int Indicators, int Written, int Deleted, int Unchanged, TimeSpan Elapsed);

    /// <summary>
    /// The span computed values cover: from the January of the year before the mission's first plan starts (baselines) to
    /// the end of its last plan's year, never beyond the current period (its value so far). Plans in force or past count,
    /// drafts do not; without one: the five years before the current period. A mission whose plans have ended stops
    /// computing until a next version, activated, extends them.
    /// </summary>
    public async Task<(DateOnly From, DateOnly Until)> SpanAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var current = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        var plans = await db.Set<Plan>().Where(p => p.MissionId == missionId && p.Status != PlanStatus.Draft)
            .GroupBy(_ => 1).Select(g => new { First = g.Min(p => p.StartsOn), Last = g.Max(p => p.EndsOn) }).FirstOrDefaultAsync(cancellationToken);
        if (plans is null)
            return (new DateOnly(today.Year - 6, 1, 1), current);
        var end = new DateOnly(plans.Last.Year + 1, 1, 1);
        return (new DateOnly(plans.First.Year - 1, 1, 1), end < current ? end : current);
    }

    /// <summary>
    /// Recomputes the computed indicators of <paramref name="missionId"/> (over <paramref name="source"/> only, when
    /// given) for the periods overlapping <paramref name="from"/>…<paramref name="until"/> (the whole span when null).
    /// </summary>
    public async Task<Outcome> ComputeAsync(Guid missionId, string? source, DateOnly? from, DateOnly? until, CancellationToken cancellationToken,
        IReadOnlyCollection<Guid>? only = null)
    {
        var watch = Stopwatch.StartNew();
        var (spanFrom, spanUntil) = await SpanAsync(missionId, cancellationToken);
        var (lo, hi) = (Max(from ?? spanFrom, spanFrom), Min(until ?? spanUntil, spanUntil));
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == missionId && i.MeasureKey != null).ToListAsync(cancellationToken);
        indicators = indicators.Where(i => measures.Find(i.MeasureKey!) is { } found && (source is null || found.Measure.Source == source)
            && (only is null || only.Contains(i.Id))).ToList();
        if (indicators.Count == 0 || lo >= hi)
            return new Outcome(0, 0, 0, 0, watch.Elapsed);
        // Whole years around the change, so that a yearly indicator sees all of the year it recomputes.
        var (readFrom, readUntil) = (new DateOnly(lo.Year, 1, 1), Min(new DateOnly(hi.AddDays(-1).Year + 1, 1, 1), spanUntil));
        var areas = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == missionId).Select(a => new { a.Id, a.PCode, a.Level, a.Path })
            .ToListAsync(cancellationToken);
        var byPCode = areas.ToDictionary(a => a.PCode, StringComparer.Ordinal);
        var atLevel = new Dictionary<int, (Dictionary<Guid, string> Map, List<string> Areas)>();
        (Dictionary<Guid, string>, List<string>) Level(int level) => atLevel.TryGetValue(level, out var known) ? known : atLevel[level] = (
            areas.Select(a => (a.Id, Segments: a.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)))
                .Where(a => a.Segments.Length > level).ToDictionary(a => a.Id, a => a.Segments[level]),
            areas.Where(a => a.Level == level).Select(a => a.PCode).ToList());

        int written = 0, deleted = 0, unchanged = 0;
        foreach (var indicator in indicators)
        {
            var (measureSource, measure) = measures.Find(indicator.MeasureKey!)!.Value;
            var request = new MeasureRequest(missionId, readFrom, readUntil, indicator.Public, measure.Resolve(IndicatorViews.Arguments(indicator)));
            var facts = await measureSource.ReadAsync(db, measure, request, cancellationToken);
            var (map, levelAreas) = indicator.AreaLevel is { } level ? Level(level) : (new Dictionary<Guid, string>(), new List<string>());
            var cube = new ValueCube(indicator, measure, map, levelAreas);
            cube.Add(facts);
            var periods = Period.Between(lo, hi, indicator.Frequency).ToList();
            var (periodFrom, periodUntil) = (periods[0].Start, Min(periods[^1].End, spanUntil));
            var changes = await ComputedValueWriter.WriteAsync(db, indicator.Id, indicator.Frequency, cube.Values(periodFrom, periodUntil), periodFrom, periodUntil,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
            (written, deleted, unchanged) = (written + changes.Written, deleted + changes.Deleted, unchanged + changes.Unchanged);
        }
        var ids = indicators.Select(i => i.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<Indicator>().Where(i => ids.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.ComputedAt, now), cancellationToken);
        return new Outcome(indicators.Count, written, deleted, unchanged, watch.Elapsed);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
