using System.Collections.Concurrent;
using Amani.Governance.Surveys.Analysis;
using Amani.Governance.Surveys.Forms;
using Amani.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Rounds;

/// <summary>
/// A round as the analysis sees it: its respondents read from the stored submissions, weighted by their stratum's
/// population, with the analysable questions (select_one, select_multiple, integer, decimal outside repeats) and the
/// domain variables <c>area</c> (the stratum's P-code), <c>sex</c> and <c>age</c> (<see cref="AgeBands"/>).
/// <see cref="Left"/> counts the submissions that could not count (no stratum or cluster, a stratum without population,
/// no consent); <see cref="Problems"/> is set when the design cannot be analysed (e.g. no respondent). A round whose
/// stratum is a geopoint also has <see cref="Points"/> (the points left out, by reason) and the boundaries' stamp it
/// was resolved with (<see cref="AreaStamp"/>).
/// </summary>
public sealed record LoadedRound(
    SurveyRound? Round,
    IReadOnlyList<AnalysisProblem> Problems,
    int Submissions,
    int Left,
    IReadOnlyList<string> UnsampledStrata,
    IReadOnlyDictionary<string, FormField> Fields,
    PointCounts? Points = null,
    string? AreaStamp = null);

/// <summary>
/// Reads a round's submissions once — a forward XML reader over each instance (<see cref="RoundAnswers"/>), keeping only the fields
/// analysed — and keeps the result until the round changes or a submission of its form arrives or is reviewed
/// (the key is the round's version and the count and latest change of its form's submissions) or, for a geopoint
/// stratum, the mission's boundaries change.
/// </summary>
public sealed class RoundData(AmaniDbContext db, RoundBook book, RoundCache cache, PointStrata points)
{
    public static IReadOnlyList<string> Domains { get; } = ["area", "sex", "age"];
    private static readonly string[] Analysable = ["select_one", "select_multiple", "integer", "decimal"];

    public async Task<LoadedRound> LoadAsync(SurveyRoundRecord round, CancellationToken cancellationToken)
    {
        var (from, to) = (round.FieldworkStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), round.FieldworkEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var submissions = db.Set<Submission>().AsNoTracking()
            .Where(s => s.FormId == round.FormId && s.ReceivedAt >= from && s.ReceivedAt < to && s.ReviewState != ReviewState.Rejected)
            .Where(s => !round.ApprovedOnly || s.ReviewState == ReviewState.Approved);
        var ofForm = db.Set<Submission>().AsNoTracking().Where(s => s.FormId == round.FormId);
        var key = $"{round.Version}:{await ofForm.CountAsync(cancellationToken)}:{(await ofForm.MaxAsync(s => (DateTime?)s.UpdatedAt, cancellationToken))?.Ticks}";
        if (cache.Find(round.Id, key) is { } cached
            && (cached.AreaStamp is null || cached.AreaStamp == await points.StampAsync(round.MissionId, cancellationToken)))
            return cached;
        var fields = await book.FieldsAsync(round.FormId, cancellationToken);
        // A select without choices in the form (choices from an external file) or a select_multiple of more than 63 cannot be analysed: left out.
        var questions = fields.Values.Where(f => Analysable.Contains(f.Type)).Select(Question)
            .Where(q => q.Kind == QuestionKind.Number || q.Choices.Count is > 0 and <= SurveyRound.MaxSelectMultipleChoices || q.Kind == QuestionKind.SelectOne && q.Choices.Count > 0)
            .ToList();
        var locator = fields.GetValueOrDefault(round.StratumQuestion)?.Type == PointStrata.QuestionType
            ? await points.LoadAsync(round, cancellationToken) : null;
        var reader = new RoundAnswers(round, questions, locator);
        var strata = round.Strata.Select(s => s.Pcode).ToHashSet(StringComparer.Ordinal);
        var respondents = new List<Respondent>();
        var (count, left) = (0, 0);
        await foreach (var xml in submissions.OrderBy(s => s.Id).Select(s => s.Xml).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (reader.Read(xml) is { } respondent && strata.Contains(respondent.Stratum))
                respondents.Add(respondent);
            else
                left++;
        }
        var populations = round.Strata.Select(s => new StratumPopulation(s.Pcode, s.Population, s.ClustersSampled, s.RespondentsPerCluster)).ToList();
        var weights = SamplingWeights.PerStratum(populations, respondents.Select(r => r.Stratum));
        var weighted = SamplingWeights.Apply(populations, respondents);
        var built = weighted.Succeeded ? SurveyRound.Create(round.Name, questions, Domains, weighted.Value!) : AnalysisOutcome<SurveyRound>.Refused(weighted.Problems);
        var loaded = new LoadedRound(built.Value, built.Problems, count, left, weights.Value?.UnsampledStrata ?? [], fields,
            locator?.Counts, locator?.Stamp);
        cache.Keep(round.Id, key, loaded);
        return loaded;
    }

    private static AnalysisQuestion Question(FormField field) => field.Type switch
    {
        "select_one" => new AnalysisQuestion(Path(field), QuestionKind.SelectOne, field.Choices.Select(c => c.Name).Distinct().ToList()),
        "select_multiple" => new AnalysisQuestion(Path(field), QuestionKind.SelectMultiple, field.Choices.Select(c => c.Name).Distinct().ToList()),
        _ => AnalysisQuestion.Number(Path(field)),
    };

    private static string Path(FormField field) => XFormPaths.RelativePath(field.Path);
}

/// <summary>The rounds read lately (at most 8), each with the key it was read under.</summary>
public sealed class RoundCache
{
    private const int Capacity = 8;
    private readonly ConcurrentDictionary<Guid, (string Key, LoadedRound Round)> _rounds = new();

    public LoadedRound? Find(Guid round, string key) => _rounds.TryGetValue(round, out var entry) && entry.Key == key ? entry.Round : null;

    public void Keep(Guid round, string key, LoadedRound loaded)
    {
        if (_rounds.Count >= Capacity && !_rounds.ContainsKey(round))
            _rounds.Clear();
        _rounds[round] = (key, loaded);
    }
}
