using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>A review: the state to set (approved, hasIssues, rejected) and the comment (required for hasIssues and rejected).</summary>
public sealed record ReviewInput(string? State, string? Comment);

public sealed record CommentInput(string? Comment);

/// <summary>One step of the history: a state change (<c>from</c> → <c>to</c>) or a comment alone (both null).</summary>
public sealed record ReviewEntry(Guid Id, DateTime At, Guid? UserId, string? By, string? From, string? To, string? Comment);

/// <summary>A submission's review state, its version (the ETag a review sends in If-Match) and its history, oldest first.</summary>
public sealed record ReviewHistory(string InstanceId, string ReviewState, int Version, IReadOnlyList<ReviewEntry> Items);

/// <summary>
/// The review of submissions: <c>received → approved | hasIssues | rejected</c>, <c>approved → hasIssues</c>,
/// <c>rejected → hasIssues</c>, <c>hasIssues → approved | rejected</c> — a submission is never sent back to received, and
/// setting the state it has is refused. A change sends the submission's version in If-Match (a stale one: 412) and, to
/// hasIssues or rejected, a comment saying why; comments alone change no state. Each is one save with its history row
/// and its audit row (which names the states and the comment's length, never its text).
/// </summary>
public sealed class SubmissionReviews(AmaniDbContext db, AuditLog audit, IPeopleDirectory people, TimeProvider clock)
{
    public static Refusal Stale { get; } =
        Refusal.Stale("The submission was reviewed by someone else since you loaded it. Reload it, then review it again.");

    private static readonly Dictionary<ReviewState, ReviewState[]> Allowed = new()
    {
        [ReviewState.Received] = [ReviewState.Approved, ReviewState.HasIssues, ReviewState.Rejected],
        [ReviewState.Approved] = [ReviewState.HasIssues],
        [ReviewState.Rejected] = [ReviewState.HasIssues],
        [ReviewState.HasIssues] = [ReviewState.Approved, ReviewState.Rejected],
    };

    public Task<Submission?> FindAsync(SurveyForm form, string instanceId, CancellationToken cancellationToken) =>
        db.Set<Submission>().FirstOrDefaultAsync(s => s.FormId == form.Id && s.InstanceId == instanceId, cancellationToken);

    public async Task<Outcome<Submission>> ReviewAsync(Submission submission, int expectedVersion, ReviewInput input, Guid? userId,
        CancellationToken cancellationToken)
    {
        if (!TryState(input.State, out var to))
            return Refusal.Invalid("state", "Give the review state: approved, hasIssues or rejected.");
        if (Comment(input.Comment, out var comment) is { } tooLong)
            return tooLong;
        if (to is ReviewState.HasIssues or ReviewState.Rejected && comment is null)
            return Refusal.Invalid("comment", $"Say what is wrong with the submission: a comment is required to mark it {SurveyQueries.Camel(to)}.");
        if (submission.Version != expectedVersion)
            return Stale;
        var from = submission.ReviewState;
        if (!Allowed[from].Contains(to))
            return Refusal.Conflict(from == to
                ? $"The submission is already {SurveyQueries.Camel(to)}."
                : $"A submission that is {SurveyQueries.Camel(from)} can become {string.Join(" or ", Allowed[from].Select(s => SurveyQueries.Camel(s)))}, not {SurveyQueries.Camel(to)}.");
        var now = clock.GetUtcNow().UtcDateTime;
        // The state and version change only if the version is still the one the reviewer saw: a conditional update, not an
        // EF concurrency token, so that the OpenRosa intake (which adds late attachments to the same row) never collides.
        db.Entry(submission).State = EntityState.Detached;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.Set<Submission>().Where(s => s.Id == submission.Id && s.Version == expectedVersion)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ReviewState, to).SetProperty(s => s.Version, expectedVersion + 1).SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (changed == 0)
            return Stale;
        db.Set<SubmissionReview>().Add(new SubmissionReview { SubmissionId = submission.Id, UserId = userId, At = now, FromState = from, ToState = to, Comment = comment });
        audit.Record(AuditAction.SubmissionReviewed, Submission.AuditEntity, submission.Id,
            $"Submission reviewed: {SurveyQueries.Camel(from)} → {SurveyQueries.Camel(to)}{(comment is null ? "" : $", comment of {comment.Length} characters")}.");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        (submission.ReviewState, submission.Version, submission.UpdatedAt) = (to, expectedVersion + 1, now);
        return Outcome<Submission>.Ok(submission);
    }

    public async Task<Outcome<SubmissionReview>> CommentAsync(Submission submission, CommentInput input, Guid? userId, CancellationToken cancellationToken)
    {
        if (Comment(input.Comment, out var comment) is { } tooLong)
            return tooLong;
        if (comment is null)
            return Refusal.Invalid("comment", "Write the comment.");
        var review = new SubmissionReview { SubmissionId = submission.Id, UserId = userId, At = clock.GetUtcNow().UtcDateTime, Comment = comment };
        db.Set<SubmissionReview>().Add(review);
        audit.Record(AuditAction.SubmissionCommented, Submission.AuditEntity, submission.Id, $"Comment of {comment.Length} characters on a submission.");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<SubmissionReview>.Ok(review);
    }

    public async Task<ReviewHistory> HistoryAsync(Submission submission, bool commentsOnly, CancellationToken cancellationToken)
    {
        var query = db.Set<SubmissionReview>().AsNoTracking().Where(r => r.SubmissionId == submission.Id);
        if (commentsOnly)
            query = query.Where(r => r.Comment != null);
        var rows = await query.OrderBy(r => r.At).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var names = await people.FindAsync(rows.Select(r => r.UserId).OfType<Guid>().Distinct(), cancellationToken);
        return new ReviewHistory(submission.InstanceId, SurveyQueries.Camel(submission.ReviewState), submission.Version, rows.Select(r => new ReviewEntry(r.Id, r.At,
            r.UserId, r.UserId is { } u && names.TryGetValue(u, out var person) ? person.DisplayName : null,
            r.FromState is { } f ? SurveyQueries.Camel(f) : null, r.ToState is { } t ? SurveyQueries.Camel(t) : null, r.Comment)).ToList());
    }

    public static bool TryState(string? text, out ReviewState state)
    {
        state = default;
        var normalized = text?.Trim().Replace("_", "").Replace("-", "").Replace(" ", "");
        return normalized is { Length: > 0 } && char.IsLetter(normalized[0]) && Enum.TryParse(normalized, ignoreCase: true, out state) && Enum.IsDefined(state) && state != ReviewState.Received;
    }

    private static Refusal? Comment(string? text, out string? comment)
    {
        comment = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return comment?.Length > SubmissionReview.MaxComment
            ? Refusal.Invalid("comment", $"A comment may have at most {SubmissionReview.MaxComment} characters; this one has {comment.Length}.")
            : null;
    }
}
