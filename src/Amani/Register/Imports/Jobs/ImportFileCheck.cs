using Amani.Foundation.Areas;
using Amani.Analysis.Forecasting;

namespace Amani.Register.Imports.Jobs;

/// <summary>
/// The checks an upload passes before it is accepted as a job, so that a wrong file is refused at once (400) rather
/// than failing later: a CSV must have the dataset's header with every required column (the same readers and
/// messages as the import itself), a boundary file must be a UTF-8 GeoJSON FeatureCollection with features.
/// </summary>
public static class ImportFileCheck
{
    /// <summary>Why the file cannot be imported as <paramref name="kind"/> (a message naming what is missing), or null.</summary>
    public static async Task<string?> CheckAsync(ImportKind kind, string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (kind == ImportKind.Areas)
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            var parsed = await AreaFeatures.ParseAsync(stream, cancellationToken);
            parsed.Value?.Dispose();
            return parsed.Error;
        }
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return $"The file is empty: a {kind.DisplayName} file starts with a header row. Nothing was stored.";
        var missing = kind.CreateMapper() is { } mapper
            ? mapper.MissingColumns(file.Header)
            : new CountryMonthRow(file.Header, MonthIdOf(clock)).MissingColumns();
        if (missing.Count == 0)
            return null;
        return $"The file is not a {kind.DisplayName} file: it lacks the column(s) {string.Join(", ", missing)}.{DelimiterHint(file.Header)} Nothing was stored.";
    }

    private static int MonthIdOf(TimeProvider clock)
    {
        var today = clock.GetUtcNow().UtcDateTime;
        return CountryMonth.MonthIdOf(today.Year, today.Month);
    }

    /// <summary>As the importers say it: a one-column header with ';' or a tab in it means the file is not comma-separated.</summary>
    private static string DelimiterHint(IReadOnlyList<string> header) =>
        header.Count == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
            ? $" The header has a single column and contains '{(header[0].Contains(';') ? ";" : "\\t")}': the file must be comma-separated."
            : "";
}
