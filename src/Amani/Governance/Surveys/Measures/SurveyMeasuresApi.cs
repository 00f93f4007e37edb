using System.Text.RegularExpressions;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Problems;
using Amani.Platform.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Measures;

public sealed record SurveyMeasureInput(string? Slug, string? Name, string? NameFr, string? Question, IReadOnlyList<string>? Choices);

public sealed record SurveyMeasureResponse(Guid Id, Guid SurveyId, string Key, string Slug, string Name, string NameFr, string Question,
    IReadOnlyList<string> Choices, DateTime CreatedAt);

public sealed record SurveyMeasureList(IReadOnlyList<SurveyMeasureResponse> Items);

/// <summary>
/// A survey's measures for the results framework, under <c>/api/v1/missions/{code}/surveys/{id}/measures</c>: list
/// (surveys:read; a sensitive survey's for its team only, as its rounds) and create (surveys:manage; audited 4370).
/// The question is a select_one or select_multiple of one of the survey's forms (latest version, outside a repeat); the
/// choices counted as "yes" are among its choices. Indicators are then created over <c>surveys.{slug}</c> in Results.
/// </summary>
public static partial class SurveyMeasuresApi
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static RouteGroupBuilder MapSurveyMeasuresApi(this RouteGroupBuilder api)
    {
        var measures = api.MapGroup("/missions/{code}/surveys/{id:guid}").WithTags("Surveys");
        measures.MapGet("/measures", List).WithName("ListSurveyMeasures").RequirePermission(Permission.SurveysRead);
        measures.MapPost("/measures", Create).WithName("CreateSurveyMeasure").RequirePermission(Permission.SurveysManage);
        return api;
    }

    private static SurveyMeasureResponse View(SurveyMeasure m) => new(m.Id, m.SurveyId, SurveyMeasures.KeyOf(m), m.Slug, m.Name, m.NameFr, m.Question,
        m.Choices.Split(','), m.CreatedAt);

    private static async Task<Results<Ok<SurveyMeasureList>, ProblemHttpResult>> List(string code, Guid id, RoundAccess access, AmaniDbContext db,
        CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return refused;
        var items = await db.Set<SurveyMeasure>().AsNoTracking().Where(m => m.SurveyId == scope!.Survey.Id).OrderBy(m => m.Slug).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SurveyMeasureList(items.Select(View).ToList()));
    }

    private static async Task<Results<Created<SurveyMeasureResponse>, ProblemHttpResult>> Create(string code, Guid id, SurveyMeasureInput input,
        RoundAccess access, RoundBook book, AmaniDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (scope, refused) = await access.SurveyAsync(code, id, cancellationToken);
        if (refused is not null)
            return refused;
        if (!scope!.Rights.Manages)
            return Problem.Forbidden("Only those who manage the mission's surveys (surveys:manage in this mission) can do this.");
        var slug = input.Slug?.Trim() ?? "";
        if (slug.Length is 0 or > SurveyMeasureLimits.Slug || !SlugPattern().IsMatch(slug))
            return Problem.Of(Refusal.Invalid("slug", $"Give a slug of lower-case letters, digits and single hyphens, at most {SurveyMeasureLimits.Slug} characters (e.g. 'feel-safe-at-night'): the measure's key is surveys.<slug>."));
        foreach (var (name, value) in new[] { ("name", input.Name), ("nameFr", input.NameFr) })
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > SurveyMeasureLimits.Name)
                return Problem.Of(Refusal.Invalid(name, $"Give the measure's name in {(name == "name" ? "English" : "French")}, at most {SurveyMeasureLimits.Name} characters."));
        var question = input.Question?.Trim() ?? "";
        var forms = await db.Set<SurveyForm>().AsNoTracking().Where(f => f.SurveyId == id).Select(f => f.Id).ToListAsync(cancellationToken);
        Forms.FormField? field = null;
        foreach (var form in forms)
            if ((await book.FieldsAsync(form, cancellationToken)).TryGetValue(question, out var found))
                field = found;
        if (field is null || field.Type is not ("select_one" or "select_multiple"))
            return Problem.Of(Refusal.Invalid("question", field is null
                ? $"No form of the survey has a question '{question}' outside a repeat: give its path as in the form (e.g. 'safe_night' or 'group/safe_night')."
                : $"'{question}' is a {field.Type}: a survey measure counts the answers of a select_one or select_multiple."));
        var choices = (input.Choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        if (choices.Count == 0)
            return Problem.Of(Refusal.Invalid("choices", $"Name the choices counted as the share's 'yes' (among {string.Join(", ", field.Choices.Select(c => c.Name))})."));
        if (choices.FirstOrDefault(c => field.Choices.All(k => k.Name != c)) is { } unknown)
            return Problem.Of(Refusal.Invalid("choices", $"'{unknown}' is not a choice of '{question}' ({string.Join(", ", field.Choices.Select(c => c.Name))})."));
        if (string.Join(",", choices).Length > SurveyMeasureLimits.Choices)
            return Problem.Of(Refusal.Invalid("choices", "Too many choices: count fewer."));
        if (await db.Set<SurveyMeasure>().AnyAsync(m => m.Slug == slug, cancellationToken))
            return Problem.Conflict($"A survey measure 'surveys.{slug}' already exists: measure keys are unique across Amani; choose another slug.");
        var measure = new SurveyMeasure
        {
            MissionId = scope.Survey.MissionId, SurveyId = id, Slug = slug, Name = input.Name!.Trim(), NameFr = input.NameFr!.Trim(), Question = question,
            Choices = string.Join(",", choices), CreatedByUserId = scope.Rights.UserId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Set<SurveyMeasure>().Add(measure);
        audit.Record(AuditAction.SurveyMeasureCreated, SurveyMeasure.AuditEntity, measure.Id,
            $"Survey measure surveys.{slug} created in survey {id}: '{question}' counting {measure.Choices}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            return Problem.Conflict($"A survey measure 'surveys.{slug}' was just created by someone else: choose another slug.");
        }
        return TypedResults.Created($"/api/v1/missions/{scope.Mission.Code}/surveys/{id}/measures/{measure.Id}", View(measure));
    }
}
