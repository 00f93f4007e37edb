using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Foundation.Missions.Pages;

/// <summary>The home page: the missions the signed-in user may see, each leading to its dashboard.</summary>
[SignedIn]
public sealed class IndexModel(AmaniDbContext db, AccessContext access) : PageModel
{
    public IReadOnlyList<Mission> Missions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var visible = (await access.MissionsWithAsync(Permission.MissionsRead, cancellationToken))?.ToList();
        Missions = await db.Missions.AsNoTracking().Where(m => visible == null || visible.Contains(m.Id)).OrderBy(m => m.Name)
            .ToListAsync(cancellationToken);
    }
}
