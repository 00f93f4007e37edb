using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Foundation.Organizations;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Organizations.Pages;

/// <summary>Organisations: the list and the creation form, through <see cref="OrganizationRules"/> as the API.</summary>
[PagePermission("organizations:manage")]
public sealed class OrganizationsModel(AmaniDbContext db, OrganizationRules rules, IStringLocalizer<OrganizationsModel> text) : PageModel
{
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    [TempData] public string? Notice { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Acronym { get; set; }
    [BindProperty] public OrganizationKind? Kind { get; set; }
    [BindProperty] public Guid? ParentId { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var request = new CreateOrganizationRequest(Name?.Trim() ?? "", string.IsNullOrWhiteSpace(Acronym) ? null : Acronym.Trim(), Kind, ParentId);
        if (Errors.Check(request))
        {
            var result = await rules.CreateAsync(request, cancellationToken);
            if (result.Succeeded)
            {
                Notice = text["The organisation {0} has been created.", result.Value!.Name];
                return RedirectToPage();
            }
            Errors.Add(result.Field!, result.Error!);
        }
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
}
