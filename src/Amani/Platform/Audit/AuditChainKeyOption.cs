using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Amani.Platform.Audit;

/// <summary>
/// Carries the <see cref="AuditChainKey"/> in the DbContext's options, so that every <c>AmaniDbContext</c> made for a
/// <see cref="Data.DatabaseTarget"/> — by the container, by the migrator, by a command — seals rows with its key. It
/// changes none of EF Core's services, so all contexts share one internal service provider whatever their key.
/// </summary>
public sealed class AuditChainKeyOption(AuditChainKey key) : IDbContextOptionsExtension
{
    public AuditChainKey Key { get; } = key;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) { }

    public void Validate(IDbContextOptions options) { }

    /// <summary>Adds <paramref name="key"/> to <paramref name="options"/>.</summary>
    public static void Add(DbContextOptionsBuilder options, AuditChainKey key) =>
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new AuditChainKeyOption(key));

    /// <summary>The key in <paramref name="options"/>, if any.</summary>
    public static AuditChainKey? Of(DbContextOptions options) => options.FindExtension<AuditChainKeyOption>()?.Key;

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => ""; // never the key
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;
        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) { }
    }
}
