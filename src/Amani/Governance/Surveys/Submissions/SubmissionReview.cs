using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>
/// One step of a submission's review: a state change (<see cref="FromState"/> → <see cref="ToState"/>, with its comment)
/// or a comment alone (both states null). Never changed or deleted: the history as it happened.
/// </summary>
public sealed class SubmissionReview
{
    public const int MaxComment = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    public Guid? UserId { get; set; }
    public DateTime At { get; set; }
    public ReviewState? FromState { get; set; }
    public ReviewState? ToState { get; set; }
    public string? Comment { get; set; }
}

internal sealed class SubmissionReviewConfiguration : IEntityTypeConfiguration<SubmissionReview>
{
    public void Configure(EntityTypeBuilder<SubmissionReview> review)
    {
        review.ToTable("survey_submission_reviews");
        review.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        review.HasIndex(r => new { r.SubmissionId, r.At });
        review.Property(r => r.FromState).HasMaxLength(24);
        review.Property(r => r.ToState).HasMaxLength(24);
        review.Property(r => r.Comment).HasMaxLength(SubmissionReview.MaxComment);
    }
}
