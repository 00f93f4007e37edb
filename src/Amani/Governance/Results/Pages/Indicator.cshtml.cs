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
/// </summary>
[PagePermission("results:read")]
public sealed class IndicatorModel(AmaniDbContext db, IndicatorDetails details, IndicatorPeriods periods, AccessContext access,
    IStringLocalizer<IndicatorModel> text) : PageModel
{
    /// <summary>The most periods the values table lists (the latest).</summary>
    public const int ShownPeriods = 60;

    public sealed record PeriodLine(string Period, double? Value, double? Target, IndicatorStatus Status, bool Approved, string? EnteredBy, bool FollowUp,
        string? Comment);

    public sealed record AreaLine(string Code, string Name, double Value);

    public MissionEntry Mission { get; private set; } = null!;
    public IndicatorResponse Indicator { get; private set; } = null!;
    public IndicatorChart Chart { get; private set; } = new();
    public IReadOnlyList<PeriodLine> Periods { get; private set; } = [];
    public int AllPeriods { get; private set; }
    public string? AreaPeriod { get; private set; }
    public IReadOnlyList<AreaLine> Areas { get; private set; } = [];
    public bool CanApprove { get; private set; }
    public bool CanUnlock { get; private set; }
    public bool CanEnter { get; private set; }
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } indicator)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Done = done switch
        {
            "approved" => text["The period is approved and locked."].Value,
            "unlocked" => text["The period is unlocked; the audit log keeps the reason."].Value,
            _ => null,
        };
        await LoadAsync(indicator, cancellationToken);
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
            .Select(id => Period.TryParse(id, out var p) ? p : null).OfType<Period>().OrderByDescending(p => p.Start).Select(p => p.Id).ToList();
        AllPeriods = lines.Count;
        Periods = lines.Take(ShownPeriods).Select(p =>
        {
            var value = byPeriod.GetValueOrDefault(p);
            var target = targets.TryGetValue(p, out var t) ? t : (double?)null;
            return new PeriodLine(p, value?.Value, target, IndicatorViews.StatusOf(indicator.Direction, value?.Value, target, baseline), approved.Contains(p),
                value?.EnteredBy, value?.FollowUp == true, value?.Comment);
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
            .Select(v => new { v.AreaCode, v.Value }).ToListAsync(cancellationToken);
        var codes = values.Select(v => v.AreaCode).ToList();
        var names = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == indicator.MissionId && codes.Contains(a.PCode))
            .Select(a => new { a.PCode, a.Name }).ToDictionaryAsync(a => a.PCode, a => a.Name, cancellationToken);
        Areas = values.OrderBy(v => v.AreaCode, StringComparer.Ordinal).Select(v => new AreaLine(v.AreaCode, names.GetValueOrDefault(v.AreaCode, v.AreaCode), v.Value)).ToList();
    }
}
