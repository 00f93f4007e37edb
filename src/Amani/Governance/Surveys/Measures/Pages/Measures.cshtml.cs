using Amani.Governance.Surveys.Forms;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Amani.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Measures.Pages;

/// <summary>
/// A survey's measures for the results framework (no script): the list, and for managers the forms that create one,
/// change one (names, question, choices — saved only at the version it was loaded at, else 409 and nothing written)
/// and remove one after a confirmation step (refused, with the indicators named, while an indicator uses it). Every
/// change goes through <see cref="SurveyMeasureBook"/>, as the API's. Gated on surveys:read; a sensitive survey's for
/// its team only (<see cref="RoundAccess"/>).
/// </summary>
[PagePermission("surveys:read")]
public sealed class MeasuresModel(RoundAccess access, RoundBook rounds, SurveyMeasureBook book, AmaniDbContext db) : PageModel
{
    public MissionEntry Mission { get; private set; } = null!;
    public RoundScope Scope { get; private set; } = null!;
    public IReadOnlyList<SurveyMeasure> Items { get; private set; } = [];
    /// <summary>The survey's select questions outside repeats (latest version of each form), the ones a measure may count.</summary>
    public IReadOnlyList<(string Path, FormField Field)> Questions { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    /// <summary>The measure being changed (its form is shown), or whose removal awaits confirmation.</summary>
    public SurveyMeasure? Editing { get; private set; }
    public SurveyMeasure? Removing { get; private set; }
    public string? Done { get; private set; }

    [BindProperty] public MeasureFields Fields { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, Guid id, Guid? edit, Guid? remove, string? done, CancellationToken cancellationToken)
    {
        if (await LoadAsync(code, id, cancellationToken) is { } refused)
            return refused;
        Done = done is "created" or "saved" or "removed" ? done : null;
        if (edit is null && remove is null)
            return Page();
        if (!Scope.Rights.Manages)
            return PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden);
        Editing = edit is { } e ? Items.FirstOrDefault(m => m.Id == e) : null;
        Removing = remove is { } r ? Items.FirstOrDefault(m => m.Id == r) : null;
        if (Editing is null && Removing is null)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        if (Editing is { } m)
            Fields = MeasureFields.Of(m);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(code, id, cancellationToken) is { } refused)
            return refused;
        var outcome = await book.CreateAsync(Scope.Survey, Fields.Input(true), Scope.Rights.UserId, cancellationToken);
        return outcome.Refusal is { } refusal ? Refused(refusal) : Redirect($"{Self}?done=created");
    }

    public async Task<IActionResult> OnPostUpdateAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(code, id, cancellationToken) is { } refused)
            return refused;
        if (await TrackedAsync(id, cancellationToken) is not { } measure)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Editing = Items.First(m => m.Id == measure.Id);
        var outcome = await book.UpdateAsync(Scope.Survey, measure, Fields.Version, Fields.Input(false), cancellationToken);
        return outcome.Refusal is { } refusal ? Refused(refusal) : Redirect($"{Self}?done=saved");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        if (await ManagedAsync(code, id, cancellationToken) is { } refused)
            return refused;
        if (await TrackedAsync(id, cancellationToken) is not { } measure)
            return PageAccess.Status(HttpContext, StatusCodes.Status404NotFound);
        Removing = Items.First(m => m.Id == measure.Id);
        var outcome = await book.RemoveAsync(measure, Fields.Version, cancellationToken);
        return outcome.Refusal is { } refusal ? Refused(refusal) : Redirect($"{Self}?done=removed");
    }

    private string Self => $"/missions/{Mission.Code}/surveys/{Scope.Survey.Id}/measures";

    private Task<SurveyMeasure?> TrackedAsync(Guid survey, CancellationToken cancellationToken) =>
        db.Set<SurveyMeasure>().FirstOrDefaultAsync(m => m.Id == Fields.Id && m.SurveyId == survey, cancellationToken);

    /// <summary>The refusal shown on the page: a field's next to it, a stale version or a measure in use at the top (409).</summary>
    private PageResult Refused(Refusal refusal)
    {
        Errors.Add(refusal.Kind == RefusalKind.Invalid ? refusal.Field ?? "form" : "form", refusal.Message);
        return new PageResult
        {
            StatusCode = refusal.Kind is RefusalKind.Stale or RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
        };
    }

    private async Task<IActionResult?> ManagedAsync(string code, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(code, id, cancellationToken) ?? (Scope.Rights.Manages ? null : PageAccess.Status(HttpContext, StatusCodes.Status403Forbidden));

    private async Task<IActionResult?> LoadAsync(string code, Guid id, CancellationToken cancellationToken)
    {
        Mission = HttpContext.Mission();
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return PageAccess.Status(HttpContext, refused.StatusCode);
        Scope = scope!;
        Items = await db.Set<SurveyMeasure>().AsNoTracking().Where(m => m.SurveyId == id).OrderBy(m => m.Slug).ToListAsync(cancellationToken);
        var questions = new Dictionary<string, FormField>(StringComparer.Ordinal);
        foreach (var form in await db.Set<SurveyForm>().AsNoTracking().Where(f => f.SurveyId == id).OrderBy(f => f.XmlFormId).Select(f => f.Id).ToListAsync(cancellationToken))
            foreach (var (path, field) in await rounds.FieldsAsync(form, cancellationToken))
                if (field.Type is "select_one" or "select_multiple")
                    questions.TryAdd(path, field);
        Questions = questions.OrderBy(q => q.Key, StringComparer.Ordinal).Select(q => (q.Key, q.Value)).ToList();
        return null;
    }
}

/// <summary>The create and change forms of a survey measure; choices comma-separated.</summary>
public sealed record MeasureFields
{
    public Guid Id { get; set; }
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? NameFr { get; set; }
    public string? Question { get; set; }
    public string? Choices { get; set; }
    public int Version { get; set; }

    public SurveyMeasureInput Input(bool creating) => new(creating ? Slug ?? "" : null, Name ?? "", NameFr ?? "", Question ?? "",
        (Choices ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public static MeasureFields Of(SurveyMeasure m) => new()
    {
        Id = m.Id, Slug = m.Slug, Name = m.Name, NameFr = m.NameFr, Question = m.Question, Choices = m.Choices.Replace(",", ", "), Version = m.Version,
    };
}
