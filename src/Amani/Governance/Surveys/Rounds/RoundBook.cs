using System.Text.Json;
using Amani.Governance.Surveys.Forms;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// Creating and changing survey rounds (their design and strata) and publishing them: the rules, shared by the API and
/// the demo. Each change is one save with its audit row; a refusal writes nothing.
/// </summary>
public sealed class RoundBook(AmaniDbContext db, AuditLog audit, TimeProvider clock)
{
    public static Refusal Stale { get; } = Refusal.Stale("The round was changed since you loaded it. Reload it, then apply your change again.");

    public async Task<Outcome<SurveyRoundRecord>> CreateAsync(Survey survey, RoundInput input, Guid? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var round = new SurveyRoundRecord
        {
            MissionId = survey.MissionId, SurveyId = survey.Id, Name = "", StratumQuestion = "", ClusterQuestion = "",
            CreatedByUserId = userId, CreatedAt = now, UpdatedAt = now,
        };
        if (input.XmlFormId is null)
            return Refusal.Invalid("xmlFormId", "Name the form whose submissions make the round (its form id).");
        if (await ApplyAsync(survey, round, input, cancellationToken) is { } refused)
            return refused;
        db.Set<SurveyRoundRecord>().Add(round);
        audit.Record(AuditAction.SurveyRoundCreated, SurveyRoundRecord.AuditEntity, round.Id,
            $"Round created in survey {survey.Id}: {round.Strata.Count} strata, minimum cell size {round.MinimumCellSize}.");
        return await SaveAsync(round, cancellationToken);
    }

    public async Task<Outcome<SurveyRoundRecord>> UpdateAsync(Survey survey, SurveyRoundRecord round, int expectedVersion, RoundInput input,
        CancellationToken cancellationToken)
    {
        if (round.Version != expectedVersion)
            return Stale;
        if (await ApplyAsync(survey, round, input, cancellationToken) is { } refused)
            return refused;
        Touch(round);
        audit.Record(AuditAction.SurveyRoundUpdated, SurveyRoundRecord.AuditEntity, round.Id,
            $"Round updated (version {round.Version}): {round.Strata.Count} strata, minimum cell size {round.MinimumCellSize}.");
        return await SaveAsync(round, cancellationToken);
    }

    /// <summary>Replaces the strata with those of a CSV file (<c>pcode,population[,clusters_sampled,respondents_per_cluster]</c>).</summary>
    public async Task<Outcome<SurveyRoundRecord>> ImportPopulationsAsync(SurveyRoundRecord round, int expectedVersion, Stream csv,
        CancellationToken cancellationToken)
    {
        if (round.Version != expectedVersion)
            return Stale;
        var read = await PopulationCsv.ReadAsync(csv, cancellationToken);
        if (read.Refusal is { } refusal)
            return refusal;
        if (ReplaceStrata(round, read.Value!) is { } refused)
            return refused;
        Touch(round);
        audit.Record(AuditAction.SurveyRoundPopulationsImported, SurveyRoundRecord.AuditEntity, round.Id,
            $"Populations imported: {round.Strata.Count} strata (version {round.Version}).");
        return await SaveAsync(round, cancellationToken);
    }

    public async Task<Outcome<SurveyRoundRecord>> PublishAsync(SurveyRoundRecord round, int expectedVersion, bool published, CancellationToken cancellationToken)
    {
        if (round.Version != expectedVersion)
            return Stale;
        round.Published = published;
        round.PublishedAt = published ? clock.GetUtcNow().UtcDateTime : null;
        Touch(round);
        audit.Record(published ? AuditAction.SurveyRoundPublished : AuditAction.SurveyRoundWithdrawn, SurveyRoundRecord.AuditEntity, round.Id,
            published ? $"Round published (minimum cell size {round.MinimumCellSize})." : "Round withdrawn from publication.");
        return await SaveAsync(round, cancellationToken);
    }

    private void Touch(SurveyRoundRecord round)
    {
        round.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        round.Version++;
    }

    private async Task<Refusal?> ApplyAsync(Survey survey, SurveyRoundRecord round, RoundInput input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? round.Name;
        if (string.IsNullOrEmpty(name) || name.Length > SurveyLimits.Name || name.Any(char.IsControl))
            return Refusal.Invalid("name", $"Give the round a name of 1 to {SurveyLimits.Name} characters.");
        var description = input.Description is null ? round.Description : string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description?.Length > SurveyLimits.Description)
            return Refusal.Invalid("description", $"The description may have at most {SurveyLimits.Description} characters.");
        var form = input.XmlFormId is { } xmlFormId
            ? await db.Set<SurveyForm>().AsNoTracking().FirstOrDefaultAsync(f => f.SurveyId == survey.Id && f.XmlFormId == xmlFormId.Trim(), cancellationToken)
            : await db.Set<SurveyForm>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == round.FormId, cancellationToken);
        if (form is null)
            return Refusal.Invalid("xmlFormId", $"The survey has no form '{input.XmlFormId}': give the form id of one of its forms.");
        var (start, end) = (input.FieldworkStart ?? round.FieldworkStart, input.FieldworkEnd ?? round.FieldworkEnd);
        if (start == default || end == default || end < start)
            return Refusal.Invalid("fieldworkEnd", "Give the fieldwork's start and end dates (YYYY-MM-DD), the end on or after the start.");
        var minimum = input.MinimumCellSize ?? round.MinimumCellSize;
        if (minimum is < RoundRules.MinCellSizeFloor or > 10_000)
            return Refusal.Invalid("minimumCellSize", $"The minimum cell size must be between {RoundRules.MinCellSizeFloor} and 10000 respondents.");
        var fields = await FieldsAsync(form.Id, cancellationToken);
        var questions = new (string Field, string? Value, string[] Types, bool Required)[]
        {
            ("stratumQuestion", input.StratumQuestion ?? round.StratumQuestion, ["select_one", PointStrata.QuestionType], true),
            ("clusterQuestion", input.ClusterQuestion ?? round.ClusterQuestion, ["select_one", "text", "integer", "calculate", "barcode"], true),
            ("sexQuestion", Optional(input.SexQuestion, round.SexQuestion), ["select_one"], false),
            ("ageQuestion", Optional(input.AgeQuestion, round.AgeQuestion), ["integer", "decimal", "calculate"], false),
            ("consentQuestion", Optional(input.ConsentQuestion, round.ConsentQuestion), ["select_one"], false),
        };
        foreach (var (field, value, types, required) in questions)
            if (CheckQuestion(fields, field, value, types, required) is { } problem)
                return problem;
        if (input.Strata is { } strata && ReplaceStrata(round, strata) is { } refused)
            return refused;
        if (await db.Set<SurveyRoundRecord>().AnyAsync(r => r.SurveyId == survey.Id && r.Name == name && r.Id != round.Id, cancellationToken))
            return Refusal.Conflict($"The survey already has a round named '{name}'.");
        (round.Name, round.Description, round.FormId, round.FieldworkStart, round.FieldworkEnd) = (name, description, form.Id, start, end);
        (round.StratumQuestion, round.ClusterQuestion) = (questions[0].Value!.Trim(), questions[1].Value!.Trim());
        (round.SexQuestion, round.AgeQuestion, round.ConsentQuestion) = (questions[2].Value?.Trim(), questions[3].Value?.Trim(), questions[4].Value?.Trim());
        round.MinimumCellSize = minimum;
        round.ApprovedOnly = input.ApprovedOnly ?? round.ApprovedOnly;
        return null;
    }

    /// <summary>An optional question: null keeps the stored one, "" removes it.</summary>
    private static string? Optional(string? given, string? stored) => given is null ? stored : given.Trim().Length == 0 ? null : given;

    /// <summary>The fields of the form's latest version, by their path below the instance root.</summary>
    public async Task<IReadOnlyDictionary<string, FormField>> FieldsAsync(Guid formId, CancellationToken cancellationToken)
    {
        var json = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == formId).OrderByDescending(v => v.CreatedAt)
            .Select(v => v.InfoJson).FirstOrDefaultAsync(cancellationToken);
        var info = json is null ? null : JsonSerializer.Deserialize<FormInfo>(json);
        return (info?.Fields ?? []).Where(f => !f.InRepeat).ToDictionary(f => XFormPaths.RelativePath(f.Path), StringComparer.Ordinal);
    }

    private static Refusal? CheckQuestion(IReadOnlyDictionary<string, FormField> fields, string field, string? value, string[] types, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? Refusal.Invalid(field, $"Name the question (its path in the form, e.g. 'area' or 'group/area') of type {string.Join(" or ", types)}.") : null;
        if (!fields.TryGetValue(value.Trim(), out var found))
            return Refusal.Invalid(field, $"The form has no question '{value.Trim()}' outside a repeat: give its path as in the form (e.g. 'group/area').");
        return types.Contains(found.Type)
            ? null
            : Refusal.Invalid(field, $"The question '{value.Trim()}' is a {found.Type}; this role needs a {string.Join(" or ", types)}.");
    }

    private static Refusal? ReplaceStrata(SurveyRoundRecord round, IReadOnlyList<StratumInput> strata)
    {
        if (strata.Count > RoundRules.MaxStrata)
            return Refusal.Invalid("strata", $"A round has at most {RoundRules.MaxStrata} strata; {strata.Count} were given.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < strata.Count; i++)
        {
            var s = strata[i];
            var pcode = s.Pcode?.Trim();
            if (string.IsNullOrEmpty(pcode) || pcode.Length > RoundRules.Pcode || pcode.Any(char.IsControl))
                return Refusal.Invalid($"strata[{i}].pcode", $"Give the admin area's P-code (1 to {RoundRules.Pcode} characters).");
            if (!seen.Add(pcode))
                return Refusal.Invalid($"strata[{i}].pcode", $"The stratum {pcode} is listed twice.");
            if (s.Population is not { } population || !double.IsFinite(population) || population <= 0)
                return Refusal.Invalid($"strata[{i}].population", $"Give the population of {pcode}: a number above 0.");
            if (s.ClustersSampled is <= 0 || s.RespondentsPerCluster is <= 0)
                return Refusal.Invalid($"strata[{i}].clustersSampled", $"The planned clusters and respondents per cluster of {pcode} must be above 0 when given.");
        }
        round.Strata.Clear();
        foreach (var s in strata)
            round.Strata.Add(new RoundStratum
            {
                RoundId = round.Id, Pcode = s.Pcode!.Trim(), Population = s.Population!.Value, ClustersSampled = s.ClustersSampled,
                RespondentsPerCluster = s.RespondentsPerCluster,
            });
        return null;
    }

    private async Task<Outcome<SurveyRoundRecord>> SaveAsync(SurveyRoundRecord round, CancellationToken cancellationToken)
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
            return Refusal.Conflict($"Another round named '{round.Name}' was created at the same moment.");
        }
        return Outcome<SurveyRoundRecord>.Ok(round);
    }
}
