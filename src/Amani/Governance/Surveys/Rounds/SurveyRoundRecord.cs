using Amani.Foundation.Missions;
using Amani.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// A round of a perception survey: one form's submissions gathered between two dates, with the sampling design that
/// weights them — the question giving the stratum (an admin area's P-code), the one giving the cluster (the primary
/// sampling unit), optional sex and age questions, the population of each stratum — and the rules of what is shown:
/// the minimum cell size under which an estimate is suppressed in published figures, and whether only approved
/// submissions count. <see cref="Version"/> is the ETag clients send back in If-Match.
/// </summary>
public sealed class SurveyRoundRecord
{
    public static AuditEntity AuditEntity { get; } = new("survey-round");

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MissionId { get; set; }
    public Guid SurveyId { get; set; }
    public Guid FormId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateOnly FieldworkStart { get; set; }
    public DateOnly FieldworkEnd { get; set; }
    /// <summary>
    /// The path below the instance root of the select_one whose values are the strata's P-codes, or of a geopoint whose
    /// point is resolved to the stratum that contains it (<see cref="PointStrata"/>).
    /// </summary>
    public required string StratumQuestion { get; set; }
    public required string ClusterQuestion { get; set; }
    public string? SexQuestion { get; set; }
    /// <summary>An integer question (age in years), grouped into <see cref="AgeBands"/>.</summary>
    public string? AgeQuestion { get; set; }
    /// <summary>A select_one whose "yes" answer lets a respondent count (others are left out of the round).</summary>
    public string? ConsentQuestion { get; set; }
    public int MinimumCellSize { get; set; } = RoundRules.DefaultMinimumCellSize;
    /// <summary>Only approved submissions count; otherwise every submission not rejected does.</summary>
    public bool ApprovedOnly { get; set; }
    public bool Published { get; set; }
    public DateTime? PublishedAt { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public List<RoundStratum> Strata { get; set; } = [];
}

/// <summary>One stratum of a round: an admin area's P-code, its population (e.g. adults), and the planned sample.</summary>
public sealed class RoundStratum
{
    public Guid RoundId { get; set; }
    public required string Pcode { get; set; }
    public double Population { get; set; }
    public int? ClustersSampled { get; set; }
    public int? RespondentsPerCluster { get; set; }
}

/// <summary>The rounds' limits and fixed rules.</summary>
public static class RoundRules
{
    /// <summary>Published figures suppress cells of fewer than 30 respondents unless the round says otherwise.</summary>
    public const int DefaultMinimumCellSize = 30;
    public const int MinCellSizeFloor = 10, MaxStrata = 2000, Pcode = 50, Question = 300;
}

internal sealed class SurveyRoundRecordConfiguration : IEntityTypeConfiguration<SurveyRoundRecord>
{
    public void Configure(EntityTypeBuilder<SurveyRoundRecord> round)
    {
        round.ToTable("survey_rounds");
        round.HasOne<Mission>().WithMany().HasForeignKey(r => r.MissionId).OnDelete(DeleteBehavior.Restrict);
        round.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        round.HasOne<SurveyForm>().WithMany().HasForeignKey(r => r.FormId).OnDelete(DeleteBehavior.Restrict);
        round.HasMany(r => r.Strata).WithOne().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        round.HasIndex(r => new { r.SurveyId, r.Name }).IsUnique();
        round.HasIndex(r => r.FormId);
        round.Property(r => r.Version).IsConcurrencyToken();
        round.Property(r => r.Name).HasMaxLength(SurveyLimits.Name);
        round.Property(r => r.Description).HasMaxLength(SurveyLimits.Description);
        round.Property(r => r.StratumQuestion).HasMaxLength(RoundRules.Question);
        round.Property(r => r.ClusterQuestion).HasMaxLength(RoundRules.Question);
        round.Property(r => r.SexQuestion).HasMaxLength(RoundRules.Question);
        round.Property(r => r.AgeQuestion).HasMaxLength(RoundRules.Question);
        round.Property(r => r.ConsentQuestion).HasMaxLength(RoundRules.Question);
    }
}

internal sealed class RoundStratumConfiguration : IEntityTypeConfiguration<RoundStratum>
{
    public void Configure(EntityTypeBuilder<RoundStratum> stratum)
    {
        stratum.ToTable("survey_round_strata");
        stratum.HasKey(s => new { s.RoundId, s.Pcode });
        stratum.Property(s => s.Pcode).HasMaxLength(RoundRules.Pcode);
    }
}
