using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Amani.Foundation.Setup;

internal sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> token)
    {
        token.ToTable("setup_tokens");
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.Property(t => t.SecretHash).HasMaxLength(64);
    }
}
