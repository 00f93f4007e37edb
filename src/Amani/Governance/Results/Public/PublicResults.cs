using System.Globalization;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Public;

/// <summary>A public indicator as the anonymous page and API show it: what it measures, its mission-wide baselines and targets, its values.</summary>
public sealed record PublicIndicator(string Code, string Name, string? NameFr, string? Definition, string Unit, IndicatorType Type,
    IndicatorDirection Direction, IndicatorFrequency Frequency, int? AreaLevel, bool Computed, string? Formula, string? FormulaFr,
    bool SecurityFigures, IReadOnlyList<PublicTarget> Baselines, IReadOnlyList<PublicTarget> Targets, IReadOnlyList<PublicPeriod> Periods);

public sealed record PublicTarget(string Period, double Value);

/// <summary>A period's values: the mission-wide total (null when there is none) and, for an indicator given by area, each area's.</summary>
public sealed record PublicPeriod(string Period, double? Value, IReadOnlyList<PublicAreaValue> Areas);

/// <summary>An area's value, or null with <see cref="Suppressed"/> and why (<see cref="SmallNumbers"/>).</summary>
public sealed record PublicAreaValue(string Area, string Name, double? Value, bool Suppressed, Suppression? Suppression);

/// <summary>
/// A mission's public results: its indicators marked <see cref="Indicator.Public"/> (a public computed indicator counts
/// public records only), with the totals of their values by period — never a disaggregation, who entered a value, a
/// comment (it may name people) or a follow-up flag: those columns are not even read — and the values by area after
/// small-number suppression (<see cref="SmallNumbers"/>).
/// </summary>
public sealed class PublicResults(AmaniDbContext db, IndicatorViews views, PublicResultsSettings settings)
{
    /// <summary>The most periods published per indicator (the latest): ten years of months.</summary>
    public const int MaxPeriods = 120;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en"), French = CultureInfo.GetCultureInfo("fr");

    /// <summary>k of the small-number suppression (<c>AMANI_PUBLIC_MIN_CELL</c>).</summary>
    public int MinCell => settings.MinCell;

    /// <summary>The mission's id by its code (any case), or null when there is no such mission.</summary>
    public Task<Guid?> MissionAsync(string code, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return db.Missions.AsNoTracking().Where(m => m.Code == normalized).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The mission's public indicators by code, each with its latest <paramref name="periods"/> periods (oldest first).</summary>
    public async Task<IReadOnlyList<PublicIndicator>> OfAsync(Guid missionId, int periods, CancellationToken cancellationToken)
    {
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == missionId && i.Public).OrderBy(i => i.Code)
            .ToListAsync(cancellationToken);
        if (indicators.Count == 0)
            return [];
        var ids = indicators.Select(i => i.Id).ToList();
        var values = (await db.Set<IndicatorValue>().AsNoTracking().Where(v => ids.Contains(v.IndicatorId) && v.Disaggregation == "")
                .Select(v => new { v.IndicatorId, v.Period, v.PeriodStart, v.AreaCode, v.Value, v.Denominator }).ToListAsync(cancellationToken))
            .ToLookup(v => v.IndicatorId);
        var targets = (await db.Set<IndicatorTarget>().AsNoTracking().Where(t => ids.Contains(t.IndicatorId) && t.AreaCode == "")
            .OrderBy(t => t.PeriodStart).Select(t => new { t.IndicatorId, t.Kind, t.Period, t.Value }).ToListAsync(cancellationToken)).ToLookup(t => t.IndicatorId);
        var names = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == missionId).Select(a => new { a.PCode, a.Name })
            .ToDictionaryAsync(a => a.PCode, a => a.Name, StringComparer.Ordinal, cancellationToken);
        var k = settings.MinCell;

        return indicators.Select(i =>
        {
            var security = i.Computed && SmallNumbers.IsSecurity(i.MeasureKey);
            var byPeriod = values[i.Id].GroupBy(v => (v.PeriodStart, v.Period)).OrderByDescending(g => g.Key.PeriodStart)
                .Take(Math.Clamp(periods, 1, MaxPeriods)).Reverse().Select(g =>
                {
                    var areas = g.Where(v => v.AreaCode != "").OrderBy(v => v.AreaCode, StringComparer.Ordinal).ToList();
                    var decided = SmallNumbers.Decide(security, i.Type, areas.Select(v => new SmallNumbers.Cell(v.AreaCode, v.Value, v.Denominator)).ToList(), k);
                    return new PublicPeriod(g.Key.Period, g.FirstOrDefault(v => v.AreaCode == "")?.Value, areas.Select(v =>
                    {
                        var suppression = decided[v.AreaCode];
                        return suppression == Suppression.None
                            ? new PublicAreaValue(v.AreaCode, names.GetValueOrDefault(v.AreaCode, v.AreaCode), v.Value, false, null)
                            : new PublicAreaValue(v.AreaCode, names.GetValueOrDefault(v.AreaCode, v.AreaCode), null, true, suppression);
                    }).ToList());
                }).ToList();
            var mine = targets[i.Id].ToList();
            return new PublicIndicator(i.Code, i.Name, i.NameFr, i.Definition, i.Unit, i.Type, i.Direction, i.Frequency, i.AreaLevel, i.Computed,
                views.Formula(i, English), views.Formula(i, French), security,
                mine.Where(t => t.Kind == TargetKind.Baseline).Select(t => new PublicTarget(t.Period, t.Value)).ToList(),
                mine.Where(t => t.Kind == TargetKind.Target).Select(t => new PublicTarget(t.Period, t.Value)).ToList(), byPeriod);
        }).ToList();
    }
}
