using Amani.Foundation.Demo;
using Amani.Platform.Directories;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results.Demo;

/// <summary>
/// The demo's assess-and-adapt cycle, on the demo plan: a final review of 2021–2022 whose findings cite the computed
/// indicators and the real GED events with the most civilian deaths, a rating of every objective, three recommendations
/// (two accepted, with their follow-ups, one rejected with its reason), and the plan's next version started from it as a
/// draft for 2023–2025, whose first change names the recommendation behind it. The review's words are invented and say so.
/// </summary>
internal sealed class ResultsDemoAssessment(AmaniDbContext db, AssessmentRules assessments, RecommendationRules recommendations, PlanRules plans,
    IMissionDirectory missions, TimeProvider clock)
{
    public const string Title = "Review of the 2021–2022 results framework (demo)";

    public async Task SeedAsync(DemoMission demo, Plan plan, IReadOnlyDictionary<string, Indicator> indicators, CancellationToken cancellationToken)
    {
        var planner = demo.Users[Role.PlanningOfficer];
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var assessment = Ok(await assessments.CreateAsync(demo.MissionId, new AssessmentInput(Title, ResultsDemoPlan.StartsOn, ResultsDemoPlan.EndsOn,
            "The whole plan, all prefectures.", $"Desk review of the indicators and the incident register, with interviews in Bangui and Bambari. {ResultsDemoPlan.Invented}.",
            "Planning and M&E officer (lead); JMAC analyst; Civil Affairs", plan.Id), planner, cancellationToken), "the assessment");

        // The three real events of 2021–2022 with the most civilian deaths, cited as evidence.
        var (from, until) = (ResultsDemoPlan.StartsOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), ResultsDemoPlan.EndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var deadliest = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.MissionId == demo.MissionId && i.OccurredFrom >= from && i.OccurredFrom < until && i.CivilianFatalities > 0)
            .OrderByDescending(i => i.CivilianFatalities).ThenBy(i => i.OccurredFrom).Select(i => i.Id).Take(3).ToListAsync(cancellationToken);
        List<EvidenceInput> Evidence(params string[] codes) =>
            [.. codes.Select(c => new EvidenceInput(indicators[c].Id, null, null))];

        assessment = Ok(await assessments.AddFindingAsync(assessment, assessment.Version, new FindingInput(
            $"Civilian deaths in the register fell from 2021 to 2022 but stay far above the 2020 baseline; they concentrate in Ouaka, Ouham-Pendé and Haute-Kotto, where the deadliest events took place. {ResultsDemoPlan.Invented}: the finding's words; the figures are the computed indicators' and the real events'.",
            [.. Evidence("POC-CIVFAT", "POC-ATTACKS-PUBLIC"), .. deadliest.Select(id => new EvidenceInput(null, Incident.AuditEntity.Name, id))]), cancellationToken), "a finding");
        assessment = Ok(await assessments.AddFindingAsync(assessment, assessment.Version, new FindingInput(
            $"Local peace committees meet more often and include more women, yet the disarmament of combatants slowed in 2022. {ResultsDemoPlan.Invented}.",
            Evidence("POL-LPC", "POL-LPC-WOMEN", "DDR-DEMOBILIZED")), cancellationToken), "a finding");

        var objectives = await db.Set<PlanNode>().AsNoTracking().Where(n => n.PlanId == plan.Id && n.Level == PlanLevel.Objective)
            .ToDictionaryAsync(n => n.Code!, n => n.Key, StringComparer.Ordinal, cancellationToken);
        RatingInput Rating(string code, ObjectiveRatingValue value, string comment) => new(objectives[code], value, $"{comment} ({ResultsDemoPlan.Invented}.)");
        assessment = Ok(await assessments.SetRatingsAsync(assessment, assessment.Version,
        [
            Rating("O1.1", ObjectiveRatingValue.PartlyOnTrack, "Fewer deaths overall, persistent hot spots"),
            Rating("O2.1", ObjectiveRatingValue.OnTrack, "Committees active in most sub-prefectures"),
            Rating("O3.1", ObjectiveRatingValue.PartlyOnTrack, "Prefects present, budgets missing"),
            Rating("O4.1", ObjectiveRatingValue.OffTrack, "Few trials of serious crimes"),
            Rating("O5.1", ObjectiveRatingValue.OffTrack, "Disarmament slowed after the 2021 offensives"),
            Rating("O5.2", ObjectiveRatingValue.PartlyOnTrack, "Deployment outside Bangui remains thin"),
            Rating("O6.1", ObjectiveRatingValue.NotAssessed, "Access data incomplete"),
        ], cancellationToken), "the ratings");

        var texts = new[]
        {
            ("Add an outcome on early-warning response times in the north-west, measured from the alerts' own deadlines.", Role.Analyst, 90),
            ("Train the prefectoral security councils of Ouham-Pendé and Nana-Mambéré on incident reporting.", Role.FieldOfficer, 150),
            ("Drop the indicator on trials by the Special Criminal Court: the mission does not control it.", Role.PlanningOfficer, 60),
        };
        var added = new List<Recommendation>();
        foreach (var (text, owner, days) in texts)
            added.Add(Ok(await recommendations.AddAsync(assessment, assessment.Version,
                new RecommendationInput($"{text} ({ResultsDemoPlan.Invented}.)", demo.Users[owner], today.AddDays(days)), cancellationToken), "a recommendation"));
        assessment = Ok(await assessments.FinalizeAsync(assessment, assessment.Version, cancellationToken), "the assessment's finalization");

        var mission = await missions.FindAsync(demo.MissionId, cancellationToken) ?? throw new InvalidDataException("The demo mission is missing.");
        var decisions = new[]
        {
            new DecisionInput(RecommendationDecision.Accepted, null, null),
            new DecisionInput(RecommendationDecision.PartlyAccepted, $"Ouham-Pendé first; Nana-Mambéré when the road is open. ({ResultsDemoPlan.Invented}.)", null),
            new DecisionInput(RecommendationDecision.Rejected, $"The indicator stays: the mandate asks the mission to support the Court. ({ResultsDemoPlan.Invented}.)", null),
        };
        for (var i = 0; i < added.Count; i++)
            Ok(await recommendations.DecideAsync(mission, assessment, added[i], assessment.Version, decisions[i], demo.Users[Role.Administrator], cancellationToken),
                "a decision");

        var next = Ok(await recommendations.AdaptAsync(assessment, new PlanInput("MINUSCA results framework 2023–2025 (demo, draft)", new DateOnly(2023, 1, 1),
            new DateOnly(2025, 12, 31)), planner, cancellationToken), "the adapted plan");
        var parent = await db.Set<PlanNode>().AsNoTracking().FirstAsync(n => n.PlanId == next.Id && n.Code == "O1.1", cancellationToken);
        Ok(await plans.AddNodeAsync(next, next.Version, new NodeInput(parent.Id, PlanLevel.Outcome, "OC1.1.2",
            "Early warnings in the north-west are answered before their deadline", $"{ResultsDemoPlan.Invented}.", null, null, added[0].Id), cancellationToken),
            "the adapted plan's change");
    }

    private static T Ok<T>(Platform.Records.Outcome<T> outcome, string what) where T : class =>
        outcome.Refusal is { } refusal ? throw new InvalidDataException($"Demo assessment, {what}: {refusal.Message}") : outcome.Value!;
}
