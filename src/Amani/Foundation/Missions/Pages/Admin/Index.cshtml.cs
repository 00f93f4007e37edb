using Amani.Platform.Access;
using Amani.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;
using Amani.Platform.Web;

namespace Amani.Foundation.Missions.Pages.Admin;

/// <summary>
/// The administration index: the sections the caller's roles open (the same permissions as the API), and their own tokens.
/// Other modules' permissions are named by their scopes, so that this page does not depend on those modules.
/// </summary>
[SignedIn]
public sealed class IndexModel(AmaniDbContext db, AccessContext access) : PageModel
{
    public bool Users { get; private set; }
    public bool Organizations { get; private set; }
    public bool Missions { get; private set; }

    /// <summary>The missions whose areas the caller may manage.</summary>
    public IReadOnlyList<(string Code, string Name)> AreaMissions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Users = await access.HasAnywhereAsync(Permission.Named("users:manage"), cancellationToken);
        Organizations = await access.HasAnywhereAsync(Permission.Named("organizations:manage"), cancellationToken);
        Missions = await access.HasAnywhereAsync(Permission.MissionsManage, cancellationToken);
        var areas = (await access.MissionsWithAsync(Permission.Named("areas:manage"), cancellationToken))?.ToList();
        AreaMissions = (await db.Missions.AsNoTracking().Where(m => areas == null || areas.Contains(m.Id)).OrderBy(m => m.Code)
            .Select(m => new { m.Code, m.Name }).ToListAsync(cancellationToken)).Select(m => (m.Code, m.Name)).ToList();
    }
}
