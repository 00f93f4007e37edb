using Amani.Platform.FollowUps;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Amani.Platform.FollowUps.Pages;

/// <summary>
/// "My follow-ups": what the signed-in user owes — follow-ups they own, those of a role they hold where it applies, and
/// those they asked of an external party — soonest due first, with overdue ones marked; through <see cref="FollowUpQueries"/>, as the API.
/// </summary>
[SignedIn]
public sealed class MineModel(FollowUpQueries queries) : PageModel
{
    public FollowUpPage Rows { get; private set; } = new([], null);
    public bool ShowClosed { get; private set; }
    public bool OverdueOnly { get; private set; }

    public async Task OnGetAsync(bool closed = false, bool overdue = false, string? cursor = null, CancellationToken cancellationToken = default)
    {
        ShowClosed = closed;
        OverdueOnly = overdue;
        var page = await queries.MineAsync(overdue ? true : null, closed ? null : FollowUpQueries.Active, cursor, 50, cancellationToken);
        Rows = page.Value ?? new FollowUpPage([], null);
    }
}
