using System.Threading.Channels;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Attachments;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>A validated report waiting to be stored, with the request id its audit row will carry.</summary>
public sealed record NewReport(Guid MissionId, ReportChannel Channel, string Description, double? Latitude, double? Longitude, string? PlaceName,
    Guid? AreaId, DateTime? OccurredAt, string? Language, string? ContactProtected, bool ConsentToContact, string? IdempotencyKeyHash,
    string? RequestFingerprint, string RequestId)
{
    /// <summary>Photos already checked and stored as blobs; their rows are written with the report.</summary>
    public IReadOnlyList<NewAttachment> Attachments { get; init; } = [];
}

/// <summary>The stored report's tracking code; <see cref="Replayed"/> when an earlier submission with the same key made it.</summary>
public sealed record IntakeOutcome(string? TrackingCode, Guid? ReportId, bool Replayed, bool KeyReusedForOtherContent);

/// <summary>
/// Stores community reports with group commit: submissions that arrive together are written in one transaction (each
/// with its audit row), and every submitter is answered only after that transaction committed — so an acknowledged
/// report is durable, and a burst costs one disk flush rather than one per report. Idempotency keys are honoured
/// within a batch, against stored reports, and (by a unique index) against other nodes.
/// </summary>
public sealed class ReportIntake(IServiceScopeFactory scopes, ILogger<ReportIntake> logger) : BackgroundService
{
    public const int MaxBatch = 256;

    private sealed record Submission(NewReport Report, TaskCompletionSource<IntakeOutcome> Done);

    private readonly Channel<Submission> _queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(20_000)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<IntakeOutcome> SubmitAsync(NewReport report, CancellationToken cancellationToken)
    {
        var submission = new Submission(report, new TaskCompletionSource<IntakeOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(submission, cancellationToken);
        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Submission>(MaxBatch);
        // Keep draining after a stop request, so that everything accepted into the queue is answered.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<Submission> batch)
    {
        try
        {
            await WriteBatchAsync(batch);
        }
        catch (Exception collision) when (batch.Count > 1 && DatabaseErrors.IsUniqueViolation(collision))
        {
            // A key or code collided with a row another node wrote meanwhile: write one by one to isolate it.
            foreach (var single in batch)
                await WriteAsync([single]);
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception) || exception is IOException)
        {
            logger.LogError(exception, "Storing {Count} community report(s) failed; the submitters get an error and may retry", batch.Count);
            foreach (var submission in batch)
                submission.Done.TrySetException(exception);
        }
    }

    private async Task WriteBatchAsync(List<Submission> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        // Only new entities are added and none is changed afterwards: nothing for DetectChanges to find.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var now = AuditChain.Truncate(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        actor.Actor = "anonymous";

        var keys = batch.Select(s => s.Report.IdempotencyKeyHash).OfType<string>().Distinct().ToList();
        var known = keys.Count == 0 ? [] : await db.CommunityReports.AsNoTracking().Where(r => keys.Contains(r.IdempotencyKeyHash!))
            .Select(r => new { r.IdempotencyKeyHash, r.RequestFingerprint, r.TrackingCode, r.Id }).ToDictionaryAsync(r => r.IdempotencyKeyHash!);

        var answers = new List<(Submission Submission, CommunityReport Report, bool Replayed)>();
        var fresh = new List<(CommunityReport Report, NewReport Submitted, AuditEntry Audit)>();
        var byKey = new Dictionary<string, CommunityReport>();
        foreach (var submission in batch)
        {
            var report = submission.Report;
            if (report.IdempotencyKeyHash is { } key && known.TryGetValue(key, out var stored))
            {
                submission.Done.TrySetResult(stored.RequestFingerprint == report.RequestFingerprint
                    ? new IntakeOutcome(stored.TrackingCode, stored.Id, Replayed: true, KeyReusedForOtherContent: false)
                    : new IntakeOutcome(null, null, Replayed: false, KeyReusedForOtherContent: true));
                continue;
            }
            if (report.IdempotencyKeyHash is { } batchKey && byKey.TryGetValue(batchKey, out var twin))
            {
                answers.Add((submission, twin, Replayed: true));
                continue;
            }
            var entity = new CommunityReport
            {
                MissionId = report.MissionId, TrackingCode = TrackingCode.New(), IdempotencyKeyHash = report.IdempotencyKeyHash,
                RequestFingerprint = report.RequestFingerprint, Channel = report.Channel, Description = report.Description,
                Latitude = report.Latitude, Longitude = report.Longitude, PlaceName = report.PlaceName, AreaId = report.AreaId,
                OccurredAt = report.OccurredAt, Language = report.Language, ContactProtected = report.ContactProtected,
                ConsentToContact = report.ConsentToContact, Status = ReportStatus.New, ReceivedAt = now, UpdatedAt = now,
            };
            actor.RequestId = report.RequestId;
            fresh.Add((entity, report, audit.Create(AuditAction.ReportReceived, CommunityReport.AuditEntity, entity.Id,
                $"Community report received via {report.Channel}" + (report.ContactProtected is null ? ", anonymous." : ", with contact details (encrypted)."))));
            if (report.IdempotencyKeyHash is { } newKey)
                byKey[newKey] = entity;
            answers.Add((submission, entity, Replayed: false));
        }

        if (fresh.Count > 0 && await StoreAsync(db, audit, fresh, now) && scope.ServiceProvider.GetService<Platform.Live.LiveBus>() is { } live)
            await live.PublishAsync(fresh.Select(f => ReportLiveTopic.Submitted(f.Report))
                .ToList(), CancellationToken.None); // the COPY path bypasses EF Core's change tracker, which announces the others
        var month = ReportMeasures.MonthOf(now);
        foreach (var mission in fresh.Select(f => f.Report.MissionId).Distinct())
        {
            scope.ServiceProvider.GetRequiredService<Platform.Records.MissionDataSignal>().Committed(mission);
            scope.ServiceProvider.GetRequiredService<Platform.Measures.MeasureChanges>().Changed(mission, ReportMeasures.Name, month, month.AddMonths(1));
        }
        foreach (var (submission, report, replayed) in answers)
            submission.Done.TrySetResult(replayed && report.RequestFingerprint != submission.Report.RequestFingerprint
                ? new IntakeOutcome(null, null, Replayed: false, KeyReusedForOtherContent: true)
                : new IntakeOutcome(report.TrackingCode, report.Id, replayed, KeyReusedForOtherContent: false));
    }

    /// <summary>
    /// Writes the new reports and their audit rows in one transaction. On PostgreSQL, batches without photos go through
    /// binary COPY (<see cref="PostgresReportCopy"/>) after sealing the audit rows under the chain's lock; everything
    /// else through EF Core, whose save seals the queued audit rows itself.
    /// </summary>
    /// <returns>True when the reports went through COPY (unseen by EF Core's change tracker).</returns>
    private static async Task<bool> StoreAsync(AmaniDbContext db, AuditLog audit, List<(CommunityReport Report, NewReport Submitted, AuditEntry Audit)> fresh,
        DateTime now)
    {
        if (db.Database.IsNpgsql() && fresh.All(f => f.Submitted.Attachments.Count == 0))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var entries = fresh.Select(f => f.Audit).ToList();
            await AuditChain.SealAsync(db, entries, CancellationToken.None);
            await PostgresReportCopy.WriteAsync(db, fresh.Select(f => f.Report).ToList(), entries, CancellationToken.None);
            await transaction.CommitAsync();
            return true;
        }
        foreach (var (report, submitted, entry) in fresh)
        {
            db.CommunityReports.Add(report);
            db.QueueAudit(entry);
            AttachmentRows.Add(db, audit, report.MissionId, report.Id, null, submitted.Attachments, now, null);
        }
        await db.SaveChangesAsync();
        return false;
    }
}
