using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Hosting;
using Amani.Register.Incidents;
using Amani.Platform.Live;
using Amani.Foundation.Taxonomy;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Amani.Analysis.Alerts;
using Amani.Register.Reporting;

namespace Amani.Analysis.Dashboard.Pages;

/// <summary>
/// The mission dashboard: the incident map (clusters fetched per viewport from the map API), the forecast-risk
/// choropleth of the admin-1 areas, filters, a trend chart of the selected area, and the latest alerts and community
/// reports (each panel only for callers who may read them). The page itself is a light shell; the JavaScript island
/// <c>js/dashboard.js</c> fetches everything from the JSON API.
/// </summary>
[PagePermission("incidents:read")]
public sealed class DashboardModel(AmaniDbContext db, AccessContext access, AmaniSettings settings, LiveBus live) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public string? TileUrl => settings.MapTileUrl;
    public IReadOnlyList<Category> TopCategories { get; } = Categories.All.Where(c => !c.Code.Contains('.') || c.Code.StartsWith(Categories.MissionPrefix)).ToList();
    /// <summary>The months the time slider spans: from the first incident's month to the last one's (or this month).</summary>
    public IReadOnlyList<string> Months { get; private set; } = [];
    public bool CanReadAlerts { get; private set; }
    public bool CanReadReports { get; private set; }
    /// <summary>The live feed's position when the page was made (before the island reads anything): the island hears what came after.</summary>
    public string LiveSince { get; } = live.Position;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var incidents = db.Incidents.Where(i => i.MissionId == Mission.Id);
        var first = await incidents.OrderBy(i => i.OccurredFrom).Select(i => (DateTime?)i.OccurredFrom).FirstOrDefaultAsync(cancellationToken);
        var last = await incidents.OrderByDescending(i => i.OccurredFrom).Select(i => (DateTime?)i.OccurredFrom).FirstOrDefaultAsync(cancellationToken);
        var now = HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var start = new DateTime((first ?? now).Year, (first ?? now).Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime((last ?? now).Year, (last ?? now).Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var months = new List<string>();
        for (var m = start; m <= end; m = m.AddMonths(1))
            months.Add(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        Months = months;
        CanReadAlerts = await access.HasAsync(Permission.AlertsRead, Mission.Id, cancellationToken);
        CanReadReports = await access.HasAsync(Permission.ReportsRead, Mission.Id, cancellationToken);
    }

    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<IncidentStatus>().Select(Camel).ToList();
    public static IReadOnlyList<string> Sources { get; } = Enum.GetNames<IncidentSource>().Select(Camel).ToList();

    private static string Camel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);
}
