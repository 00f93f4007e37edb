using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Lessons;

/// <summary>How long each field of a lesson may be, and how many themes and links it may carry.</summary>
public static class LessonLimits
{
    public const int Title = 200, Text = 8000, Theme = 40, Themes = 10, Links = 20, Reason = 1000, RecordType = 40;
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> lesson)
    {
        lesson.ToTable("lessons");
        lesson.HasOne<Mission>().WithMany().HasForeignKey(l => l.MissionId).OnDelete(DeleteBehavior.Restrict);
        lesson.HasOne<AdminArea>().WithMany().HasForeignKey(l => l.AreaId).OnDelete(DeleteBehavior.Restrict);
        lesson.HasMany(l => l.Themes).WithOne().HasForeignKey(t => t.LessonId).OnDelete(DeleteBehavior.Cascade);
        lesson.HasMany(l => l.Links).WithOne().HasForeignKey(t => t.LessonId).OnDelete(DeleteBehavior.Cascade);
        lesson.Property(l => l.Version).IsConcurrencyToken();
        lesson.HasIndex(l => new { l.MissionId, l.UpdatedAt, l.Id });
        lesson.HasIndex(l => l.AreaId);
        lesson.Property(l => l.Title).HasMaxLength(LessonLimits.Title);
        foreach (var text in new[] { nameof(Lesson.Observation), nameof(Lesson.Discussion), nameof(Lesson.Recommendation), nameof(Lesson.Expected),
                     nameof(Lesson.Happened), nameof(Lesson.Causes), nameof(Lesson.Improvements) })
            lesson.Property(text).HasMaxLength(LessonLimits.Text);
        lesson.Property(l => l.Kind).HasMaxLength(24);
        lesson.Property(l => l.Status).HasMaxLength(24);
        lesson.Ignore(l => l.Recommends);
    }
}

internal sealed class LessonThemeConfiguration : IEntityTypeConfiguration<LessonTheme>
{
    public void Configure(EntityTypeBuilder<LessonTheme> theme)
    {
        theme.ToTable("lesson_themes");
        theme.HasKey(t => new { t.LessonId, t.Theme });
        theme.Property(t => t.Theme).HasMaxLength(LessonLimits.Theme);
        theme.HasIndex(t => t.Theme);
    }
}

internal sealed class LessonLinkConfiguration : IEntityTypeConfiguration<LessonLink>
{
    public void Configure(EntityTypeBuilder<LessonLink> link)
    {
        link.ToTable("lesson_links");
        link.Property(l => l.RecordType).HasMaxLength(LessonLimits.RecordType);
        link.HasIndex(l => l.LessonId);
        link.HasIndex(l => new { l.RecordType, l.RecordId });
    }
}

internal sealed class LessonStatusChangeConfiguration : IEntityTypeConfiguration<LessonStatusChange>
{
    public void Configure(EntityTypeBuilder<LessonStatusChange> change)
    {
        change.ToTable("lesson_status_changes");
        change.HasOne<Lesson>().WithMany().HasForeignKey(c => c.LessonId).OnDelete(DeleteBehavior.Cascade);
        change.HasIndex(c => new { c.LessonId, c.At });
        change.IsHistory<LessonStatusChange, LessonStatus>(LessonLimits.Reason);
    }
}
