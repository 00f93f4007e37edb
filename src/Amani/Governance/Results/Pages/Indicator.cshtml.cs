using Amani.Foundation.Areas;
using Amani.Governance.Results.Values;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Governance.Results.Pages;

/// <summary>
/// An indicator: its definition and how it is measured, a chart of its baseline, targets and mission-wide values by
/// period, its values by area in the latest period, and its values by period with their approval; the owner (or a
/// planning officer) approves a period or unlocks it with a reason, through <see cref="IndicatorPeriods"/> as the API.
/// The values table is paged newest first with the platform's keyset cursors (<see cref="Paging"/>: the cursor holds the
/// start of the last period shown): <c>?after=</c> gives the older periods, <c>?before=</c> the newer, <c>?limit=</c>
/// the page's size (1 to <see cref="Paging.MaxPageSize"/>, <see cref="PageSize"/> by default).
/// </summary>
[PagePermission("results:read")]
public sealed class IndicatorModel(AmaniDbContext db, IndicatorDetails details, IndicatorPeriods periods, AccessContext access,
    IStringLocalizer<IndicatorModel> text) : PageModel
{
    /// <summary>The periods a page of the values table lists by default.</summary>
    public const int PageSize = 60;

    public sealed record PeriodLine(string Period, double? Value, double? Target, IndicatorStatus Status, bool Approved, string? EnteredBy, bool FollowUp,
        string? Comment, double? Low = null, double? High = null);

    public sealed record AreaLine(string Code, string Name, double Value, double? Low = null, double? High = null);

    public MissionEntry Mission { get; private set; } = null!;
    public IndicatorResponse Indicator { get; private set; } = null!;
    public IndicatorChart Chart { get; private set; } = new();
    public IReadOnlyList<PeriodLine> Periods { get; private set; } = [];
    public int AllPeriods { get; private set; }
    /// <summary>The cursor of the next page (older periods), null on the last page.</summary>
    public string? OlderCursor { get; private set; }
    /// <summary>The cursor of the previous page (newer periods), null on the first page.</summary>
    public string? NewerCursor { get; private set; }
    /// <summary>The page size asked for (null: the default), carried by the paging links.</summary>
    public int? Limit { get; private set; }

    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }
    public string? AreaPeriod { get; private set; }
    public IReadOnlyList<AreaLine> Areas { get; private set; } = [];
    public bool CanApprove { get; private set; }
    public bool CanUnlock { get; private set; }
    public bool CanEnter { get; private set; }
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, int? limit, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } indicator)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Limit = limit is null ? null : Paging.Size(limit, byDefault: PageSize);
        Done = done switch
        {
            "approved" => text["The period is approved and locked."].Value,
            "unlocked" => text["The period is unlocked; the audit log keeps the reason."].Value,
            _ => null,
        };
        await LoadAsync(indicator, cancellationToken);
        if (Error is not null)
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, string? period, CancellationToken cancellationToken) =>
        ActAsync(id, "approved", (indicator, manager) => periods.ApproveAsync(indicator, period, access.UserId!.Value, manager, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(Guid id, string? period, string? reason, CancellationToken cancellationToken) =>
        ActAsync(id, "unlocked", (indicator, manager) => periods.UnlockAsync(indicator, period, reason, access.UserId!.Value, manager, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, string done, Func<Indicator, bool, Task<Outcome<Indicator>>> act, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } indicator)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        var result = await act(indicator, await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken));
        if (result.Refusal is not { } refused)
            return Redirect($"/missions/{Mission.Code}/results/indicators/{indicator.Id}?done={done}#values");
        Error = refused.Message;
        await LoadAsync(indicator, cancellationToken);
        return new PageResult
        {
            StatusCode = refused.Kind switch
            {
                RefusalKind.NotAllowed => StatusCodes.Status403Forbidden,
                RefusalKind.Conflict or RefusalKind.Stale => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            },
        };
    }

    /// <summary>
    /// The page of <paramref name="periods"/> (newest first) that <see cref="After"/> or <see cref="Before"/> asks for, and
    /// the cursors of its neighbours. The periods of one indicator share its frequency: a period's start identifies it.
    /// </summary>
    private IReadOnlyList<Period> PageOf(IReadOnlyList<Period> periods)
    {
        var size = Limit ?? PageSize;
        static DateTime StartOf(Period p) => p.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var (after, before) = (Read(After), Read(Before));
        if ((After is not null && after is null) || (Before is not null && before is null))
        {
            Error = text["This link to a page of values is not one this server gave out: the latest periods are shown instead."].Value;
            (after, before) = (null, null);
        }
        List<Period> page;
        if (before is { } newerThan)
        {
            var newer = periods.Where(p => StartOf(p) > newerThan).ToList();
            page = newer.Skip(Math.Max(0, newer.Count - size)).ToList();
        }
        else
            page = periods.Where(p => after is not { } olderThan || StartOf(p) < olderThan).Take(size).ToList();
        if (page.Count == 0)
            return page;
        OlderCursor = periods.Any(p => StartOf(p) < StartOf(page[^1])) ? Paging.Cursor(StartOf(page[^1]), Guid.Empty) : null;
        NewerCursor = periods.Any(p => StartOf(p) > StartOf(page[0])) ? Paging.Cursor(StartOf(page[0]), Guid.Empty) : null;
        return page;
    }

    private static DateTime? Read(string? cursor) => cursor is not null && Paging.TryParseCursor(cursor, out var at) && at.Id == Guid.Empty ? at.At : null;

    private async Task<Indicator?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        return await details.FindReadableAsync(id, tracked: false, cancellationToken) is var (mission, indicator) && mission.Id == Mission.Id ? indicator : null;
    }

    private async Task LoadAsync(Indicator indicator, CancellationToken cancellationToken)
    {
        Indicator = await details.OfAsync(indicator, cancellationToken);
        var manager = await access.HasAsync(Permission.ResultsManage, Mission.Id, cancellationToken);
        CanApprove = indicator.OwnerUserId == access.UserId || (indicator.OwnerUserId is null && manager);
        CanUnlock = indicator.OwnerUserId == access.UserId || manager;
        CanEnter = !indicator.Computed && await access.HasAsync(Permission.ResultsEnter, Mission.Id, cancellationToken);

        var totals = (await details.ValuesAsync(indicator, null, null, "", cancellationToken)).Where(v => v.Disaggregation == "").ToList();
        var targets = Indicator.Targets.Where(t => t.Area == "" && t.Kind == TargetKind.Target).ToDictionary(t => t.Period, t => t.Value);
        var baseline = Indicator.Targets.Where(t => t.Area == "" && t.Kind == TargetKind.Baseline).LastOrDefault()?.Value;
        var actuals = totals.ToDictionary(v => v.Period, v => v.Value);
        Chart = IndicatorChart.Of(actuals, targets, baseline);

        var approved = Indicator.ApprovedPeriods.ToHashSet();
        var byPeriod = totals.ToDictionary(v => v.Period);
        var lines = actuals.Keys.Concat(targets.Keys).Concat(approved).Distinct()
            .Select(id => Period.TryParse(id, out var p) ? p : null).OfType<Period>().OrderByDescending(p => p.Start).ToList();
        AllPeriods = lines.Count;
        Periods = PageOf(lines).Select(p =>
        {
            var value = byPeriod.GetValueOrDefault(p.Id);
            var target = targets.TryGetValue(p.Id, out var t) ? t : (double?)null;
            return new PeriodLine(p.Id, value?.Value, target, IndicatorViews.StatusOf(indicator.Direction, value?.Value, target, baseline),
                approved.Contains(p.Id), value?.EnteredBy, value?.FollowUp == true, value?.Comment, value?.Low, value?.High);
        }).ToList();

        if (indicator.AreaLevel is null)
            return;
        var latest = await db.Set<IndicatorValue>().AsNoTracking().Where(v => v.IndicatorId == indicator.Id && v.AreaCode != "" && v.Disaggregation == "")
            .OrderByDescending(v => v.PeriodStart).Select(v => new { v.Period, v.PeriodStart }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
            return;
        AreaPeriod = latest.Period;
        var values = await db.Set<IndicatorValue>().AsNoTracking()
            .Where(v => v.IndicatorId == indicator.Id && v.Period == latest.Period && v.AreaCode != "" && v.Disaggregation == "")
            .Select(v => new { v.AreaCode, v.Value, v.IntervalLow, v.IntervalHigh }).ToListAsync(cancellationToken);
        var codes = values.Select(v => v.AreaCode).ToList();
        var names = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == indicator.MissionId && codes.Contains(a.PCode))
            .Select(a => new { a.PCode, a.Name }).ToDictionaryAsync(a => a.PCode, a => a.Name, cancellationToken);
        Areas = values.OrderBy(v => v.AreaCode, StringComparer.Ordinal).Select(v => new AreaLine(v.AreaCode, names.GetValueOrDefault(v.AreaCode, v.AreaCode), v.Value, v.IntervalLow, v.IntervalHigh)).ToList();
    }
}
