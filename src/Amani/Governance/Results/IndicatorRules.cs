using System.Text.Json;
using System.Text.RegularExpressions;
using Amani.Foundation.Areas;
using Amani.Foundation.Organizations;
using Amani.Governance.Results.Values;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Identity;
using Amani.Platform.Measures;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>Creates and changes a mission's indicators, their targets and the approval of their periods.</summary>
public sealed partial class IndicatorRules(AmaniDbContext db, AuditLog audit, TimeProvider clock, MeasureCatalog measures)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex CodePattern();

    public async Task<Outcome<Indicator>> CreateAsync(Guid missionId, IndicatorInput input, CancellationToken cancellationToken)
    {
        var indicator = new Indicator { MissionId = missionId, Code = "", Name = "", Unit = "" };
        if (await ApplyAsync(indicator, input, cancellationToken) is { } refused)
            return refused;
        indicator.CreatedAt = indicator.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Add(indicator);
        await SetReportersAsync(indicator, input.Reporters, cancellationToken);
        audit.Record(AuditAction.IndicatorCreated, Indicator.AuditEntity, indicator.Id, $"Indicator {indicator.Code} created ({Describe(indicator)}).");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Indicator>.Ok(indicator);
    }

    public async Task<Outcome<Indicator>> UpdateAsync(Indicator indicator, int expectedVersion, IndicatorInput input, CancellationToken cancellationToken)
    {
        if (indicator.Version != expectedVersion)
            return Refusal.Stale($"The indicator changed since you read it (version {indicator.Version}, you sent {expectedVersion}); read it again.");
        var wasComputed = indicator.Computed;
        if (await ApplyAsync(indicator, input, cancellationToken) is { } refused)
            return refused;
        if (wasComputed && !indicator.Computed)
            await db.Set<IndicatorValue>().Where(v => v.IndicatorId == indicator.Id && v.Computed).ExecuteDeleteAsync(cancellationToken);
        indicator.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        indicator.Version++;
        await SetReportersAsync(indicator, input.Reporters, cancellationToken);
        audit.Record(AuditAction.IndicatorUpdated, Indicator.AuditEntity, indicator.Id, $"Indicator {indicator.Code} changed ({Describe(indicator)}).");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Indicator>.Ok(indicator);
    }

    private static string Describe(Indicator i) =>
        $"{i.Type}, {i.Frequency}, {(i.AreaLevel is { } level ? $"by admin level {level}" : "mission-wide")}{(i.Computed ? $", computed from {i.MeasureKey}" : "")}";

    /// <summary>Checks the input against every rule and copies it onto the indicator; a refusal names the field and leaves the indicator as it was.</summary>
    private async Task<Refusal?> ApplyAsync(Indicator indicator, IndicatorInput input, CancellationToken cancellationToken)
    {
        var code = input.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
            return Refusal.Invalid("code", "Give a code of 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit (it is DHIS2's dataElement).");
        if (await db.Set<Indicator>().AnyAsync(i => i.MissionId == indicator.MissionId && i.Code == code && i.Id != indicator.Id, cancellationToken))
            return Refusal.Invalid("code", $"The mission already has an indicator {code}.");
        if (Text(input.Name, "name", ResultsLimits.Name, required: true) is { } name) return name;
        if (Text(input.NameFr, "nameFr", ResultsLimits.Name) is { } nameFr) return nameFr;
        if (Text(input.Definition, "definition", ResultsLimits.Text) is { } definition) return definition;
        if (Text(input.Unit, "unit", ResultsLimits.Unit, required: true) is { } unit) return unit;
        if (Text(input.DataSource, "dataSource", ResultsLimits.Name) is { } source) return source;
        if (input.Type is not { } type)
            return Refusal.Invalid("type", "Give the type: count, sum, percentage, average or ratio.");
        if (type == IndicatorType.Ratio && input.Factor is not (> 0 and < 1e12))
            return Refusal.Invalid("factor", "A ratio needs its factor, a positive number (100000 for \"per 100,000\").");
        if (type != IndicatorType.Ratio && input.Factor is not null)
            return Refusal.Invalid("factor", "Only a ratio has a factor.");
        if (input.Direction is not { } direction)
            return Refusal.Invalid("direction", "Give the direction: higherIsBetter or lowerIsBetter.");
        if (input.Frequency is not { } frequency)
            return Refusal.Invalid("frequency", "Give the frequency: monthly, quarterly or yearly.");
        if (input.AreaLevel is { } level && !await db.Set<AdminArea>().AnyAsync(a => a.MissionId == indicator.MissionId && a.Level == level, cancellationToken))
            return Refusal.Invalid("areaLevel", $"The mission has no areas at admin level {level}.");
        var lists = await CategoryLists.OfMissionAsync(db, indicator.MissionId, cancellationToken);
        var disaggregations = (input.Disaggregations ?? []).Select(d => d.Trim().ToLowerInvariant()).ToList();
        var group = input.Measure is { } chosen ? measures.Find(chosen.Key)?.Measure.Group : null;
        if (disaggregations.FirstOrDefault(d => !lists.ContainsKey(d) && d != group) is { } unknown)
            return Refusal.Invalid("disaggregations", $"'{unknown}' is not a category list of the mission ({string.Join(", ", lists.Keys)}){(group is null ? "" : $" nor the measure's group ({group})")}.");
        if (disaggregations.Distinct().Count() != disaggregations.Count)
            return Refusal.Invalid("disaggregations", "A category list is given twice.");
        if (input.OwnerUserId is { } owner && !await db.Set<AmaniUser>().AnyAsync(u => u.Id == owner, cancellationToken))
            return Refusal.Invalid("ownerUserId", $"There is no user {owner}.");
        string? measureKey = null, arguments = null, groups = "";
        if (input.Measure is { } choice)
        {
            var measure = measures.Find(choice.Key)?.Measure;
            if (measure is null)
                return Refusal.Invalid("measure.key", $"'{choice.Key}' is not a measure Amani computes ({string.Join(", ", measures.All.Select(m => m.Key))}).");
            foreach (var (parameter, value) in choice.Arguments ?? new Dictionary<string, int>())
                if (measure.Parameters.FirstOrDefault(p => p.Name == parameter) is not { } known)
                    return Refusal.Invalid($"measure.arguments.{parameter}", $"{measure.Key} has no parameter '{parameter}'.");
                else if (value < known.Minimum || value > known.Maximum)
                    return Refusal.Invalid($"measure.arguments.{parameter}", $"{parameter} is between {known.Minimum} and {known.Maximum}.");
            if (disaggregations.Any(d => d != measure.Group))
                return Refusal.Invalid("disaggregations", $"A computed indicator can only be split by its measure's {(measure.Group is null ? "groups, and this one has none" : $"group, '{measure.Group}'")}.");
            if (!Fits(measure.Aggregation, type))
                return Refusal.Invalid("type", $"{measure.Key} gives a {measure.Aggregation.ToString().ToLowerInvariant()}; the indicator's type must be {string.Join(" or ", Types(measure.Aggregation))}.");
            var kept = (choice.Groups ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList();
            if (kept.Count > 0 && measure.Group is null)
                return Refusal.Invalid("measure.groups", $"{measure.Key} has no groups to keep.");
            if (!indicator.Computed && await db.Set<IndicatorValue>().AnyAsync(v => v.IndicatorId == indicator.Id, cancellationToken))
                return Refusal.Invalid("measure", $"{indicator.Code} has entered values: a computed indicator's values are never typed. Create a new indicator for the computed figure.");
            measureKey = measure.Key;
            arguments = choice.Arguments is { Count: > 0 } given ? JsonSerializer.Serialize(measure.Resolve(given)) : null;
            groups = string.Join(",", kept);
            if (groups.Length > ResultsLimits.Json)
                return Refusal.Invalid("measure.groups", "Too many groups: keep fewer.");
        }
        foreach (var organization in input.Reporters ?? [])
            if (!await db.Set<Organization>().AnyAsync(o => o.Id == organization, cancellationToken))
                return Refusal.Invalid("reporters", $"There is no organisation {organization}.");

        (indicator.Code, indicator.Name, indicator.NameFr, indicator.Definition, indicator.Unit) = (code, input.Name!.Trim(), Clean(input.NameFr), Clean(input.Definition), input.Unit!.Trim());
        (indicator.Type, indicator.Factor, indicator.AllowOver100, indicator.Direction, indicator.Frequency) = (type, input.Factor, input.AllowOver100, direction, frequency);
        (indicator.AreaLevel, indicator.Disaggregations, indicator.DataSource, indicator.OwnerUserId, indicator.Public) =
            (input.AreaLevel, string.Join(",", disaggregations), Clean(input.DataSource), input.OwnerUserId, input.Public);
        (indicator.MeasureKey, indicator.MeasureArguments, indicator.MeasureGroups) = (measureKey, arguments, groups);
        return null;
    }

    private static bool Fits(MeasureAggregation aggregation, IndicatorType type) => Types(aggregation).Contains(type);

    private static IndicatorType[] Types(MeasureAggregation aggregation) => aggregation switch
    {
        MeasureAggregation.Sum => [IndicatorType.Count, IndicatorType.Sum],
        MeasureAggregation.Share => [IndicatorType.Percentage, IndicatorType.Ratio],
        _ => [IndicatorType.Average],
    };

    private async Task SetReportersAsync(Indicator indicator, IReadOnlyList<Guid>? reporters, CancellationToken cancellationToken)
    {
        var wanted = (reporters ?? []).ToHashSet();
        var current = await db.Set<IndicatorReporter>().Where(r => r.IndicatorId == indicator.Id).ToListAsync(cancellationToken);
        db.RemoveRange(current.Where(r => !wanted.Contains(r.OrganizationId)));
        foreach (var organization in wanted.Where(o => current.All(r => r.OrganizationId != o)))
            db.Add(new IndicatorReporter { IndicatorId = indicator.Id, OrganizationId = organization });
    }

    private static Refusal? Text(string? value, string field, int max, bool required = false) =>
        required && string.IsNullOrWhiteSpace(value) ? Refusal.Invalid(field, $"Give the {field}.")
        : value is { Length: var length } && length > max ? Refusal.Invalid(field, $"The {field} takes at most {max} characters.")
        : null;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
