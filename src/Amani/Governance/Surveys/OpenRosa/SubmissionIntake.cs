using System.Threading.Channels;
using Amani.Governance.Surveys.Versions;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.OpenRosa;

/// <summary>A file that came with a submission post, already in the blob store.</summary>
public sealed record ReceivedFile(string Name, string? ContentType, long ByteSize, string Blob);

/// <summary>
/// One post of a submission, read and checked: the form version it is for, its instanceID and XML, the attachments its
/// XML names, the files sent with this post, and who sent it (an app user or a user), for the audit row. An edit names the
/// instanceID it replaces (<see cref="DeprecatedId"/>); <see cref="DroppedAnswers"/> counts the answers removed because
/// the respondent did not consent.
/// </summary>
public sealed record SubmissionPost(Guid MissionId, Guid FormId, Guid VersionId, string XmlFormId, string InstanceId, string Xml, string XmlHash,
    IReadOnlyList<string> ExpectedNames, IReadOnlyList<ReceivedFile> Files, Guid? AppUserId, Guid? UserId, string Actor, string RequestId,
    string? DeprecatedId = null, int DroppedAnswers = 0);

/// <summary>What became of a post.</summary>
public enum IntakeResult
{
    /// <summary>A new submission was stored (201).</summary>
    Created,
    /// <summary>A known submission got files it lacked, or a file of the same name with other content (201).</summary>
    AttachmentsAdded,
    /// <summary>Nothing new: the same XML and the same files again (202).</summary>
    Duplicate,
    /// <summary>The instanceID is known for this form with other XML (409): nothing stored.</summary>
    OtherXml,
    /// <summary>An edit replaced the submission its deprecatedID names; the earlier version is kept (201).</summary>
    Edited,
    /// <summary>An edit whose deprecatedID is no submission of this form (404): nothing stored.</summary>
    UnknownDeprecated,
    /// <summary>An edit of a version an earlier edit already replaced (409): nothing stored.</summary>
    OutdatedEdit,
}

/// <summary>The result, and the attachments the submission still waits for.</summary>
public sealed record IntakeAnswer(IntakeResult Result, IReadOnlyList<string> Missing);

/// <summary>
/// Stores submissions with group commit, as the community-report intake does: the posts that arrive together are written
/// in one transaction (each change with its audit row) and every phone is answered only after that transaction
/// committed — so a 201 is durable, and a burst of phones costs one disk flush rather than one per submission. A post
/// for an instanceID already stored (or earlier in the same batch) adds the files it brings: the second post of a large
/// submission completes it. The unique index on (form, instanceID) keeps a submission once even across nodes.
/// </summary>
public sealed class SubmissionIntake(IServiceScopeFactory scopes, ILogger<SubmissionIntake> logger) : BackgroundService
{
    public const int MaxBatch = 128;

    private sealed record Pending(SubmissionPost Post, TaskCompletionSource<IntakeAnswer> Done);

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
    });

    public async Task<IntakeAnswer> SubmitAsync(SubmissionPost post, CancellationToken cancellationToken)
    {
        var pending = new Pending(post, new TaskCompletionSource<IntakeAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
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

    private async Task WriteAsync(List<Pending> batch, bool retried = false)
    {
        try
        {
            await WriteBatchAsync(batch);
        }
        catch (Exception collision) when (batch.Count > 1 && DatabaseErrors.IsUniqueViolation(collision))
        {
            // Another node stored one of these instanceIDs meanwhile: write one by one, each then sees the stored row.
            foreach (var single in batch)
                await WriteAsync([single]);
        }
        catch (Exception collision) when (!retried && DatabaseErrors.IsUniqueViolation(collision))
        {
            await WriteAsync(batch, retried: true); // the row it collided with is stored now: this time it is found and compared
        }
        catch (Exception exception)
        {
            // Whatever failed (a lost connection, a full disk), the phones are answered — with an error, so that they send
            // again — and the loop goes on for the next batch: nothing of this batch was committed.
            logger.LogError(exception, "Storing {Count} survey submission post(s) failed; the phones get an error and send again", batch.Count);
            foreach (var pending in batch)
                pending.Done.TrySetException(exception);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AmaniDbContext>();
        var actor = scope.ServiceProvider.GetRequiredService<AuditActor>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var now = AuditChain.Truncate(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

        var forms = batch.Select(p => p.Post.FormId).Distinct().ToList();
        var instances = batch.SelectMany(p => p.Post.DeprecatedId is { } old ? [p.Post.InstanceId, old] : new[] { p.Post.InstanceId }).Distinct().ToList();
        var stored = (await db.Set<Submission>().Include(s => s.Attachments)
                .Where(s => forms.Contains(s.FormId) && instances.Contains(s.InstanceId)).ToListAsync())
            .ToDictionary(s => (s.FormId, s.InstanceId));
        var earlier = await SubmissionEdits.EarlierVersionsAsync(db, forms, instances);
        var edits = new SubmissionEdits(db, audit, now);

        var answers = new List<(Pending Pending, IntakeAnswer Answer)>();
        foreach (var pending in batch)
        {
            var post = pending.Post;
            actor.Actor = post.Actor;
            actor.RequestId = post.RequestId;
            if (!stored.TryGetValue((post.FormId, post.InstanceId), out var submission) && (post.DeprecatedId is not null || earlier.ContainsKey((post.FormId, post.InstanceId))))
            {
                answers.Add((pending, await edits.ApplyAsync(post, stored, earlier)));
                continue;
            }
            if (submission is null)
            {
                submission = New(post, now);
                db.Set<Submission>().Add(submission);
                stored[(post.FormId, post.InstanceId)] = submission;
                audit.Record(AuditAction.SubmissionReceived, Submission.AuditEntity, submission.Id,
                    $"Submission {post.InstanceId} of form '{post.XmlFormId}' received from {post.Actor}" + Files(post.Files.Count) +
                    (submission.Complete ? "." : $"; waiting for {Missing(submission).Count} attachment(s)."));
                SubmissionEdits.RecordDropped(audit, submission, post);
                answers.Add((pending, new IntakeAnswer(IntakeResult.Created, Missing(submission))));
                continue;
            }
            if (submission.XmlHash != post.XmlHash)
            {
                answers.Add((pending, new IntakeAnswer(IntakeResult.OtherXml, [])));
                continue;
            }
            var changed = Attach(submission, post.Files, now);
            if (changed == 0)
            {
                answers.Add((pending, new IntakeAnswer(IntakeResult.Duplicate, Missing(submission))));
                continue;
            }
            submission.Complete = Missing(submission).Count == 0;
            submission.UpdatedAt = now;
            audit.Record(AuditAction.SubmissionAttachmentsReceived, Submission.AuditEntity, submission.Id,
                $"{changed} attachment(s) of submission {post.InstanceId} received from {post.Actor}" +
                (submission.Complete ? "; it is complete." : $"; waiting for {Missing(submission).Count} more."));
            answers.Add((pending, new IntakeAnswer(IntakeResult.AttachmentsAdded, Missing(submission))));
        }
        if (db.ChangeTracker.HasChanges())
            await db.SaveChangesAsync();
        foreach (var (pending, answer) in answers)
            pending.Done.TrySetResult(answer);
    }

    /// <summary>A new submission of the post, received at <paramref name="now"/> (the demo stores its invented ones with it too).</summary>
    internal static Submission New(SubmissionPost post, DateTime now)
    {
        var submission = new Submission
        {
            MissionId = post.MissionId, FormId = post.FormId, VersionId = post.VersionId, InstanceId = post.InstanceId, Xml = post.Xml,
            XmlHash = post.XmlHash, AppUserId = post.AppUserId, UserId = post.UserId, ReviewState = ReviewState.Received, ReceivedAt = now, UpdatedAt = now,
        };
        foreach (var name in post.ExpectedNames)
            submission.Attachments.Add(new SubmissionAttachment { SubmissionId = submission.Id, Name = name, Expected = true });
        Attach(submission, post.Files, now);
        submission.Complete = Missing(submission).Count == 0;
        return submission;
    }

    /// <summary>Adds the files the submission lacks; a file of a known name with other content replaces it. Returns how many changed.</summary>
    internal static int Attach(Submission submission, IReadOnlyList<ReceivedFile> files, DateTime now)
    {
        var changed = 0;
        foreach (var file in files)
        {
            var row = submission.Attachments.FirstOrDefault(a => a.Name == file.Name);
            if (row is null)
            {
                row = new SubmissionAttachment { SubmissionId = submission.Id, Name = file.Name, Expected = false };
                submission.Attachments.Add(row);
            }
            else if (row.Blob == file.Blob)
                continue;
            row.Blob = file.Blob;
            row.ContentType = file.ContentType;
            row.ByteSize = file.ByteSize;
            row.ReceivedAt = now;
            changed++;
        }
        return changed;
    }

    internal static IReadOnlyList<string> Missing(Submission submission) =>
        submission.Attachments.Where(a => a.Expected && a.Blob is null).Select(a => a.Name).ToList();

    private static string Files(int count) => count == 0 ? "" : $" with {count} file(s)";
}
