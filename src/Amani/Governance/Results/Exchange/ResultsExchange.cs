using System.Text;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Governance.Results.Values;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Exchange;

/// <summary>
/// Imports and exports a mission's indicator values as DHIS2 <c>dataValueSets</c> JSON (<see cref="Dhis2ValueSets"/>) and
/// as CSV (<see cref="ValueCsv"/>), for the API and the CLI alike. Imports go through <see cref="ValueRules"/> — every
/// line checked, all written or nothing — with the caller's own test of what it may enter.
/// </summary>
public sealed class ResultsExchange(AmaniDbContext db, ValueRules rules)
{
    /// <summary>The largest file the API takes (the CLI reads files of any size, up to <see cref="ValueRules.MaxLines"/> values).</summary>
    public const long MaxBodyBytes = 20 * 1024 * 1024;

    public const string Dhis2Source = "a DHIS2 file";
    public const string CsvSource = "a CSV file";

    /// <summary>
    /// The orgUnit of the mission's mission-wide values in DHIS2: the P-code of its country area (level 0) — of the first
    /// by P-code if it has several — or, with none, the mission's ISO 3166 alpha-3 country code.
    /// </summary>
    public async Task<string> MissionOrgUnitAsync(Mission mission, CancellationToken cancellationToken) =>
        await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == mission.Id && a.Level == 0).OrderBy(a => a.PCode)
            .Select(a => a.PCode).FirstOrDefaultAsync(cancellationToken) ?? mission.CountryIso3;

    /// <summary>The values of <paramref name="indicators"/> (the caller's readable ones) that <paramref name="filter"/> keeps, by indicator, period, area, disaggregation.</summary>
    public IAsyncEnumerable<ExchangeRow> Rows(IQueryable<Indicator> indicators, ExchangeFilter filter)
    {
        if (filter.Indicators.Count > 0)
        {
            var codes = filter.Indicators.Select(c => c.ToUpperInvariant()).ToList();
            indicators = indicators.Where(i => codes.Contains(i.Code.ToUpper()));
        }
        var values = db.Set<IndicatorValue>().AsNoTracking();
        if (filter.From is { } from)
            values = values.Where(v => v.PeriodStart >= from);
        if (filter.Until is { } until)
            values = values.Where(v => v.PeriodStart < until);
        if (!filter.IncludeComputed)
            values = values.Where(v => !v.Computed);
        return (from v in values
                join i in indicators on v.IndicatorId equals i.Id
                orderby i.Code, v.PeriodStart, v.AreaCode, v.Disaggregation
                select new ExchangeRow(i.Code, i.AreaLevel, v.Period, v.AreaCode, v.Disaggregation, v.Value, v.Numerator, v.Denominator, v.Comment,
                    v.FollowUp, v.Computed, db.Users.Where(u => u.Id == v.EnteredByUserId).Select(u => u.DisplayName).FirstOrDefault(), v.EnteredAt))
            .AsAsyncEnumerable();
    }

    /// <summary>
    /// Imports a DHIS2 file. An orgUnit that is the mission's (<see cref="MissionOrgUnitAsync"/>) or none at all stands
    /// for the whole mission — except for an indicator given by level 0, whose values are the country area's.
    /// </summary>
    public async Task<ExchangeImport> ImportDhis2Async(Mission mission, Stream json, Guid? userId, Func<Indicator, Guid?, bool> mayEnter,
        CancellationToken cancellationToken)
    {
        var read = await Dhis2ValueSets.ReadAsync(json, cancellationToken);
        if (read.File is not { } file)
            return new ExchangeImport(read.Problem, null);
        var missionOrgUnit = await MissionOrgUnitAsync(mission, cancellationToken);
        var levels = await db.Set<Indicator>().AsNoTracking().Where(i => i.MissionId == mission.Id)
            .ToDictionaryAsync(i => i.Code, i => i.AreaLevel, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var lines = file.Lines.Select(line =>
        {
            var area = line.Value.Area?.Trim() ?? "";
            var missionWide = area.Length == 0 || string.Equals(area, missionOrgUnit, StringComparison.OrdinalIgnoreCase)
                && !(line.Indicator is { } code && levels.TryGetValue(code.Trim(), out var level) && level == 0);
            return missionWide ? line with { Value = line.Value with { Area = "" } } : line;
        }).ToList();
        return await EnterAsync(mission, file with { Lines = lines }, userId, mayEnter, Dhis2Source, cancellationToken);
    }

    /// <summary>Imports a CSV file (UTF-8; a byte order mark is read past).</summary>
    public async Task<ExchangeImport> ImportCsvAsync(Mission mission, Stream csv, Guid? userId, Func<Indicator, Guid?, bool> mayEnter,
        CancellationToken cancellationToken)
    {
        using var text = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var read = await ValueCsv.ReadAsync(text, cancellationToken);
        if (read.File is not { } file)
            return new ExchangeImport(read.Problem, null);
        return await EnterAsync(mission, file, userId, mayEnter, CsvSource, cancellationToken);
    }

    private async Task<ExchangeImport> EnterAsync(Mission mission, ExchangeFile file, Guid? userId, Func<Indicator, Guid?, bool> mayEnter, string source,
        CancellationToken cancellationToken)
    {
        if (file.Lines.Count == 0)
            return new ExchangeImport("The file holds no values.", null);
        var result = await rules.EnterAsync(mission.Id, file.Lines, userId, mayEnter, source, cancellationToken);
        if (file.Refused.Count == 0)
            return new ExchangeImport(null, result);
        if (result.Succeeded)
            throw new InvalidOperationException("A line refused while reading was written: the rules let a NaN value through.");
        // A refused line was passed on as NaN, which the rules never let through: nothing was written.
        return new ExchangeImport(null, new ValueBatchResult(0, 0, ExchangeText.Merge(file.Refused, result.Rejects, file.Lines)));
    }
}
