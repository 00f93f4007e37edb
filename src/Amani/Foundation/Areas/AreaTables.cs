using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Areas;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class AreaTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<AdminArea> AdminAreas => db.Set<AdminArea>();
    }
}
