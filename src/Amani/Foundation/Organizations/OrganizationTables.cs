using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Organizations;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class OrganizationTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<Organization> Organizations => db.Set<Organization>();
    }
}
