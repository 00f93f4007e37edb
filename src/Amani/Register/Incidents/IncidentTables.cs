using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Incidents;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class IncidentTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<Incident> Incidents => db.Set<Incident>();
        public DbSet<IncidentStatusChange> IncidentStatusChanges => db.Set<IncidentStatusChange>();
    }
}
