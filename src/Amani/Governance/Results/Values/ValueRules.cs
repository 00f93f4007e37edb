using System.Globalization;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Values;

/// <summary>
/// Enters values — from the data-entry grid, a CSV file or a DHIS2 <c>dataValueSets</c> file alike — as one batch:
/// every line is checked first (the indicator and the caller's right to enter it, the period against the indicator's
/// frequency and its approval, the area, the disaggregation, the value against the indicator's type) and the batch is
/// written only when no line is refused; otherwise nothing is written and every refused line is listed.
/// </summary>
public sealed class ValueRules(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The most lines one batch takes.</summary>
    public const int MaxLines = 100_000;

    /// <param name="mayEnter">Whether the caller may enter values of the indicator in the area (its id; null: the whole mission).</param>
    /// <param name="source">Where the batch came from, for the audit log ("the data-entry grid", "CSV file", "DHIS2 file").</param>
    public async Task<ValueBatchResult> EnterAsync(Guid missionId, IReadOnlyList<CodedValueInput> lines, Guid? userId,
        Func<Indicator, Guid?, bool> mayEnter, string source, CancellationToken cancellationToken)
    {
        if (lines.Count > MaxLines)
            return new ValueBatchResult(0, 0, [new ValueReject("batch", "values", $"A batch takes at most {MaxLines:N0} values; split the file.")]);
        var indicators = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == missionId).ToDictionaryAsync(i => i.Code, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var areas = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new { a.Id, a.PCode, a.Level }).ToDictionaryAsync(a => a.PCode, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var lists = await CategoryLists.OfMissionAsync(db, missionId, cancellationToken);
        var codes = lines.Select(l => l.Indicator?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ids = codes.Where(indicators.ContainsKey).Select(c => indicators[c].Id).ToList();
        var approved = (await db.Set<PeriodApproval>().AsNoTracking().Where(a => ids.Contains(a.IndicatorId)).Select(a => new { a.IndicatorId, a.Period })
            .ToListAsync(cancellationToken)).Select(a => (a.IndicatorId, a.Period)).ToHashSet();

        var rejects = new List<ValueReject>();
        var accepted = new Dictionary<(Guid Indicator, string Period, string Area, string Disaggregation), (Indicator Indicator, Period Period, ValueInput Input, double Value)>();
        foreach (var line in lines)
        {
            void Reject(string field, string message) => rejects.Add(new ValueReject(line.Where, field, message));
            if (string.IsNullOrWhiteSpace(line.Indicator) || !indicators.TryGetValue(line.Indicator.Trim(), out var indicator))
            {
                Reject("indicator", $"'{line.Indicator}' is not an indicator of this mission.");
                continue;
            }
            var input = line.Value;
            if (indicator.Computed)
            {
                Reject("indicator", $"{indicator.Code} is computed by Amani from its records; its values are never entered by hand.");
                continue;
            }
            if (!Period.TryParse(input.Period, indicator.Frequency, out var period, out var periodProblem))
            {
                Reject("period", periodProblem);
                continue;
            }
            var areaCode = input.Area?.Trim() ?? "";
            Guid? areaId = null;
            if (areaCode.Length > 0)
            {
                if (!areas.TryGetValue(areaCode, out var area))
                {
                    Reject("area", $"'{areaCode}' is not a P-code of this mission's areas.");
                    continue;
                }
                if (indicator.AreaLevel is not { } level || area.Level != level)
                {
                    Reject("area", indicator.AreaLevel is null
                        ? $"{indicator.Code} is given for the whole mission only: leave the area empty."
                        : $"{indicator.Code} is given by admin level {indicator.AreaLevel}; '{areaCode}' is at level {area.Level}.");
                    continue;
                }
                (areaCode, areaId) = (area.PCode, area.Id);
            }
            if (!mayEnter(indicator, areaId))
            {
                Reject("indicator", areaId is null && indicator.AreaLevel is not null
                    ? $"You may not enter values of {indicator.Code} for the whole mission, or at all."
                    : $"You may not enter values of {indicator.Code}{(areaId is null ? "" : $" in {areaCode}")}.");
                continue;
            }
            if (!Disaggregation.TryParse(input.Disaggregation, CategoryLists.Of(indicator, lists), out var key, out var split))
            {
                Reject("disaggregation", split);
                continue;
            }
            if (approved.Contains((indicator.Id, period.Value.Id)))
            {
                Reject("period", $"{period.Value.Id} of {indicator.Code} is approved and locked; its owner must unlock it first.");
                continue;
            }
            if (Check(indicator, input) is { } wrong)
            {
                Reject(wrong.Field, wrong.Message);
                continue;
            }
            if (input.Comment is { Length: > ResultsLimits.Comment })
            {
                Reject("comment", $"A comment takes at most {ResultsLimits.Comment} characters.");
                continue;
            }
            if (!accepted.TryAdd((indicator.Id, period.Value.Id, areaCode, key), (indicator, period.Value, input, ValueOf(indicator, input))))
                Reject("value", $"{indicator.Code} {period.Value.Id} {(areaCode.Length == 0 ? "(mission)" : areaCode)} {key} is given twice in this batch.");
        }
        if (rejects.Count > 0)
            return new ValueBatchResult(0, 0, rejects);
        return await WriteAsync(accepted, userId, source, cancellationToken);
    }

    private async Task<ValueBatchResult> WriteAsync(
        Dictionary<(Guid Indicator, string Period, string Area, string Disaggregation), (Indicator Indicator, Period Period, ValueInput Input, double Value)> accepted,
        Guid? userId, string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int written = 0, unchanged = 0;
        foreach (var group in accepted.GroupBy(a => a.Key.Indicator))
        {
            var periods = group.Select(a => a.Key.Period).Distinct().ToList();
            var existing = (await db.Set<IndicatorValue>().Where(v => v.IndicatorId == group.Key && periods.Contains(v.Period)).ToListAsync(cancellationToken))
                .ToDictionary(v => (v.Period, v.AreaCode, v.Disaggregation));
            foreach (var ((_, periodId, area, key), (_, period, input, value)) in group.Select(a => (a.Key, a.Value)))
            {
                if (existing.TryGetValue((periodId, area, key), out var stored))
                {
                    if (stored.Value == value && stored.Numerator == input.Numerator && stored.Denominator == input.Denominator
                        && stored.Comment == Clean(input.Comment) && stored.FollowUp == input.FollowUp)
                    {
                        unchanged++;
                        continue;
                    }
                    (stored.Value, stored.Numerator, stored.Denominator, stored.Comment, stored.FollowUp) = (value, input.Numerator, input.Denominator, Clean(input.Comment), input.FollowUp);
                    (stored.EnteredByUserId, stored.EnteredAt) = (userId, now);
                    stored.Version++;
                }
                else
                    db.Add(new IndicatorValue
                    {
                        IndicatorId = group.Key, Period = periodId, PeriodStart = period.Start, AreaCode = area, Disaggregation = key, Value = value,
                        Numerator = input.Numerator, Denominator = input.Denominator, Comment = Clean(input.Comment), FollowUp = input.FollowUp,
                        EnteredByUserId = userId, EnteredAt = now,
                    });
                written++;
            }
            var indicator = group.First().Value.Indicator;
            if (written > 0)
                audit.Record(AuditAction.IndicatorValuesEntered, Indicator.AuditEntity, indicator.Id,
                    $"{group.Count()} value(s) of {indicator.Code} entered from {source} for {string.Join(", ", periods.Order().Take(12))}{(periods.Count > 12 ? " …" : "")}.");
        }
        await db.SaveChangesAsync(cancellationToken);
        return new ValueBatchResult(written, unchanged, []);
    }

    private static string? Clean(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    /// <summary>The value a line stands for: given, or its numerator over its denominator (× 100 for a percentage, × the factor for a ratio).</summary>
    internal static double ValueOf(Indicator indicator, ValueInput input) =>
        input.Numerator is { } n && input.Denominator is { } d && d != 0 && indicator.Type is IndicatorType.Percentage or IndicatorType.Ratio or IndicatorType.Average
            ? Math.Round(n / d * (indicator.Type switch { IndicatorType.Percentage => 100, IndicatorType.Ratio => indicator.Factor ?? 1, _ => 1 }), 6)
            : input.Value!.Value;

    /// <summary>The first rule of the indicator's type the line breaks, or null.</summary>
    internal static (string Field, string Message)? Check(Indicator indicator, ValueInput input)
    {
        var (value, n, d) = (input.Value, input.Numerator, input.Denominator);
        if (value is { } v && (double.IsNaN(v) || double.IsInfinity(v)) || n is { } nn && !double.IsFinite(nn) || d is { } dd && !double.IsFinite(dd))
            return ("value", "Give a finite number.");
        var fraction = indicator.Type is IndicatorType.Percentage or IndicatorType.Ratio or IndicatorType.Average;
        if (fraction && (n is null) != (d is null))
            return (n is null ? "numerator" : "denominator", "Give both the numerator and the denominator, or neither.");
        if (value is null && (!fraction || n is null))
            return ("value", fraction ? "Give the value, or its numerator and denominator." : "Give the value.");
        if (d is 0)
            return ("denominator", "The denominator cannot be 0.");
        if (d < 0 || n < 0)
            return (d < 0 ? "denominator" : "numerator", "The numerator and the denominator cannot be negative.");
        switch (indicator.Type)
        {
            case IndicatorType.Count when value is { } count && (count < 0 || count != Math.Floor(count)):
                return ("value", $"{indicator.Code} counts things: give a whole number of 0 or more, not {count.ToString(CultureInfo.InvariantCulture)}.");
            case IndicatorType.Percentage when !indicator.AllowOver100 && n > d:
                return ("numerator", $"The numerator ({n}) exceeds the denominator ({d}); {indicator.Code} cannot exceed 100%.");
            case IndicatorType.Percentage when !indicator.AllowOver100 && value is > 100 or < 0:
                return ("value", $"{indicator.Code} is a percentage between 0 and 100.");
        }
        if (value is { } given && n is not null && Math.Abs(given - ValueOf(indicator, input with { Value = null })) > 0.01 * Math.Max(1, Math.Abs(given)))
            return ("value", $"The value {given} does not match its numerator and denominator ({ValueOf(indicator, input with { Value = null })}); give one or the other.");
        return null;
    }
}
