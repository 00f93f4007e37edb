using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Amani.Platform.Live;
using Amani.Foundation.Missions;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Amani.Foundation.Areas;
using Amani.Platform.Web;

namespace Amani.Register.Incidents.Pages;

/// <summary>
/// A mission's incidents that the caller may see (<see cref="IncidentQueries.PageAsync"/>, as the API's list), with the
/// list's filters — dates in the mission's time zone, category, status, source, area, text —, pages by cursor, and the
/// exports of the same selection (CSV, GeoJSON, HXL).
/// </summary>
[PagePermission("incidents:read")]
public sealed class IndexModel(AmaniDbContext db, AccessContext access, IStringLocalizer<IndexModel> text, LiveBus live) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Source { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public Mission Mission { get; private set; } = null!;
    public IReadOnlyList<IncidentSummary> Items { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public IReadOnlyDictionary<Guid, string> AreaNames { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyList<(string PCode, string Name, int Level)> Areas { get; private set; } = [];
    public string? Error { get; private set; }
    public bool CanRecord { get; private set; }
    /// <summary>The live feed's position before the list was read: the page's live banner hears what came after.</summary>
    public string LiveSince { get; } = live.Position;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        CanRecord = await access.HasAsync(Permission.IncidentsRecord, Mission.Id, cancellationToken);
        Areas = (await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == Mission.Id).OrderBy(a => a.Level).ThenBy(a => a.Name)
            .Select(a => new { a.PCode, a.Name, a.Level }).ToListAsync(cancellationToken)).Select(a => (a.PCode, a.Name, a.Level)).ToList();
        if (From > To)
            return Invalid(text["The start date is after the end date."]);
        var page = await IncidentQueries.PageAsync(db, access, Mission, Filter(), Cursor, PageSize, cancellationToken);
        if (!page.Succeeded)
            return Invalid(page.Field == "cursor" ? text["This page of the list is no longer valid; start again from the first page."] : page.Error!);
        Items = page.Value!.Items;
        NextCursor = page.Value.NextCursor;
        var areaIds = Items.Where(i => i.AreaId != null).Select(i => i.AreaId!.Value).Distinct().ToList();
        AreaNames = await db.AdminAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return Page();
    }

    /// <summary>The filters as the API's <see cref="IncidentFilter"/>: the end date includes its whole day.</summary>
    public IncidentFilter Filter() => new(Area: Area, From: From is { } from ? MissionTime.Instant(Mission, from.ToDateTime(TimeOnly.MinValue)) : null,
        To: To is { } to ? MissionTime.Instant(Mission, to.ToDateTime(TimeOnly.MaxValue)) : null, Category: Category, Status: Status, Source: Source, Q: Q);

    /// <summary>The API's query string for the current filters (the exports take the same parameters as the list).</summary>
    public string ApiQuery()
    {
        var filter = Filter();
        var query = new QueryBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                query.Add(name, value.Trim());
        }
        Add("from", filter.From?.ToString("O"));
        Add("to", filter.To?.ToString("O"));
        Add("category", Category);
        Add("status", Status);
        Add("source", Source);
        Add("area", Area);
        Add("q", Q);
        return query.ToQueryString().Value ?? "";
    }

    /// <summary>This page's own query string for the current filters, with <paramref name="cursor"/> (null: the first page).</summary>
    public string PageQuery(string? cursor)
    {
        var query = new QueryBuilder();
        foreach (var (name, value) in new[] { ("from", From?.ToString("yyyy-MM-dd")), ("to", To?.ToString("yyyy-MM-dd")), ("category", Category),
                     ("status", Status), ("source", Source), ("area", Area), ("q", Q), ("cursor", cursor) })
            if (!string.IsNullOrWhiteSpace(value))
                query.Add(name, value);
        return query.ToQueryString().Value ?? "";
    }

    private PageResult Invalid(string error)
    {
        Error = error;
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
