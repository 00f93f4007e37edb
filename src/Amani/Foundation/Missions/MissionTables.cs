using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class MissionTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<Mission> Missions => db.Set<Mission>();
    }
}
