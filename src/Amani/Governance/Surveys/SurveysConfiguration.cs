using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Surveys;

/// <summary>How long the surveys' text fields may be (the API refuses longer input, naming the field).</summary>
public static class SurveyLimits
{
    public const int Name = 200, Description = 4000, XmlFormId = 100, Version = 100, Title = 300, FileName = 255, ContentType = 100,
        InstanceId = 200, Hash = 64, TeamSize = 200;
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> survey)
    {
        survey.ToTable("surveys");
        survey.HasOne<Mission>().WithMany().HasForeignKey(s => s.MissionId).OnDelete(DeleteBehavior.Restrict);
        survey.HasMany(s => s.Team).WithOne().HasForeignKey(m => m.SurveyId).OnDelete(DeleteBehavior.Cascade);
        survey.HasIndex(s => new { s.MissionId, s.Name }).IsUnique();
        survey.Property(s => s.Version).IsConcurrencyToken();
        survey.Property(s => s.Name).HasMaxLength(SurveyLimits.Name);
        survey.Property(s => s.Description).HasMaxLength(SurveyLimits.Description);
        survey.Property(s => s.State).HasMaxLength(24);
    }
}

internal sealed class SurveyTeamMemberConfiguration : IEntityTypeConfiguration<SurveyTeamMember>
{
    public void Configure(EntityTypeBuilder<SurveyTeamMember> member)
    {
        member.ToTable("survey_team_members");
        member.HasKey(m => new { m.SurveyId, m.UserId });
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class SurveyFormConfiguration : IEntityTypeConfiguration<SurveyForm>
{
    public void Configure(EntityTypeBuilder<SurveyForm> form)
    {
        form.ToTable("survey_forms");
        form.HasOne<Mission>().WithMany().HasForeignKey(f => f.MissionId).OnDelete(DeleteBehavior.Restrict);
        form.HasOne<Survey>().WithMany().HasForeignKey(f => f.SurveyId).OnDelete(DeleteBehavior.Restrict);
        form.HasIndex(f => new { f.MissionId, f.XmlFormId }).IsUnique();
        form.HasIndex(f => f.SurveyId);
        form.Property(f => f.XmlFormId).HasMaxLength(SurveyLimits.XmlFormId);
        form.Property(f => f.Title).HasMaxLength(SurveyLimits.Title);
        form.Property(f => f.State).HasMaxLength(24);
    }
}

internal sealed class FormVersionConfiguration : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> version)
    {
        version.ToTable("survey_form_versions");
        version.HasOne<SurveyForm>().WithMany().HasForeignKey(v => v.FormId).OnDelete(DeleteBehavior.Restrict);
        version.HasMany(v => v.Media).WithOne().HasForeignKey(m => m.VersionId).OnDelete(DeleteBehavior.Cascade);
        version.HasIndex(v => new { v.FormId, v.Version }).IsUnique();
        version.Property(v => v.Version).HasMaxLength(SurveyLimits.Version);
        version.Property(v => v.Title).HasMaxLength(SurveyLimits.Title);
        version.Property(v => v.XFormMd5).HasMaxLength(32);
        version.Property(v => v.OriginalFileName).HasMaxLength(SurveyLimits.FileName);
        version.Property(v => v.OriginalBlob).HasMaxLength(SurveyLimits.Hash);
        version.Property(v => v.State).HasMaxLength(24);
    }
}

internal sealed class FormMediaConfiguration : IEntityTypeConfiguration<FormMedia>
{
    public void Configure(EntityTypeBuilder<FormMedia> media)
    {
        media.ToTable("survey_form_media");
        media.HasIndex(m => new { m.VersionId, m.Name }).IsUnique();
        media.Property(m => m.Name).HasMaxLength(SurveyLimits.FileName);
        media.Property(m => m.ContentType).HasMaxLength(SurveyLimits.ContentType);
        media.Property(m => m.Blob).HasMaxLength(SurveyLimits.Hash);
        media.Property(m => m.Md5).HasMaxLength(32);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.ToTable("survey_app_users");
        user.HasOne<Mission>().WithMany().HasForeignKey(u => u.MissionId).OnDelete(DeleteBehavior.Restrict);
        user.HasOne<Survey>().WithMany().HasForeignKey(u => u.SurveyId).OnDelete(DeleteBehavior.Restrict);
        user.HasIndex(u => u.TokenHash).IsUnique();
        user.HasIndex(u => u.MissionId);
        user.Property(u => u.Name).HasMaxLength(SurveyLimits.Name);
        user.Property(u => u.TokenHash).HasMaxLength(SurveyLimits.Hash);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> submission)
    {
        submission.ToTable("survey_submissions");
        submission.HasOne<SurveyForm>().WithMany().HasForeignKey(s => s.FormId).OnDelete(DeleteBehavior.Restrict);
        submission.HasOne<FormVersion>().WithMany().HasForeignKey(s => s.VersionId).OnDelete(DeleteBehavior.Restrict);
        submission.HasMany(s => s.Attachments).WithOne().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        submission.HasIndex(s => new { s.FormId, s.InstanceId }).IsUnique();
        submission.HasIndex(s => new { s.FormId, s.ReceivedAt, s.Id });
        submission.Property(s => s.InstanceId).HasMaxLength(SurveyLimits.InstanceId);
        submission.Property(s => s.XmlHash).HasMaxLength(SurveyLimits.Hash);
        submission.Property(s => s.ReviewState).HasMaxLength(24);
    }
}

internal sealed class SubmissionAttachmentConfiguration : IEntityTypeConfiguration<SubmissionAttachment>
{
    public void Configure(EntityTypeBuilder<SubmissionAttachment> attachment)
    {
        attachment.ToTable("survey_submission_attachments");
        attachment.HasIndex(a => new { a.SubmissionId, a.Name }).IsUnique();
        attachment.Property(a => a.Name).HasMaxLength(SurveyLimits.FileName);
        attachment.Property(a => a.ContentType).HasMaxLength(SurveyLimits.ContentType);
        attachment.Property(a => a.Blob).HasMaxLength(SurveyLimits.Hash);
    }
}
