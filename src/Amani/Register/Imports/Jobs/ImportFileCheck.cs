
namespace Amani.Register.Imports.Jobs;

/// <summary>
/// The checks an upload passes before it is accepted as a job, so that a wrong file is refused at once (400) rather
/// than failing later: a CSV must have the dataset's header with every required column (the same readers and
/// messages as the import itself), a boundary file must be a UTF-8 GeoJSON FeatureCollection with features. Each
/// <see cref="ImportKind"/> decides; this class holds the CSV check they share.
/// </summary>
public static class ImportFileCheck
{
    /// <summary>
    /// The check of a CSV dataset: a header row with every column the dataset requires (<paramref name="missingColumns"/>
    /// names those absent, as the importer would).
    /// </summary>
    public static async Task<string?> CheckCsvAsync(ImportKind kind, string path, Func<IReadOnlyList<string>, IReadOnlyCollection<string>> missingColumns,
        CancellationToken cancellationToken)
    {
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return $"The file is empty: a {kind.DisplayName} file starts with a header row. Nothing was stored.";
        var missing = missingColumns(file.Header);
        if (missing.Count == 0)
            return null;
        return $"The file is not a {kind.DisplayName} file: it lacks the column(s) {string.Join(", ", missing)}.{DelimiterHint(file.Header)} Nothing was stored.";
    }

    /// <summary>As the importers say it: a one-column header with ';' or a tab in it means the file is not comma-separated.</summary>
    private static string DelimiterHint(IReadOnlyList<string> header) =>
        header.Count == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
            ? $" The header has a single column and contains '{(header[0].Contains(';') ? ";" : "\\t")}': the file must be comma-separated."
            : "";
}
