using Amani.Foundation.Areas;
using Amani.Governance.Surveys.Analysis;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Measures;

/// <summary>
/// The survey questions the results framework may compute indicators from: one <see cref="Measure"/>
/// <c>surveys.{slug}</c> per stored <see cref="SurveyMeasure"/> (a share: the weighted respondents answering one of the
/// measure's choices over the weighted respondents answering the question). Facts, for each round of the survey whose
/// fieldwork ended in the requested months: one per stratum (its admin area; value = weighted yes, weight = weighted
/// total, with the stratum's design-based 95 % interval) and one without an area, of weight 0, carrying the whole round's
/// interval — summed, the strata give the round's weighted share, and the interval of a cell that one round alone covers
/// is the round's (see <see cref="MeasureFact"/>). The month is the round's fieldwork-end month. A public indicator counts
/// only published rounds of surveys that are not sensitive, and gives a stratum with fewer respondents than the round's
/// minimum cell size no area (it counts for the whole mission only, as the published round suppresses its cell).
/// A round that cannot be analysed (no respondent yet) gives no fact.
/// </summary>
public sealed class SurveyMeasures(AmaniDbContext db, RoundAnalyst analyst) : IMeasureSource
{
    public const string Name = "surveys";

    private IReadOnlyList<(Measure Measure, SurveyMeasure Stored)>? _stored;

    public string Source => Name;

    public IReadOnlyList<Measure> Measures => Stored().Select(s => s.Measure).ToList();

    private IReadOnlyList<(Measure Measure, SurveyMeasure Stored)> Stored() => _stored ??=
        db.Set<SurveyMeasure>().AsNoTracking().OrderBy(m => m.Slug).ToList().Select(m => (MeasureOf(m), m)).ToList();

    public static string KeyOf(SurveyMeasure measure) => $"{Name}.{measure.Slug}";

    public static Measure MeasureOf(SurveyMeasure m) => new(KeyOf(m), Name, new(m.Name, m.NameFr),
        new($"Weighted share of the respondents of each round of the survey who answered '{m.Question}' with {m.Choices.Replace(",", " or ")}, over those who answered it (design-based 95 % interval; the month is the round's fieldwork end).",
            $"Part pondérée des répondants de chaque passage de l'enquête ayant répondu {m.Choices.Replace(",", " ou ")} à « {m.Question} », parmi ceux qui y ont répondu (intervalle à 95 % selon le plan de sondage ; le mois est celui de la fin de la collecte)."),
        MeasureAggregation.Share, "share", null, []);

    public async Task<IReadOnlyList<MeasureFact>> ReadAsync(AmaniDbContext context, Measure measure, MeasureRequest request, CancellationToken cancellationToken)
    {
        var stored = Stored().FirstOrDefault(s => s.Measure.Key == measure.Key).Stored
            ?? throw new ArgumentException($"The surveys do not compute '{measure.Key}'.", nameof(measure));
        if (stored.MissionId != request.MissionId)
            return [];
        if (request.PublicOnly && await db.Set<Survey>().AnyAsync(s => s.Id == stored.SurveyId && s.Sensitive, cancellationToken))
            return [];
        var (lastDay, firstDay) = (request.Until.AddDays(-1), request.From);
        var rounds = await db.Set<SurveyRoundRecord>().AsNoTracking().Include(r => r.Strata)
            .Where(r => r.SurveyId == stored.SurveyId && r.FieldworkEnd >= firstDay && r.FieldworkEnd <= lastDay && (!request.PublicOnly || r.Published))
            .OrderBy(r => r.FieldworkEnd).ToListAsync(cancellationToken);
        if (rounds.Count == 0)
            return [];
        var areas = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == request.MissionId).Select(a => new { a.PCode, a.Id })
            .ToDictionaryAsync(a => a.PCode, a => a.Id, StringComparer.Ordinal, cancellationToken);
        var facts = new List<MeasureFact>();
        foreach (var round in rounds)
        {
            var month = new DateOnly(round.FieldworkEnd.Year, round.FieldworkEnd.Month, 1);
            var whole = await analyst.AnalyseAsync(round, new RoundQuestion(stored.Question, null, stored.Choices), 1, cancellationToken);
            var byArea = await analyst.AnalyseAsync(round, new RoundQuestion(stored.Question, "area", stored.Choices), 1, cancellationToken);
            if (whole.Value is null || byArea.Value is null || Single(whole.Value!.Analysis) is not { Value: not null } overall)
                continue;
            if (request.PublicOnly && overall.UnweightedN < round.MinimumCellSize)
                continue;   // the whole round is under the minimum: a public indicator shows none of it
            foreach (var cell in byArea.Value!.Analysis.Estimates.Where(e => e.Kind == EstimateKind.SetProportion && e.Value is not null && e.WeightedN > 0))
            {
                var pcode = cell.Domain.FirstOrDefault(d => d.Variable == "area")?.Value;
                var area = pcode is not null && areas.TryGetValue(pcode, out var id) ? id : (Guid?)null;
                // A public indicator withholds a stratum's area value as the published round does its cell: under the round's
                // minimum cell size (unweighted respondents), the stratum counts for the whole mission only.
                if (request.PublicOnly && cell.UnweightedN < round.MinimumCellSize)
                    area = null;
                // A stratum that is not one of the mission's areas counts for the whole mission only, without an interval of its own.
                facts.Add(new MeasureFact(month, area, null, cell.Value!.Value * cell.WeightedN!.Value, cell.WeightedN.Value,
                    area is null ? null : cell.Lower, area is null ? null : cell.Upper));
            }
            facts.Add(new MeasureFact(month, null, null, 0, 0, overall.Lower, overall.Upper));
        }
        return facts;
    }

    private static Estimate? Single(RoundAnalysis analysis) => analysis.Estimates.FirstOrDefault(e => e.Kind == EstimateKind.SetProportion && e.DomainKey == "");
}
