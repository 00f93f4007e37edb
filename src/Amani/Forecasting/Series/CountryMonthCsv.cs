using Amani.Data;
using Amani.Imports;

namespace Amani.Forecasting.Series;

/// <summary>
/// Reads a ViEWS/UCDP country-month CSV (the format of <c>./amani import views-cm</c>, checked by the same
/// <see cref="CountryMonthRow"/>) into a <see cref="SeriesPanel"/> of countries keyed by <c>country_id</c>. Unlike the
/// import, which sets bad rows aside, a forecast refuses a file with any bad row, a repeated key or a country whose
/// months have a gap: the first problem is returned with its line.
/// </summary>
public static class CountryMonthCsv
{
    public static async Task<Result<SeriesPanel>> LoadAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<SeriesPanel>.Invalid("data", $"There is no file {path}.");
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} is empty: a ViEWS country-month CSV starts with a header row.");
        var today = clock.GetUtcNow().UtcDateTime;
        var rows = new CountryMonthRow(file.Header, CountryMonth.MonthIdOf(today.Year, today.Month));
        var missing = rows.MissingColumns();
        if (missing.Count > 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} is not a ViEWS country-month CSV: it lacks the column(s) {string.Join(", ", missing)}.");

        var countries = new Dictionary<int, (string? Name, SortedDictionary<int, MonthlyConflict> Months)>();
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            var (value, rejection) = record.ShapeProblem is null ? rows.Map(record.Row) : (null, record.ShapeProblem);
            if (value is null)
                return Result<SeriesPanel>.Invalid("data", $"{path} line {record.Line}: {rejection}");
            if (!countries.TryGetValue(value.CountryId, out var country))
                countries[value.CountryId] = country = (value.CountryName, new SortedDictionary<int, MonthlyConflict>());
            var month = new MonthlyConflict(value.GedBestSb, value.GedBestNs, value.GedBestOs, value.GedCountSb ?? 0, value.GedCountNs ?? 0, value.GedCountOs ?? 0);
            if (!country.Months.TryAdd(value.MonthId, month))
                return Result<SeriesPanel>.Invalid("data", $"{path} line {record.Line}: country_id {value.CountryId} month_id {value.MonthId} appears twice.");
        }
        if (countries.Count == 0)
            return Result<SeriesPanel>.Invalid("data", $"{path} has a header but no rows.");

        var units = new List<UnitSeries>();
        foreach (var (id, (name, months)) in countries.OrderBy(c => c.Key))
        {
            var first = months.Keys.First();
            var last = months.Keys.Last();
            if (last - first + 1 != months.Count)
            {
                var gap = Enumerable.Range(first, last - first + 1).First(m => !months.ContainsKey(m));
                return Result<SeriesPanel>.Invalid("data", $"{path}: country_id {id} has months {first}–{last} but not {gap}: a country's months must not have gaps.");
            }
            units.Add(new UnitSeries(id.ToString(System.Globalization.CultureInfo.InvariantCulture), name, first, months.Values.ToList()));
        }
        return Result<SeriesPanel>.Ok(new SeriesPanel(units));
    }
}
