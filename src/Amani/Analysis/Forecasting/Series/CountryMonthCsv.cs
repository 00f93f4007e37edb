using Amani.Platform.Data;
using Amani.Register.Imports;

namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// Reads a ViEWS/UCDP country-month CSV (the format of <c>./amani import views-cm</c>, checked by the same
/// <see cref="CountryMonthRow"/>) into a <see cref="SeriesPanel"/> of countries keyed by <c>country_id</c>. Unlike the
/// import, which sets bad rows aside, a forecast refuses a file with any bad row, a repeated key or a country whose
/// months have a gap: the first problem is returned with its line. A plain file (ASCII, no quotes, every row sound) is
/// read by <see cref="PlainCountryMonthCsv"/> without the general CSV reader; anything else goes through the general
/// reader, which also words every problem.
/// </summary>
public static class CountryMonthCsv
{
    public static async Task<Result<SeriesPanel>> LoadAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<SeriesPanel>.Invalid("data", $"There is no file {path}.");
        var today = clock.GetUtcNow().UtcDateTime;
        var lastMonthId = CountryMonth.MonthIdOf(today.Year, today.Month);
        if (await PlainCountryMonthCsv.TryReadAsync(path, lastMonthId, cancellationToken) is { } plain)
            return plain;
        return await ReadAsync(path, lastMonthId, cancellationToken);
    }

    /// <summary>The general reader: any CSV <see cref="ImportFile"/> accepts.</summary>
    internal static async Task<Result<SeriesPanel>> ReadAsync(string path, int lastMonthId, CancellationToken cancellationToken)
    {
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} is empty: a ViEWS country-month CSV starts with a header row.");
        var rows = new CountryMonthRow(file.Header, lastMonthId);
        var missing = rows.MissingColumns();
        if (missing.Count > 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} is not a ViEWS country-month CSV: it lacks the column(s) {string.Join(", ", missing)}.");

        var countries = new CountryMonths();
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            var (value, rejection) = record.ShapeProblem is null ? rows.Map(record.Row) : (null, record.ShapeProblem);
            if (value is null)
                return Result<SeriesPanel>.Invalid("data", $"{path} line {record.Line}: {rejection}");
            if (!countries.TryAdd(value))
                return Result<SeriesPanel>.Invalid("data", $"{path} line {record.Line}: country_id {value.CountryId} month_id {value.MonthId} appears twice.");
        }
        return countries.ToPanel(path);
    }
}

/// <summary>The rows read so far, by country; at the end, one series per country (checked for gaps).</summary>
internal sealed class CountryMonths
{
    private readonly Dictionary<int, (string? Name, List<(int Month, MonthlyConflict Values)> Months, HashSet<int> Seen)> _countries = [];

    /// <summary>Adds the row; false when its country already has its month.</summary>
    public bool TryAdd(CountryMonth value)
    {
        if (!_countries.TryGetValue(value.CountryId, out var country))
            _countries[value.CountryId] = country = (value.CountryName, [], []);
        if (!country.Seen.Add(value.MonthId))
            return false;
        country.Months.Add((value.MonthId, new MonthlyConflict(value.GedBestSb, value.GedBestNs, value.GedBestOs, value.GedCountSb ?? 0, value.GedCountNs ?? 0, value.GedCountOs ?? 0)));
        return true;
    }

    public Result<SeriesPanel> ToPanel(string path)
    {
        if (_countries.Count == 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} has a header but no rows.");
        var units = new List<UnitSeries>();
        foreach (var (id, (name, months, seen)) in _countries.OrderBy(c => c.Key))
        {
            months.Sort((a, b) => a.Month.CompareTo(b.Month));
            var (first, last) = (months[0].Month, months[^1].Month);
            if (last - first + 1 != months.Count)
            {
                var gap = Enumerable.Range(first, last - first + 1).First(m => !seen.Contains(m));
                return Result<SeriesPanel>.Invalid("data", $"{path}: country_id {id} has months {first}–{last} but not {gap}: a country's months must not have gaps.");
            }
            units.Add(new UnitSeries(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, first, months.Select(m => m.Values).ToList()));
        }
        return Result<SeriesPanel>.Ok(new SeriesPanel(units));
    }
}
