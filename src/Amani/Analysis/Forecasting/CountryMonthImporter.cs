using System.Diagnostics;
using System.Globalization;
using Amani.Platform.Data;
using Amani.Register.Imports;

namespace Amani.Analysis.Forecasting;

/// <summary>
/// Imports a ViEWS/UCDP country-month CSV into <c>country_months</c>: streaming reader → row check → batched
/// idempotent upsert by (country_id, month_id) (<see cref="CountryMonthWriter"/>), writing every rejected row with its
/// line and reason to the rejects CSV.
/// <para>
/// Commit semantics: the header is checked before anything is written (missing columns refuse the whole file). Each
/// batch of <see cref="ImportOptions.BatchSize"/> rows then commits on its own, with its audit row. An interrupted
/// import leaves the committed batches in place; running it again finds them unchanged and completes the rest.
/// </para>
/// </summary>
public sealed class CountryMonthImporter(CountryMonthWriter writer, TimeProvider clock)
{
    public const string Source = "views-cm";
    private const int ProgressEvery = 1_000;

    public async Task<Result<ImportSummary>> ImportAsync(string path, ImportOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<ImportSummary>.Invalid("file", $"There is no file {path}.");
        var stopwatch = Stopwatch.StartNew();
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return Result<ImportSummary>.Invalid("file", $"{path} is empty: a ViEWS country-month CSV starts with a header row.");
        var today = clock.GetUtcNow().UtcDateTime;
        var rows = new CountryMonthRow(file.Header, CountryMonth.MonthIdOf(today.Year, today.Month));
        var missing = rows.MissingColumns();
        if (missing.Count > 0)
            return Result<ImportSummary>.Invalid("file", $"{path} is not a ViEWS country-month CSV: it lacks the column(s) {string.Join(", ", missing)}." +
                                                         DelimiterHint(file.Header) + " Nothing was imported.");

        var rejectsPath = options.RejectsPath ?? RejectsFile.DefaultPathFor(path);
        await using var rejects = RejectsFile.Create(rejectsPath);
        var seen = new Dictionary<(int, int), long>();
        var batch = new List<CountryMonth>(options.BatchSize);
        var totals = new CountryMonthWriter.Counts(0, 0, 0);
        long read = 0, firstLine = 0;
        await foreach (var record in file.ReadAsync(cancellationToken))
        {
            read++;
            var (value, rejection) = record.ShapeProblem is null ? rows.Map(record.Row) : (null, record.ShapeProblem);
            if (value is not null && !seen.TryAdd((value.CountryId, value.MonthId), record.Line))
                rejection = $"Duplicate country_id {value.CountryId} and month_id {value.MonthId}: already on line {seen[(value.CountryId, value.MonthId)]} of this file.";
            if (rejection is not null)
                rejects.Add(record.Line, rows.KeyOf(record.Row), rejection);
            else
            {
                if (batch.Count == 0)
                    firstLine = record.Line;
                batch.Add(value!);
            }
            if (batch.Count >= options.BatchSize)
            {
                totals += await writer.WriteAsync(batch, Describe(path, firstLine, record.Line), cancellationToken);
                batch.Clear();
                options.Progress?.Invoke(new ImportProgress(read, file.Position, file.Length, rejects.Count));
            }
            else if (read % ProgressEvery == 0)
                options.Progress?.Invoke(new ImportProgress(read, file.Position, file.Length, rejects.Count));
        }
        if (batch.Count > 0)
            totals += await writer.WriteAsync(batch, Describe(path, firstLine, null), cancellationToken);
        options.Progress?.Invoke(new ImportProgress(read, file.Length, file.Length, rejects.Count));
        return Result<ImportSummary>.Ok(new ImportSummary(Source, "reference data", read, totals.Inserted, totals.Updated, totals.Unchanged,
            rejects.Count, rejectsPath, file.Encoding.WebName, stopwatch.Elapsed));
    }

    private static string Describe(string path, long firstLine, long? lastLine) =>
        $"{Path.GetFileName(path)} lines {firstLine}–{(lastLine is { } last ? last.ToString(CultureInfo.InvariantCulture) : "end")}";

    private static string DelimiterHint(IReadOnlyList<string> header) =>
        header.Count == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
            ? $" The header has a single column and contains '{(header[0].Contains(';') ? ';' : "\\t")}': the file must be comma-separated."
            : "";
}
