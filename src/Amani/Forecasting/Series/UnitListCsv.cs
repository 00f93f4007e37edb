using Amani.Data;
using Amani.Imports;

namespace Amani.Forecasting.Series;

/// <summary>
/// Reads a list of units from a CSV with a <c>country_id</c> column (for instance ViEWS'
/// <c>views2020_africa_countries.csv</c>); other columns are ignored. Ids must be positive whole numbers, each once.
/// </summary>
public static class UnitListCsv
{
    public const string Column = "country_id";

    public static async Task<Result<IReadOnlyList<string>>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<IReadOnlyList<string>>.Invalid("countries", $"There is no file {path}.");
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        var column = file.Header.ToList().FindIndex(h => h.Equals(Column, StringComparison.OrdinalIgnoreCase));
        if (column < 0)
            return Result<IReadOnlyList<string>>.Invalid("countries", $"{path} has no column {Column} (its header must name one).");
        var ids = new List<string>();
        var seen = new HashSet<int>();
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            if (record.ShapeProblem is { } problem)
                return Result<IReadOnlyList<string>>.Invalid("countries", $"{path} line {record.Line}: {problem}");
            var text = record.Row.GetField(column)?.Trim();
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
                return Result<IReadOnlyList<string>>.Invalid("countries", $"{path} line {record.Line}: country_id '{text}' is not a positive whole number.");
            if (!seen.Add(id))
                return Result<IReadOnlyList<string>>.Invalid("countries", $"{path} line {record.Line}: country_id {id} is listed twice.");
            ids.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (ids.Count == 0)
            return Result<IReadOnlyList<string>>.Invalid("countries", $"{path} lists no countries.");
        return Result<IReadOnlyList<string>>.Ok(ids);
    }
}
