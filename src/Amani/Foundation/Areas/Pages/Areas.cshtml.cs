using Amani.Platform.Access;
using Amani.Foundation.Areas;
using Amani.Foundation.Missions;
using Amani.Platform.Data;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Amani.Foundation.Areas.Pages;

/// <summary>
/// A mission's areas: the list by level and the upload of a boundaries file (GeoJSON FeatureCollection, one level),
/// imported by <see cref="AreaImporter"/> as the API's import, whose summary (inserted, updated, unchanged, refused,
/// repaired, and why) the page shows. A refused file writes nothing.
/// </summary>
[PagePermission("areas:manage")]
[RequestSizeLimit(AreaImportLimits.MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = AreaImportLimits.MaxUploadBytes)]
public sealed class AreasModel(AmaniDbContext db, AreaImporter importer, IStringLocalizer<AreasModel> text) : PageModel
{
    public sealed record Row(int Level, string PCode, string Name, string? ParentPCode, bool HasBoundary);

    public Mission Mission { get; private set; } = null!;
    public IReadOnlyList<Row> Areas { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public AreaImportSummary? Summary { get; private set; }

    [BindProperty] public int? Level { get; set; }
    [BindProperty] public string? PCodeProperty { get; set; }
    [BindProperty] public string? NameProperty { get; set; }
    [BindProperty] public string? ParentProperty { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        if (Level is null)
            Errors.Add("level", text["Give the administrative level of the file's areas (0 for the country, up to {0}).", AreaLimits.MaxLevel]);
        if (file is null || file.Length == 0)
            Errors.Add("file", text["Choose a GeoJSON file (a FeatureCollection)."]);
        if (!Errors.Any)
        {
            await using var content = file!.OpenReadStream();
            var result = await importer.ImportAsync(Mission, content,
                new AreaImportOptions(Level!.Value, Blank(PCodeProperty), Blank(NameProperty), Blank(ParentProperty), file.FileName), cancellationToken);
            if (result.Succeeded)
            {
                Summary = result.Value;
                await LoadAsync(cancellationToken);
                return Page();
            }
            db.DiscardChanges();
            Errors.Add(result.Refusal!.Field ?? "file", result.Refusal.Message);
        }
        await LoadAsync(cancellationToken);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Mission = await HttpContext.LoadMissionAsync(cancellationToken);
        var missionId = Mission.Id;
        Areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .OrderBy(a => a.Level).ThenBy(a => a.PCode)
            .Select(a => new Row(a.Level, a.PCode, a.Name, db.Set<AdminArea>().Where(p => p.Id == a.ParentId).Select(p => p.PCode).FirstOrDefault(),
                a.GeometryGeoJson != null))
            .ToListAsync(cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
