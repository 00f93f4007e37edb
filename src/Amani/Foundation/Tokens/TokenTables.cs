using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Tokens;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class TokenTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<AccessToken> AccessTokens => db.Set<AccessToken>();
    }
}
