using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Register.Reporting;

/// <summary>The module's tables on <see cref="AmaniDbContext"/> (the context itself names no module).</summary>
public static class ReportTables
{
    extension(AmaniDbContext db)
    {
        public DbSet<CommunityReport> CommunityReports => db.Set<CommunityReport>();
        public DbSet<ReportMessage> ReportMessages => db.Set<ReportMessage>();
    }
}
