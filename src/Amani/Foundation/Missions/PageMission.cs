using Amani.Platform.Data;
using Amani.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions;

/// <summary>
/// The <see cref="Mission"/> entity of a mission's page. The page gate (<see cref="PageAccess"/>, in the platform,
/// which names no module) hands pages the mission as a <c>MissionEntry</c>; a page whose module code takes the entity
/// loads it here, untracked, once per request.
/// </summary>
public static class PageMission
{
    private const string EntityKey = "amani:page-mission-entity";

    /// <summary>The entity of <see cref="PageAccess.Mission"/> (the gate has let the caller in).</summary>
    public static async Task<Mission> LoadMissionAsync(this HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Items[EntityKey] is Mission loaded)
            return loaded;
        var id = context.Mission().Id;
        var db = context.RequestServices.GetRequiredService<AmaniDbContext>();
        var mission = await db.Missions.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
        context.Items[EntityKey] = mission;
        return mission;
    }
}
