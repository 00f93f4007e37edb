using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Setup;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class SetupTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<SetupToken> SetupTokens => db.Set<SetupToken>();
    }
}
