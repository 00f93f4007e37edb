using Amani.Governance.Surveys.Forms;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Amani.Register.Attachments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Amani.Governance.Surveys.Pages;

/// <summary>
/// One survey: its details (name, description, sensitive, state — saved only if the version the form was loaded at is still
/// the survey's, else 409 and nothing written), its team, its forms with their versions (open or close each, upload a
/// new form or version — an XLSForm's problems listed by sheet, row and column —, upload media, download the XForm and
/// the original XLSForm) and links to fill and to the submissions. Every change goes through <see cref="SurveyBook"/>
/// or <see cref="FormImports"/>, as the API's; only managers (surveys:manage) change anything.
/// </summary>
[PagePermission("surveys:read")]
[RequestSizeLimit(FormImports.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = FormImports.MaxFileBytes + 64 * 1024)]
public sealed class SurveyPageModel(SurveyAccess access, SurveyQueries queries, SurveyBook book, FormImports imports, IPeopleDirectory people,
    BlobStore blobs, IStringLocalizer<SurveyPageModel> text) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public SurveyRights Rights { get; private set; } = null!;
    public SurveyResponse Survey { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, PersonEntry> TeamPeople { get; private set; } = new Dictionary<Guid, PersonEntry>();
    /// <summary>Members of the mission who may join the team (managers only).</summary>
    public IReadOnlyList<PersonEntry> Candidates { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    /// <summary>The pyxform-style problems of a refused form file.</summary>
    public IReadOnlyList<FormProblem> Problems { get; private set; } = [];
    /// <summary>The survey as saved, when the details form was stale (409).</summary>
    public SurveyResponse? Stale { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public SurveyFields Fields { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound404;
        Fields = SurveyFields.Of(Survey);
        Done = done switch
        {
            "created" => text["The survey was created."].Value,
            "saved" => text["Saved."].Value,
            "imported" => text["The form was imported."].Value,
            "unchanged" => text["This form version was already imported: nothing changed."].Value,
            "state" => text["The form's state was changed."].Value,
            "media" => text["The media file was uploaded."].Value,
            _ => null,
        };
        return Page();
    }

    /// <summary>Saves name, description, sensitive and state (the team is kept).</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
            return denied;
        return await UpdateAsync(id, Fields, Survey.Team, cancellationToken);
    }

    /// <summary>Adds a member to the team, or removes one.</summary>
    public async Task<IActionResult> OnPostTeamAsync(Guid id, Guid? add, Guid? remove, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
            return denied;
        var team = Survey.Team.Where(m => m != remove).Concat(add is { } a ? [a] : []).Distinct().ToList();
        var fields = SurveyFields.Of(Survey) with { Version = Fields.Version };
        return await UpdateAsync(id, fields, team, cancellationToken);
    }

    private async Task<IActionResult> UpdateAsync(Guid id, SurveyFields fields, IReadOnlyList<Guid> team, CancellationToken cancellationToken)
    {
        var survey = (await queries.SurveyAsync(Rights, id, true, cancellationToken))!;
        var input = new SurveyInput(fields.Name, fields.Description, fields.Sensitive, team, fields.State);
        var outcome = await book.UpdateAsync(Mission, survey, fields.Version, input, cancellationToken);
        if (outcome.Refusal is not { } refusal)
            return Redirect($"/missions/{Mission.Code}/surveys/{id}?done=saved");
        if (refusal.Kind == RefusalKind.Stale)
        {
            await LoadAsync(id, cancellationToken);
            Stale = Survey;
            Fields = fields with { Version = Survey.Version };
            Errors.Add("form", refusal.Message);
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
        Errors.Add(refusal.Field ?? "form", refusal.Message);
        await LoadAsync(id, cancellationToken);
        Fields = fields;
        return new PageResult { StatusCode = refusal.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
    }

    /// <summary>Imports a form or a new version of one of this survey's forms (XLSForm or XForm).</summary>
    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
            return denied;
        Fields = SurveyFields.Of(Survey);
        if (file is not { Length: > 0 })
            return Refused("file", text["Choose a file: an XLSForm (.xlsx) or an XForm (.xml)."].Value);
        ImportOutcome outcome;
        await using (var content = file.OpenReadStream())
            outcome = await imports.ImportAsync(Mission, id, file.FileName, content, Rights.UserId, cancellationToken);
        if (outcome.Problems is { } problems)
        {
            Problems = problems;
            return Refused("file", text["{0} is not a form Amani can use: {1} problem(s), listed below. Nothing was stored.", Path.GetFileName(file.FileName),
                problems.Count].Value);
        }
        if (outcome.Refusal is { } refusal)
            return Refused("file", refusal.Message, refusal.Kind == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        return Redirect($"/missions/{Mission.Code}/surveys/{id}?done={(outcome.Value!.Created ? "imported" : "unchanged")}");
    }

    /// <summary>Opens or closes a form (or one version when <paramref name="version"/> is given).</summary>
    public async Task<IActionResult> OnPostFormStateAsync(Guid id, string form, string? state, string? version, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
            return denied;
        if (await OwnFormAsync(id, form, true, cancellationToken) is not { } found)
            return NotFound404;
        var outcome = await book.SetStateAsync(found, new FormStateRequest(state, string.IsNullOrEmpty(version) ? null : version), cancellationToken);
        Fields = SurveyFields.Of(Survey);
        return outcome.Refusal is { } refusal ? Refused("formState", refusal.Message) : Redirect($"/missions/{Mission.Code}/surveys/{id}?done=state");
    }

    /// <summary>Uploads a media file that the form's latest version refers to.</summary>
    public async Task<IActionResult> OnPostMediaAsync(Guid id, string form, string? name, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(id, cancellationToken) is { } denied)
            return denied;
        if (await OwnFormAsync(id, form, false, cancellationToken) is not { } found)
            return NotFound404;
        Fields = SurveyFields.Of(Survey);
        if (file is not { Length: > 0 } || string.IsNullOrEmpty(name))
            return Refused("media", text["Choose the media file the form names, and the file to upload."].Value);
        await using var content = file.OpenReadStream();
        var outcome = await book.UploadMediaAsync(found, name, file.ContentType, content, cancellationToken);
        return outcome.Refusal is { } refusal ? Refused("media", refusal.Message) : Redirect($"/missions/{Mission.Code}/surveys/{id}?done=media");
    }

    /// <summary>The XLSForm a version was made from, as uploaded.</summary>
    public async Task<IActionResult> OnGetOriginalAsync(Guid id, string form, string version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || await OwnFormAsync(id, form, false, cancellationToken) is not { } found
            || await queries.OriginalAsync(found, version, cancellationToken) is not var (fileName, blob) || blobs.OpenRead(blob) is not { } stream)
            return NotFound404;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    private IActionResult NotFound404 => PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);

    private PageResult Refused(string field, string message, int status = StatusCodes.Status400BadRequest)
    {
        Errors.Add(field, message);
        return new PageResult { StatusCode = status };
    }

    private async Task<IActionResult?> ManagedAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound404;
        return Rights.Manages ? null : PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
    }

    private async Task<SurveyForm?> OwnFormAsync(Guid id, string xmlFormId, bool tracked, CancellationToken cancellationToken) =>
        await queries.FormAsync(Rights, xmlFormId, tracked, cancellationToken) is { } form && form.SurveyId == id ? form : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        (_, Rights) = (await access.MissionAsync(Mission.Code, cancellationToken))!.Value;
        if (await queries.SurveyAsync(Rights, id, false, cancellationToken) is not { } survey)
            return false;
        Survey = await queries.SurveyResponseAsync(survey, cancellationToken);
        TeamPeople = await people.FindAsync(Survey.Team, cancellationToken);
        if (Rights.Manages)
            Candidates = (await people.MembersAsync(Mission.Id, 500, cancellationToken)).Where(p => !Survey.Team.Contains(p.Id)).ToList();
        return true;
    }
}

/// <summary>The details form of a survey, with the version it was loaded at.</summary>
public sealed record SurveyFields
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public bool Sensitive { get; set; }
    public string? State { get; set; }
    public int Version { get; set; }

    public static SurveyFields Of(SurveyResponse s) => new() { Name = s.Name, Description = s.Description, Sensitive = s.Sensitive, State = s.State, Version = s.Version };
}
