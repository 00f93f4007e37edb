using Amani.Foundation.Areas;
using Amani.Governance.Results.Plans;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Pages;

/// <summary>One line of the data-entry grid as the form posts it (numbers as typed, read in the invariant culture).</summary>
public sealed class GridLine
{
    public string? Area { get; set; }
    public string? Disaggregation { get; set; }
    public string? Value { get; set; }
    public string? Numerator { get; set; }
    public string? Denominator { get; set; }
    public string? Comment { get; set; }
    public bool FollowUp { get; set; }

    public bool Blank => string.IsNullOrWhiteSpace(Value) && string.IsNullOrWhiteSpace(Numerator) && string.IsNullOrWhiteSpace(Denominator);
}

/// <summary>A row of the grid: where it is (area, disaggregation), whether the caller may enter it, and what is stored.</summary>
public sealed record GridRow(string AreaCode, string AreaName, Guid? AreaId, string Disaggregation, string DisaggregationLabel, bool MayEnter,
    IndicatorValue? Stored);

/// <summary>The rows, periods and stored values of an indicator's data-entry grid.</summary>
public static class EntryGrid
{
    /// <summary>The most periods the grid's select offers (the latest ones).</summary>
    public const int MaxPeriods = 120;

    /// <summary>The periods values can be entered for: those of the current plan's span, else the last two years'; latest first.</summary>
    public static async Task<IReadOnlyList<Period>> PeriodsAsync(AmaniDbContext db, Indicator indicator, DateOnly today, CancellationToken cancellationToken)
    {
        var plan = await PlanQueries.CurrentAsync(db, indicator.MissionId, cancellationToken);
        var (from, until) = plan is null ? (today.AddYears(-2), today.AddDays(1)) : (plan.StartsOn, plan.EndsOn.AddDays(1));
        return Period.Between(from, until, indicator.Frequency).Reverse().Take(MaxPeriods).ToList();
    }

    /// <summary>Every option combination of the indicator's category lists, the total first (key, label).</summary>
    public static IReadOnlyList<(string Key, string Label)> Combinations(IReadOnlyList<CategoryListEntry> lists)
    {
        var combos = new List<List<KeyValuePair<string, string>>> { new() };
        foreach (var list in lists)
            combos = combos.SelectMany(c => list.Options.Select(o => new List<KeyValuePair<string, string>>(c) { new(list.Code, o.Key) })).ToList();
        var labels = lists.ToDictionary(l => l.Code);
        var split = lists.Count == 0 ? [] : combos.Select(c => (Disaggregation.Key(c), string.Join(", ", c.Select(p => labels[p.Key].Options[p.Value])))).ToList();
        return [("", ""), .. split];
    }

    /// <summary>
    /// The rows for <paramref name="period"/>: the whole mission, then (for an indicator given by admin level) each area of
    /// that level by P-code; each split into the total and every option combination; with the values stored.
    /// </summary>
    public static async Task<IReadOnlyList<GridRow>> RowsAsync(AmaniDbContext db, Indicator indicator, Period period, Func<Indicator, Guid?, bool> mayEnter,
        CancellationToken cancellationToken)
    {
        var lists = CategoryLists.Of(indicator, await CategoryLists.OfMissionAsync(db, indicator.MissionId, cancellationToken));
        var areas = indicator.AreaLevel is { } level
            ? (await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == indicator.MissionId && a.Level == level)
                .Select(a => new { a.Id, a.PCode, a.Name }).ToListAsync(cancellationToken))
                .OrderBy(a => a.PCode, StringComparer.Ordinal).Select(a => (Code: a.PCode, a.Name, Id: (Guid?)a.Id)).Prepend(("", "", null)).ToList()
            : [("", "", null)];
        var stored = (await db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id && v.Period == period.Id).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.AreaCode, v.Disaggregation));
        var combinations = Combinations(lists);
        return areas.SelectMany(a => combinations.Select(c => new GridRow(a.Code, a.Name, a.Id, c.Key, c.Label, mayEnter(indicator, a.Id),
            stored.GetValueOrDefault((a.Code, c.Key))))).ToList();
    }
}
