using Amani.Platform.Data;
using Amani.Platform.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Tokens;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.ToTable("access_tokens");
        token.HasOne<AmaniUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.Property(t => t.Name).HasMaxLength(TokenLimits.Name);
        token.Property(t => t.Prefix).HasMaxLength(16);
        token.Property(t => t.SecretHash).HasMaxLength(64);
        token.Property(t => t.Scopes).HasMaxLength(2000);
        token.Property(t => t.LastUsedAt).IsBookkeeping();
    }
}

public static class TokenLimits
{
    public const int Name = 100;
    public const int DefaultLifetimeDays = 90;
    public const int MaxLifetimeDays = 366;
}
