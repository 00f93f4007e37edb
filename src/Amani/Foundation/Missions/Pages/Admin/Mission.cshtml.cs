using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Missions;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Missions.Pages.Admin;

/// <summary>One mission's settings (name, time zone; the code and country are fixed), through <see cref="MissionRules"/> as the API.</summary>
[PagePermission("missions:manage")]
public sealed class MissionModel(AmaniDbContext db, MissionRules rules, IStringLocalizer<MissionModel> text) : PageModel
{
    public Mission Mission { get; private set; } = null!;
    public FormErrors Errors { get; } = new();
    [TempData] public string? Notice { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? TimeZone { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        Name = Mission.Name;
        TimeZone = Mission.TimeZone;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = HttpContext.Mission().Id;
        Mission = await db.Missions.FirstAsync(m => m.Id == id, cancellationToken);
        var request = new UpdateMissionRequest(Name?.Trim() ?? "", TimeZone?.Trim() ?? "");
        if (Errors.Check(request))
        {
            var result = await rules.UpdateAsync(Mission, request, cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The mission {0} has been saved.", Mission.Code];
                return RedirectToPage();
            }
            db.DiscardChanges();
            Errors.Add(result.Field!, result.Error!);
        }
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }
}
