using Amani.Platform.Data;

namespace Amani.Analysis.Forecasting.Series;

/// <summary>
/// The common case of <see cref="CountryMonthCsv"/> read without the general CSV reader (which, record by record and
/// asynchronously, costs more than the forecast it feeds): a <see cref="PlainCsv"/> whose header has the required
/// columns, whose every record has as many fields as the header and is accepted by the same
/// <see cref="CountryMonthRow"/>, with no repeated key. For such a file the general reader sees the same fields, so the
/// result is the same. Anything else returns null, and the general reader reads the file and words the problem, as
/// before.
/// </summary>
internal static class PlainCountryMonthCsv
{
    public static async Task<Result<SeriesPanel>?> TryReadAsync(string path, int lastMonthId, CancellationToken cancellationToken)
    {
        if (await PlainCsv.TryReadAsync(path, cancellationToken) is not { RowCount: > 0 } file)
            return null;
        var rows = new CountryMonthRow(file.Header, lastMonthId);
        if (rows.MissingColumns().Count > 0)
            return null;
        var countries = new CountryMonths();
        var fields = new List<PlainCsv.Field>(file.Header.Count);
        string? FieldAt(int index) => index < fields.Count ? file.TextOf(fields[index]) : null;
        for (var row = 0; row < file.RowCount; row++)
        {
            if (row % 4_096 == 0)
                cancellationToken.ThrowIfCancellationRequested();
            if (!file.TryRow(row, fields) || rows.Map(FieldAt) is not ({ } value, _) || !countries.TryAdd(value))
                return null;
        }
        return countries.ToPanel(path);
    }
}
