using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds.Pages;

/// <summary>
/// What a survey manager changes on a round (no script): its design (the create form's fields, loaded with the round's
/// values), its strata's populations from a CSV file, and its publication — each through <see cref="RoundBook"/> as the
/// API does, with the version the page was loaded with (a change made meanwhile is refused, 409, nothing written), a
/// refusal shown beside its field. Gated on surveys:manage; a sensitive survey's rounds for its team only.
/// </summary>
[PagePermission("surveys:manage")]
public sealed class RoundManageModel(RoundAccess access, RoundBook book, AmaniDbContext db) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public SurveyRoundRecord Round { get; private set; } = null!;
    public IReadOnlyList<string> Forms { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    private RoundScope _scope = null!;
    private string _xmlFormId = "";

    [BindProperty] public RoundFields Fields { get; set; } = new();

    public string RoundPath => $"/missions/{Mission.Code}/surveys/{Round.SurveyId}/rounds/{Round.Id}";

    public async Task<IActionResult> OnGetAsync(string code, Guid id, Guid roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, roundId, cancellationToken) is { } refused)
            return refused;
        Fields = RoundFields.Of(Round, _xmlFormId);
        return Page();
    }

    public async Task<IActionResult> OnPostDesignAsync(string code, Guid id, Guid roundId, int version, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, roundId, cancellationToken) is { } refused)
            return refused;
        var (input, populations) = await Fields.InputAsync(cancellationToken);
        if (populations is not null)
            return Refused("populations", populations, StatusCodes.Status400BadRequest, keepFields: true);
        return Done(await book.UpdateAsync(_scope.Survey, Round, version, input!, cancellationToken), keepFields: true);
    }

    public async Task<IActionResult> OnPostPopulationsAsync(string code, Guid id, Guid roundId, int version, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, roundId, cancellationToken) is { } refused)
            return refused;
        if (file is null || file.Length == 0)
            return Refused("file", "Choose a CSV file with the header 'pcode,population'.", StatusCodes.Status400BadRequest);
        await using var content = file.OpenReadStream();
        var outcome = await book.ImportPopulationsAsync(Round, version, content, cancellationToken);
        return outcome.Refusal is { Kind: RefusalKind.Invalid } bad // every rule of the file (its header, a row, a P-code) is shown beside it
            ? Refused("file", bad.Message, StatusCodes.Status400BadRequest)
            : Done(outcome);
    }

    public async Task<IActionResult> OnPostPublicationAsync(string code, Guid id, Guid roundId, int version, bool publish, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, roundId, cancellationToken) is { } refused)
            return refused;
        if (publish && await access.PublicationProblemAsync(_scope, Round, cancellationToken) is { } problem)
            return Done(problem);
        return Done(await book.PublishAsync(Round, version, publish, cancellationToken));
    }

    private IActionResult Done(Outcome<SurveyRoundRecord> outcome, bool keepFields = false) =>
        outcome.Refusal is { } refusal
            ? Refused(refusal.Kind == RefusalKind.Stale ? "version" : RoundFields.FieldOf(refusal), refusal.Message, RoundFields.StatusOf(refusal), keepFields)
            : Redirect(RoundPath);

    private PageResult Refused(string field, string message, int status, bool keepFields = false)
    {
        if (!keepFields)
            Fields = RoundFields.Of(Round, _xmlFormId);
        Errors.Add(field, message);
        return new PageResult { StatusCode = status };
    }

    private async Task<IActionResult?> LoadAsync(string code, Guid id, Guid roundId, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (round, scope, refused) = await access.RoundAsync(code, id, roundId, HttpMethods.IsPost(Request.Method), cancellationToken);
        if (refused is not null)
            return PageAccess.Status(HttpContext, refused.StatusCode);
        if (!scope!.Rights.Manages)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        (Round, _scope) = (round!, scope);
        var forms = await db.Set<SurveyForm>().AsNoTracking().Where(f => f.SurveyId == id).OrderBy(f => f.XmlFormId)
            .Select(f => new { f.Id, f.XmlFormId }).ToListAsync(cancellationToken);
        Forms = forms.Select(f => f.XmlFormId).ToList();
        _xmlFormId = forms.FirstOrDefault(f => f.Id == Round.FormId)?.XmlFormId ?? "";
        return null;
    }
}
