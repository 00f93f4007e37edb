using Amani.Platform.Records;
using Amani.Foundation.Missions;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Register.Imports.Jobs;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.ToTable("import_jobs");
        job.HasOne<Mission>().WithMany().HasForeignKey(j => j.MissionId).OnDelete(DeleteBehavior.Restrict);
        job.HasOne<AmaniUser>().WithMany().HasForeignKey(j => j.RequestedBy).OnDelete(DeleteBehavior.Restrict);
        job.HasIndex(j => new { j.Status, j.LeaseExpiresAt });
        job.HasIndex(j => j.CreatedAt);
        job.Property(j => j.Kind).HasMaxLength(16);
        job.Property(j => j.FileName).HasMaxLength(ImportJobLimits.FileName);
        job.Property(j => j.Status).HasMaxLength(16);
        job.Property(j => j.Encoding).HasMaxLength(32);
        job.Property(j => j.Error).HasMaxLength(ImportJobLimits.Error);
        job.Property(j => j.LeaseOwner).HasMaxLength(ImportJobLimits.LeaseOwner);
        job.Ignore(j => j.IsFinished);
    }
}

public static class ImportJobLimits
{
    public const int FileName = 255;
    public const int Error = 2000;
    public const int LeaseOwner = 200;
    public const int MaxPageSize = Paging.MaxPageSize;
}
