using Amani.Foundation.Missions;
using Amani.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Surveys.Measures;

/// <summary>
/// A survey question offered to the results framework as a measure <c>surveys.{slug}</c>: the weighted share of a
/// survey's respondents whose answer to <see cref="Question"/> is one of <see cref="Choices"/> (comma-separated), by
/// round and stratum (see <see cref="SurveyMeasures"/>). The slug is unique across Amani: measure keys are.
/// </summary>
public sealed class SurveyMeasure
{
    public static AuditEntity AuditEntity { get; } = new("survey-measure");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid SurveyId { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string NameFr { get; set; }
    public required string Question { get; set; }
    public required string Choices { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    /// <summary>The ETag clients send back in If-Match to change or remove the measure.</summary>
    public int Version { get; set; } = 1;
}

public static class SurveyMeasureLimits
{
    public const int Slug = 60, Name = 200, Question = 300, Choices = 1000;
}

internal sealed class SurveyMeasureConfiguration : IEntityTypeConfiguration<SurveyMeasure>
{
    public void Configure(EntityTypeBuilder<SurveyMeasure> measure)
    {
        measure.ToTable("survey_measures");
        measure.HasOne<Mission>().WithMany().HasForeignKey(m => m.MissionId).OnDelete(DeleteBehavior.Restrict);
        measure.HasOne<Survey>().WithMany().HasForeignKey(m => m.SurveyId).OnDelete(DeleteBehavior.Restrict);
        measure.HasIndex(m => m.Slug).IsUnique();
        measure.HasIndex(m => m.SurveyId);
        measure.Property(m => m.Version).IsConcurrencyToken();
        measure.Property(m => m.Slug).HasMaxLength(SurveyMeasureLimits.Slug);
        measure.Property(m => m.Name).HasMaxLength(SurveyMeasureLimits.Name);
        measure.Property(m => m.NameFr).HasMaxLength(SurveyMeasureLimits.Name);
        measure.Property(m => m.Question).HasMaxLength(SurveyMeasureLimits.Question);
        measure.Property(m => m.Choices).HasMaxLength(SurveyMeasureLimits.Choices);
    }
}
