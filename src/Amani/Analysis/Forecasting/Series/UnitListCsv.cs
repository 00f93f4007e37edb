using Amani.Platform.Data;
using Amani.Register.Imports;

namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// Reads a list of units from a CSV with a <c>country_id</c> column (for instance ViEWS'
/// <c>views2020_africa_countries.csv</c>); other columns are ignored. Ids must be positive whole numbers, each once. A
/// <see cref="PlainCsv"/> is read without the general CSV reader; any other file, and every problem, goes through it.
/// </summary>
public static class UnitListCsv
{
    public const string Column = "country_id";

    public static async Task<Result<IReadOnlyList<string>>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<IReadOnlyList<string>>.Invalid("countries", $"There is no file {path}.");
        if (await PlainCsv.TryReadAsync(path, cancellationToken) is { RowCount: > 0 } plain && Plain(plain) is { } listed)
            return Result<IReadOnlyList<string>>.Ok(listed);
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

    /// <summary>The ids of a plain file without the general CSV reader, or null when any row would need it (or has a problem it words).</summary>
    private static List<string>? Plain(PlainCsv file)
    {
        var column = file.Header.ToList().FindIndex(h => h.Equals(Column, StringComparison.OrdinalIgnoreCase));
        if (column < 0)
            return null;
        var (ids, seen, fields) = (new List<string>(), new HashSet<int>(), new List<PlainCsv.Field>());
        for (var row = 0; row < file.RowCount; row++)
        {
            if (!file.TryRow(row, fields))
                return null;
            var text = file.TextOf(fields[column]).Trim();
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1 || !seen.Add(id))
                return null;
            ids.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return ids;
    }
}
