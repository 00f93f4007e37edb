using System.Globalization;
using System.Text.Json;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>Indicators as the API and the pages show them: latest values against their targets, formulas, details.</summary>
public sealed class IndicatorViews(AmaniDbContext db, MeasureCatalog measures)
{

    /// <summary>
    /// Summaries of <paramref name="indicators"/>: the values of each one's latest period with data (the mission-wide
    /// total first, then every area's total when <paramref name="withAreas"/>), the target and latest baseline for it,
    /// and the status. Three queries whatever the number of indicators.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IndicatorSummary>> SummariesAsync(IReadOnlyList<Indicator> indicators, bool withAreas, CancellationToken cancellationToken)
    {
        var ids = indicators.Select(i => i.Id).ToList();
        var latest = await db.Set<IndicatorValue>().AsNoTracking().Where(v => ids.Contains(v.IndicatorId) && v.Disaggregation == "")
            .GroupBy(v => v.IndicatorId).Select(g => new { Id = g.Key, Start = g.Max(v => v.PeriodStart) }).ToListAsync(cancellationToken);
        var starts = latest.ToDictionary(l => l.Id, l => l.Start);
        var candidates = latest.Select(l => l.Start).Distinct().ToList();
        var values = (await db.Set<IndicatorValue>().AsNoTracking()
                .Where(v => ids.Contains(v.IndicatorId) && v.Disaggregation == "" && candidates.Contains(v.PeriodStart) && (withAreas || v.AreaCode == ""))
                .ToListAsync(cancellationToken))
            .Where(v => starts.TryGetValue(v.IndicatorId, out var start) && start == v.PeriodStart).ToLookup(v => v.IndicatorId);
        var targets = (await db.Set<IndicatorTarget>().AsNoTracking().Where(t => ids.Contains(t.IndicatorId) && t.AreaCode == "").ToListAsync(cancellationToken))
            .ToLookup(t => t.IndicatorId);
        var approved = (await db.Set<PeriodApproval>().AsNoTracking().Where(a => ids.Contains(a.IndicatorId)).Select(a => new { a.IndicatorId, a.Period })
            .ToListAsync(cancellationToken)).Select(a => (a.IndicatorId, a.Period)).ToHashSet();
        return indicators.ToDictionary(i => i.Id, i =>
        {
            var mine = values[i.Id].OrderBy(v => v.AreaCode, StringComparer.Ordinal).Select(v => View(v, null, approved.Contains((i.Id, v.Period)))).ToList();
            var period = mine.FirstOrDefault()?.Period;
            var target = targets[i.Id].FirstOrDefault(t => t.Kind == TargetKind.Target && t.Period == period)?.Value;
            var baseline = targets[i.Id].Where(t => t.Kind == TargetKind.Baseline).OrderByDescending(t => t.PeriodStart).FirstOrDefault()?.Value;
            var total = mine.FirstOrDefault(v => v.Area == "")?.Value;
            return new IndicatorSummary(i.Id, i.Code, i.Name, i.Unit, i.Type, i.Frequency, i.Direction, i.Computed, i.Public, Formula(i, CultureInfo.CurrentUICulture),
                mine, target, baseline, StatusOf(i.Direction, total, target, baseline));
        });
    }

    /// <summary>
    /// Where a value stands against its target: on track when it meets it (at or above for "higher is better", at or
    /// below for "lower is better"); at risk when it falls short by at most 10 % of the distance from the baseline to the
    /// target (of the target itself without a baseline); off track beyond.
    /// </summary>
    public static IndicatorStatus StatusOf(IndicatorDirection direction, double? value, double? target, double? baseline)
    {
        if (value is not { } v)
            return IndicatorStatus.NoData;
        if (target is not { } t)
            return IndicatorStatus.NoTarget;
        var shortfall = direction == IndicatorDirection.HigherIsBetter ? t - v : v - t;
        if (shortfall <= 0)
            return IndicatorStatus.OnTrack;
        var scale = baseline is { } b && b != t ? Math.Abs(t - b) : Math.Max(Math.Abs(t), 1);
        return shortfall <= 0.1 * scale ? IndicatorStatus.AtRisk : IndicatorStatus.OffTrack;
    }

    public static ValueResponse View(IndicatorValue v, string? enteredBy, bool approved) =>
        new(v.Period, v.AreaCode, v.Disaggregation, v.Value, v.Numerator, v.Denominator, v.Comment, v.FollowUp, v.Computed, enteredBy, v.EnteredAt, approved,
            v.IntervalLow, v.IntervalHigh);

    public Measure? MeasureOf(Indicator indicator) => indicator.MeasureKey is { } key ? measures.Find(key)?.Measure : null;

    public static IReadOnlyDictionary<string, int>? Arguments(Indicator indicator) =>
        indicator.MeasureArguments is null ? null : JsonSerializer.Deserialize<Dictionary<string, int>>(indicator.MeasureArguments);

    /// <summary>How a computed indicator is computed, in words; null for an entered one.</summary>
    public string? Formula(Indicator indicator, CultureInfo culture)
    {
        if (MeasureOf(indicator) is not { } measure)
            return indicator.MeasureKey is null ? null : $"{indicator.MeasureKey} (a measure no module offers any more)";
        var french = culture.TwoLetterISOLanguageName == "fr";
        var text = measure.FormulaFor(measure.Resolve(Arguments(indicator)), french);
        var groups = CategoryLists.Codes(indicator.MeasureGroups);
        if (groups.Count > 0)
            text += french ? $" — seulement {measure.Group} : {string.Join(", ", groups)}" : $" — only {measure.Group}: {string.Join(", ", groups)}";
        if (indicator.Public)
            text += french ? " — incidents publics seulement" : " — public records only";
        return text + (french ? $" ; {Frequency(indicator.Frequency, true)}" : $"; {Frequency(indicator.Frequency, false)}")
            + (indicator.AreaLevel is { } level ? (french ? $", par zone de niveau {level}" : $", by admin level {level} area") : "") + ".";
    }

    private static string Frequency(IndicatorFrequency frequency, bool french) => (frequency, french) switch
    {
        (IndicatorFrequency.Monthly, false) => "by month", (IndicatorFrequency.Quarterly, false) => "by quarter", (_, false) => "by year",
        (IndicatorFrequency.Monthly, true) => "par mois", (IndicatorFrequency.Quarterly, true) => "par trimestre", _ => "par année",
    };
}
