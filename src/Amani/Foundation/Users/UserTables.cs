using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Users;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class UserTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<RoleAssignment> RoleAssignments => db.Set<RoleAssignment>();
    }
}
