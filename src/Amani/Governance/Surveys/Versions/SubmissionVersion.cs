using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Surveys.Versions;

/// <summary>
/// An earlier version of a submission, kept when an edit replaced it (a post whose <c>meta/deprecatedID</c> names the
/// submission's current instanceID, as ODK Central and Enketo send edits): its instanceID and XML as they were, who sent
/// that version (an app user or a user), when it arrived and when the edit replaced it. The submission itself keeps its Id
/// and holds the current version; every earlier one stays here, never changed.
/// </summary>
public sealed class SubmissionVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    /// <summary>The form version this version filled.</summary>
    public Guid FormVersionId { get; set; }
    public required string InstanceId { get; set; }
    public required string Xml { get; set; }
    public required string XmlHash { get; set; }
    public Guid? AppUserId { get; set; }
    public Guid? UserId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime ReplacedAt { get; set; }
}

internal sealed class SubmissionVersionConfiguration : IEntityTypeConfiguration<SubmissionVersion>
{
    public void Configure(EntityTypeBuilder<SubmissionVersion> version)
    {
        version.ToTable("survey_submission_versions");
        version.HasOne<Submission>().WithMany().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        version.HasOne<FormVersion>().WithMany().HasForeignKey(v => v.FormVersionId).OnDelete(DeleteBehavior.Restrict);
        version.HasIndex(v => new { v.SubmissionId, v.InstanceId }).IsUnique();
        version.HasIndex(v => v.InstanceId);
        version.Property(v => v.InstanceId).HasMaxLength(SurveyLimits.InstanceId);
        version.Property(v => v.XmlHash).HasMaxLength(SurveyLimits.Hash);
    }
}
