using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Missions.Pages.Admin;

/// <summary>Missions: the list (each leading to its edit and areas pages) and the creation form, through <see cref="MissionRules"/> as the API.</summary>
[PagePermission("missions:manage")]
public sealed class MissionsModel(AmaniDbContext db, MissionRules rules, AccessContext access, IStringLocalizer<MissionsModel> text) : PageModel
{
    public IReadOnlyList<Mission> Missions { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    [TempData] public string? Notice { get; set; }

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? CountryIso3 { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new CreateMissionRequest(Code?.Trim() ?? "", Name?.Trim() ?? "", CountryIso3?.Trim() ?? "",
            string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim());
        if (Errors.Check(request))
        {
            var result = await rules.CreateAsync(request, cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The mission {0} has been created.", result.Value!.Code];
                return RedirectToPage();
            }
            Errors.Add(result.Field!, result.Error!);
        }
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var managed = (await access.MissionsWithAsync(Permission.MissionsManage, cancellationToken))?.ToList();
        Missions = await db.Missions.AsNoTracking().Where(m => managed == null || managed.Contains(m.Id)).OrderBy(m => m.Code).ToListAsync(cancellationToken);
    }
}
