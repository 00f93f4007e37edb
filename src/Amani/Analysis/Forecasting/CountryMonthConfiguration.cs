using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Analysis.Forecasting;

internal sealed class CountryMonthConfiguration : IEntityTypeConfiguration<CountryMonth>
{
    public void Configure(EntityTypeBuilder<CountryMonth> month)
    {
        month.ToTable("country_months");
        month.HasKey(m => new { m.CountryId, m.MonthId });
        month.Property(m => m.CountryId).ValueGeneratedNever();
        month.Property(m => m.MonthId).ValueGeneratedNever();
        month.HasIndex(m => m.MonthId);
        month.Property(m => m.Iso3).HasMaxLength(3);
        month.Property(m => m.CountryName).HasMaxLength(CountryMonthLimits.CountryName);
    }
}

public static class CountryMonthLimits
{
    public const int CountryName = 200;
}
