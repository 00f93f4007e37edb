using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

public static class MissionLookup
{
    /// <summary>The mission with <paramref name="code"/> if the caller holds <paramref name="permission"/> for it; else null (answer 404).</summary>
    public static async Task<Mission?> FindVisibleAsync(AmaniDbContext db, AccessContext access, string code, Permission permission,
        CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        var mission = await db.Missions.AsNoTracking().FirstOrDefaultAsync(m => m.Code == normalized, cancellationToken);
        return mission is not null && await access.HasAsync(permission, mission.Id, cancellationToken) ? mission : null;
    }
}
