using System.Text.RegularExpressions;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Measures;

/// <summary>
/// Creating, changing and removing survey measures: the rules, shared by the API and the page. Each change is one save
/// with its audit row (4370 created, 4371 changed, 4372 removed); a refusal writes nothing. The slug is the measure's key
/// (<c>surveys.{slug}</c>), which indicators store: it never changes. A change or removal names the version it was
/// read at (412 otherwise); a removal is refused (409, naming the indicators) while an indicator is computed from the
/// measure, as the results framework says through <see cref="IMeasureUses"/>. After a change or removal computed
/// indicators over the surveys are brought up to date (<see cref="MeasureChanges"/>).
/// </summary>
public sealed partial class SurveyMeasureBook(AmaniDbContext db, RoundBook rounds, AuditLog audit, TimeProvider clock, IMeasureUses uses,
    MeasureChanges changes)
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static Refusal Stale { get; } =
        Refusal.Stale("The survey measure was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<SurveyMeasure>> CreateAsync(Survey survey, SurveyMeasureInput input, Guid? userId, CancellationToken cancellationToken)
    {
        var slug = input.Slug?.Trim() ?? "";
        if (slug.Length is 0 or > SurveyMeasureLimits.Slug || !SlugPattern().IsMatch(slug))
            return Refusal.Invalid("slug", $"Give a slug of lower-case letters, digits and single hyphens, at most {SurveyMeasureLimits.Slug} characters (e.g. 'feel-safe-at-night'): the measure's key is surveys.<slug>.");
        var measure = new SurveyMeasure
        {
            MissionId = survey.MissionId, SurveyId = survey.Id, Slug = slug, Name = "", NameFr = "", Question = "", Choices = "",
            CreatedByUserId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await ApplyAsync(survey, measure, input, cancellationToken) is { } refused)
            return refused;
        if (await db.Set<SurveyMeasure>().AnyAsync(m => m.Slug == slug, cancellationToken))
            return Refusal.Conflict($"A survey measure 'surveys.{slug}' already exists: measure keys are unique across Amani; choose another slug.");
        db.Set<SurveyMeasure>().Add(measure);
        audit.Record(AuditAction.SurveyMeasureCreated, SurveyMeasure.AuditEntity, measure.Id,
            $"Survey measure surveys.{slug} created in survey {survey.Id}: '{measure.Question}' counting {measure.Choices}.");
        return await SaveAsync(measure, false, cancellationToken);
    }

    /// <summary>Changes the names, the question or the choices (a field left null keeps its value); the slug stays.</summary>
    public async Task<Outcome<SurveyMeasure>> UpdateAsync(Survey survey, SurveyMeasure measure, int expectedVersion, SurveyMeasureInput input,
        CancellationToken cancellationToken)
    {
        if (measure.Version != expectedVersion)
            return Stale;
        if (input.Slug is { } slug && slug.Trim() != measure.Slug)
            return Refusal.Invalid("slug", $"The slug is the measure's key (surveys.{measure.Slug}), which indicators name: it cannot change. Create a new measure instead, and remove this one once no indicator uses it.");
        if (await ApplyAsync(survey, measure, input, cancellationToken) is { } refused)
            return refused;
        measure.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        measure.Version++;
        audit.Record(AuditAction.SurveyMeasureUpdated, SurveyMeasure.AuditEntity, measure.Id,
            $"Survey measure surveys.{measure.Slug} changed (version {measure.Version}): '{measure.Question}' counting {measure.Choices}.");
        return await SaveAsync(measure, true, cancellationToken);
    }

    public async Task<Outcome<SurveyMeasure>> RemoveAsync(SurveyMeasure measure, int expectedVersion, CancellationToken cancellationToken)
    {
        if (measure.Version != expectedVersion)
            return Stale;
        var key = SurveyMeasures.KeyOf(measure);
        var indicators = await uses.IndicatorsUsingAsync(key, cancellationToken);
        if (indicators.Count > 0)
            return Refusal.Conflict($"The indicator{(indicators.Count == 1 ? "" : "s")} {string.Join(", ", indicators.Take(10))}{(indicators.Count > 10 ? $" and {indicators.Count - 10} more" : "")} "
                                    + $"{(indicators.Count == 1 ? "is" : "are")} computed from {key}: change {(indicators.Count == 1 ? "it" : "them")} to another measure or remove {(indicators.Count == 1 ? "it" : "them")} first. Nothing was removed.")
                with { Details = new Dictionary<string, object?> { ["indicators"] = indicators } };
        db.Set<SurveyMeasure>().Remove(measure);
        audit.Record(AuditAction.SurveyMeasureRemoved, SurveyMeasure.AuditEntity, measure.Id,
            $"Survey measure {key} removed from survey {measure.SurveyId} (version {measure.Version}).");
        return await SaveAsync(measure, true, cancellationToken);
    }

    private async Task<Refusal?> ApplyAsync(Survey survey, SurveyMeasure measure, SurveyMeasureInput input, CancellationToken cancellationToken)
    {
        var (name, nameFr) = (input.Name?.Trim() ?? measure.Name, input.NameFr?.Trim() ?? measure.NameFr);
        foreach (var (key, value) in new[] { ("name", name), ("nameFr", nameFr) })
            if (value.Length is 0 or > SurveyMeasureLimits.Name || value.Any(char.IsControl))
                return Refusal.Invalid(key, $"Give the measure's name in {(key == "name" ? "English" : "French")}, at most {SurveyMeasureLimits.Name} characters.");
        var question = input.Question?.Trim() ?? measure.Question;
        var forms = await db.Set<SurveyForm>().AsNoTracking().Where(f => f.SurveyId == survey.Id).Select(f => f.Id).ToListAsync(cancellationToken);
        Forms.FormField? field = null;
        foreach (var form in forms)
            if ((await rounds.FieldsAsync(form, cancellationToken)).TryGetValue(question, out var found))
                field = found;
        if (field is null || field.Type is not ("select_one" or "select_multiple"))
            return Refusal.Invalid("question", field is null
                ? $"No form of the survey has a question '{question}' outside a repeat: give its path as in the form (e.g. 'safe_night' or 'group/safe_night')."
                : $"'{question}' is a {field.Type}: a survey measure counts the answers of a select_one or select_multiple.");
        var choices = input.Choices is null && question == measure.Question
            ? measure.Choices.Split(',').ToList()
            : (input.Choices ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var known = string.Join(", ", field.Choices.Select(c => c.Name));
        if (choices.Count == 0)
            return Refusal.Invalid("choices", $"Name the choices counted as the share's 'yes' (among {known}).");
        if (choices.FirstOrDefault(c => field.Choices.All(k => k.Name != c)) is { } unknown)
            return Refusal.Invalid("choices", $"'{unknown}' is not a choice of '{question}' ({known}).");
        if (string.Join(",", choices).Length > SurveyMeasureLimits.Choices)
            return Refusal.Invalid("choices", "Too many choices: count fewer.");
        (measure.Name, measure.NameFr, measure.Question, measure.Choices) = (name, nameFr, question, string.Join(",", choices));
        return null;
    }

    private async Task<Outcome<SurveyMeasure>> SaveAsync(SurveyMeasure measure, bool announce, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
        catch (DbUpdateException collision) when (DatabaseErrors.IsUniqueViolation(collision))
        {
            return Refusal.Conflict($"A survey measure 'surveys.{measure.Slug}' was just created by someone else: choose another slug.");
        }
        if (announce)
            changes.Changed(measure.MissionId, SurveyMeasures.Name);
        return Outcome<SurveyMeasure>.Ok(measure);
    }
}
