using System.Diagnostics;
using System.Threading.Channels;
using Amani.Platform.Data;
using Amani.Foundation.Areas.Geo;
using Amani.Foundation.Missions;

namespace Amani.Register.Imports;

/// <summary>
/// Imports a dataset's CSV into a mission's incidents: streaming reader → row mapper (per dataset) → validation →
/// area resolution → batched idempotent upsert (<see cref="ImportBatchWriter"/>), writing every rejected row with its
/// line and reason to the rejects CSV.
/// <para>
/// Commit semantics: the header is checked before anything is written (missing columns refuse the whole file). Then
/// every batch of <see cref="ImportOptions.BatchSize"/> rows commits on its own, in one transaction with its audit
/// row. An interrupted import leaves the committed batches in place; running it again skips them as unchanged (same
/// external id, same content hash) and completes the rest, so the end state equals that of one uninterrupted run.
/// </para>
/// </summary>
public sealed class IncidentImporter(ImportBatchWriter writer, AreaResolver areas, TimeProvider clock)
{
    private const int ProgressEvery = 500;

    public async Task<Result<ImportSummary>> ImportAsync(Mission mission, IIncidentRowMapper mapper, string path, ImportOptions options,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return Result<ImportSummary>.Invalid("file", $"There is no file {path}.");
        var stopwatch = Stopwatch.StartNew();
        using var file = await ImportFile.OpenAsync(path, cancellationToken);
        if (file.Header.Count == 0)
            return Result<ImportSummary>.Invalid("file", $"{path} is empty: a {mapper.DisplayName} CSV starts with a header row.");
        var missing = mapper.MissingColumns(file.Header);
        if (missing.Count > 0)
            return Result<ImportSummary>.Invalid("file", $"{path} is not a {mapper.DisplayName} CSV: it lacks the column(s) {string.Join(", ", missing)}." +
                                                         DelimiterHint(file.Header) + " Nothing was imported.");

        var rejectsPath = options.RejectsPath ?? RejectsFile.DefaultPathFor(path);
        await using var rejects = RejectsFile.Create(rejectsPath);
        var (read, totals) = writer.WritesInParallel
            ? await ImportInTwoStagesAsync(mission, mapper, file, path, options, rejects, cancellationToken)
            : await ImportInOneStageAsync(mission, mapper, file, path, options, rejects, cancellationToken);
        options.Progress?.Invoke(new ImportProgress(read, file.Length, file.Length, rejects.Count));
        return Result<ImportSummary>.Ok(new ImportSummary(mapper.Source, mission.Code, read, totals.Inserted, totals.Updated, totals.Unchanged,
            rejects.Count, rejectsPath, file.Encoding.WebName, stopwatch.Elapsed));
    }

    /// <summary>
    /// PostgreSQL: two stages on two threads — reading, checking and placing rows fills batches while the writer commits
    /// the previous ones. At most two batches wait between them, so memory stays flat however long the file is.
    /// </summary>
    private async Task<(long Read, ImportBatchWriter.Counts Totals)> ImportInTwoStagesAsync(Mission mission, IIncidentRowMapper mapper,
        ImportFile file, string path, ImportOptions options, RejectsFile rejects, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<PreparedBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var writing = Task.Run(() => WriteBatchesAsync(mission, mapper.Source, batches.Reader, options.RecordedBy, stop), CancellationToken.None);
        long read;
        try
        {
            read = await PrepareBatchesAsync(mission, mapper, file, path, options, rejects, batches.Writer.WriteAsync, stop.Token);
            batches.Writer.Complete();
        }
        catch
        {
            await stop.CancelAsync();
            batches.Writer.TryComplete();
            try
            {
                await writing; // when the writer failed first (and so stopped the reading), its failure is the telling one
            }
            catch (OperationCanceledException)
            {
                // It stopped because the reading failed or was cancelled: that exception follows.
            }
            throw;
        }
        return (read, await writing);
    }

    /// <summary>
    /// SQLite: one stage — each batch is committed before the next is read. SQLite has one writer at a time, and the
    /// pause while the next batch is read is what lets the platform's other writers (reports, a job's progress) in.
    /// </summary>
    private async Task<(long Read, ImportBatchWriter.Counts Totals)> ImportInOneStageAsync(Mission mission, IIncidentRowMapper mapper,
        ImportFile file, string path, ImportOptions options, RejectsFile rejects, CancellationToken cancellationToken)
    {
        var totals = new ImportBatchWriter.Counts(0, 0, 0);
        var read = await PrepareBatchesAsync(mission, mapper, file, path, options, rejects, async (batch, token) =>
            totals += await writer.WriteAsync(mission, mapper.Source, batch.Rows, batch.Description, options.RecordedBy, token), cancellationToken);
        return (read, totals);
    }

    private sealed record PreparedBatch(List<ImportBatchWriter.Row> Rows, string Description);

    /// <summary>Reads, maps, validates and places every row; rejects go to the rejects file, accepted rows to the writer in batches.</summary>
    private async Task<long> PrepareBatchesAsync(Mission mission, IIncidentRowMapper mapper, ImportFile file, string path, ImportOptions options,
        RejectsFile rejects, Func<PreparedBatch, CancellationToken, ValueTask> deliver, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var batch = new List<ImportBatchWriter.Row>(options.BatchSize);
        var now = clock.GetUtcNow().UtcDateTime;
        long read = 0;
        long firstLine = 0;
        long collectedAt = 0;
        AreaResolver.MissionAreas? missionAreas = null;
        foreach (var record in file.Read(cancellationToken))
        {
            read++;
            var mapped = record.ShapeProblem is null ? mapper.Map(record.Row) : MappedRow.Reject(record.ShapeProblem);
            var incident = mapped.Incident;
            var rejection = mapped.Rejection ?? ImportValidation.Check(incident!, now);
            if (rejection is null && !seen.TryAdd(incident!.ExternalId, record.Line))
                rejection = $"Duplicate id {incident.ExternalId}: already on line {seen[incident.ExternalId]} of this file.";
            if (rejection is not null)
                rejects.Add(record.Line, incident?.ExternalId ?? mapper.RejectedRowId(record.Row) ?? SafeField(record), rejection);
            else
            {
                if (batch.Count == 0) // the mission's boundaries, fetched once per batch (re-loaded when they changed)
                    missionAreas = await areas.LoadAsync(mission.Id, cancellationToken);
                var areaId = ResolveArea(missionAreas!, incident!);
                if (batch.Count == 0)
                    firstLine = record.Line;
                batch.Add(new ImportBatchWriter.Row(incident!, areaId, incident!.ContentHash(areaId)));
            }
            if (batch.Count >= options.BatchSize)
            {
                await deliver(new PreparedBatch(batch, Describe(path, firstLine, record.Line)), cancellationToken);
                batch = new List<ImportBatchWriter.Row>(options.BatchSize);
                if (read - collectedAt >= options.CompactHeapEvery)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    collectedAt = read;
                }
            }
            if (read % ProgressEvery == 0)
                options.Progress?.Invoke(new ImportProgress(read, file.Position, file.Length, rejects.Count));
        }
        if (batch.Count > 0)
            await deliver(new PreparedBatch(batch, Describe(path, firstLine, null)), cancellationToken);
        return read;
    }

    /// <summary>Commits the batches in order; a failure stops the reading too.</summary>
    private async Task<ImportBatchWriter.Counts> WriteBatchesAsync(Mission mission, string source, ChannelReader<PreparedBatch> batches, Guid recordedBy,
        CancellationTokenSource stop)
    {
        try
        {
            var totals = new ImportBatchWriter.Counts(0, 0, 0);
            await foreach (var batch in batches.ReadAllAsync(stop.Token))
                totals += await writer.WriteAsync(mission, source, batch.Rows, batch.Description, recordedBy, stop.Token);
            return totals;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    /// <summary>The point first when it is precise enough, else (or when it lies outside every area) the names, most specific first.</summary>
    private static Guid? ResolveArea(AreaResolver.MissionAreas areas, ImportedIncident incident)
    {
        if (incident.PointLocatesArea && areas.Resolve(incident.Latitude, incident.Longitude, null) is { } byPoint)
            return byPoint;
        foreach (var name in incident.AreaNames)
            if (areas.Resolve(null, null, name) is { } byName)
                return byName;
        return null;
    }

    private static string Describe(string path, long firstLine, long? lastLine) =>
        $"{Path.GetFileName(path)} lines {firstLine}–{(lastLine is { } last ? last.ToString(System.Globalization.CultureInfo.InvariantCulture) : "end")}";

    /// <summary>The first field of a row that could not be mapped (the id column in GED), to help find the row; only a hint.</summary>
    private static string? SafeField(ImportFile.Record record) =>
        record.Row.TryGetField<string>(0, out var first) && first is { Length: <= 64 } ? first : null;

    private static string DelimiterHint(IReadOnlyList<string> header) =>
        header.Count == 1 && (header[0].Contains(';') || header[0].Contains('\t'))
            ? $" The header has a single column and contains '{(header[0].Contains(';') ? ';' : "\\t")}': the file must be comma-separated."
            : "";
}
