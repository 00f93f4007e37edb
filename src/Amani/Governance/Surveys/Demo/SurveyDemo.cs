using System.Security.Cryptography;
using System.Text;
using Amani.Foundation.Areas;
using Amani.Foundation.Demo;
using Amani.Governance.Results;
using Amani.Governance.Surveys.Measures;
using Amani.Governance.Surveys.OpenRosa;
using Amani.Governance.Surveys.Rounds;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Records;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Demo;

/// <summary>
/// The Surveys module's share of the demo: MINUSCA's perception survey (invented respondents, and saying so), its form
/// (<see cref="SurveyDemoForm"/>, imported as an XLSForm), two rounds — October–November 2021 and 2022, six prefectures
/// as strata with invented populations, clusters of ten — whose submissions are drawn by
/// <see cref="SurveyDemoRespondents"/> and stored in bulk (one save per round, each submission built as the intake builds
/// it and audited as received), the measure <c>surveys.feel-safe-at-night</c> and the 2022 round published. Runs before
/// the results plan (<see cref="Order"/>), which computes an indicator from that measure.
/// </summary>
internal sealed class SurveyDemo(AmaniDbContext db, IMissionDirectory missions, SurveyBook surveys, FormImports forms, RoundBook rounds,
    RoundAccess access, SurveyMeasureBook measures, AuditLog audit, TimeProvider clock, ILogger<SurveyDemo> logger) : IDemoContribution
{
    public const string MeasureSlug = "feel-safe-at-night";
    public const string Invented = "Invented for the demo: no real person was interviewed; the respondents, their answers and the populations are invented.";

    /// <summary>Six prefectures; populations invented (of the order of the 2020 projections). Feeling safe improves in most, worsens in Ouaka.</summary>
    public static IReadOnlyList<DemoRound> Rounds { get; } =
    [
        new("2021 round (demo)", "October–November 2021, six prefectures, 60 clusters of 10.", new(2021, 10, 4), new(2021, 11, 12), 2021,
        [
            new("CF.BG", 889_000, 10, 10, 0.58), new("CF.MP", 520_000, 10, 10, 0.47), new("CF.AC", 430_000, 10, 10, 0.31),
            new("CF.OP", 480_000, 10, 10, 0.27), new("CF.UK", 310_000, 10, 10, 0.41), new("CF.HK", 120_000, 10, 10, 0.24),
        ]),
        new("2022 round (demo)", "October–November 2022; in Haute-Kotto insecurity cut the fieldwork short (3 clusters): its figures are not published.",
            new(2022, 10, 3), new(2022, 11, 11), 2022,
        [
            new("CF.BG", 905_000, 12, 10, 0.64), new("CF.MP", 531_000, 12, 10, 0.55), new("CF.AC", 439_000, 12, 10, 0.40),
            new("CF.OP", 490_000, 12, 10, 0.34), new("CF.UK", 316_000, 12, 10, 0.25), new("CF.HK", 122_000, 3, 9, 0.29),
        ]),
    ];

    public int Order => -100;

    public async Task<string> SeedAsync(DemoMission demo, CancellationToken cancellationToken)
    {
        var mission = (await missions.FindAsync(demo.MissionId, cancellationToken))!;
        var (planner, enumerator) = (demo.Users[Role.PlanningOfficer], demo.Users[Role.FieldOfficer]);
        var areas = await db.Set<AdminArea>().AsNoTracking().Where(a => a.MissionId == demo.MissionId && (a.Level == 1 || a.Level == 2))
            .OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var prefectures = areas.Where(a => a.Level == 1).Select(a => new DemoPlace(a.PCode, a.Name)).ToList();
        var subPrefectures = areas.Where(a => a.Level == 2)
            .Select(a => new DemoPlace(a.PCode, a.Name, a.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[^2], a.CentroidLatitude, a.CentroidLongitude))
            .ToList();

        var survey = Ok(await surveys.CreateAsync(mission, new SurveyInput(SurveyDemoForm.Title,
            $"{SurveyDemoForm.TitleFr}. How safe people feel in six prefectures, asked of households in October–November 2021 and 2022. {Invented}",
            false, [planner], null), planner, cancellationToken), "the survey");
        using (var file = new MemoryStream(SurveyDemoForm.Build(prefectures, subPrefectures), writable: false))
        {
            var imported = await forms.ImportAsync(mission, survey.Id, SurveyDemoForm.FileName, file, planner, cancellationToken);
            if (imported.Value is null)
                throw new InvalidDataException($"Demo survey form: {imported.Refusal?.Message ?? string.Join("; ", imported.Problems!.Select(p => p.Message))}");
        }
        var form = await db.Set<SurveyForm>().AsNoTracking().SingleAsync(f => f.SurveyId == survey.Id, cancellationToken);
        var version = await db.Set<FormVersion>().AsNoTracking().SingleAsync(v => v.FormId == form.Id, cancellationToken);
        var template = SurveyDemoRespondents.Template(version.XForm);
        var places = subPrefectures.GroupBy(p => p.Prefecture!).ToDictionary(g => g.Key, g => (IReadOnlyList<DemoPlace>)g.ToList(), StringComparer.Ordinal);

        SurveyRoundRecord? last = null;
        var stored = 0;
        foreach (var design in Rounds)
        {
            last = Ok(await rounds.CreateAsync(survey, new RoundInput(design.Name, $"{design.NameNote} {Invented}", SurveyDemoForm.FormId, design.Start,
                design.End, SurveyDemoForm.Stratum, SurveyDemoForm.Cluster, SurveyDemoForm.Sex, SurveyDemoForm.Age, SurveyDemoForm.Consent, null, null,
                design.Strata.Select(s => new StratumInput(s.Pcode, s.Population, s.Clusters, s.PerCluster)).ToList()), planner, cancellationToken), design.Name);
            var started = clock.GetTimestamp();
            var count = await StoreAsync(mission, form, version, SurveyDemoRespondents.Draw(design, template, places), enumerator, cancellationToken);
            logger.LogInformation("Demo survey: {Count} invented submissions of {Round} stored in {Elapsed} ms", count, design.Name,
                (int)clock.GetElapsedTime(started).TotalMilliseconds);
            stored += count;
        }

        Ok(await measures.CreateAsync(survey, new SurveyMeasureInput(MeasureSlug, "Share of respondents who feel safe walking at night (demo)",
            "Part des répondants qui se sentent en sécurité en marchant la nuit (démo)", SurveyDemoForm.SafeNight, ["very_safe", "safe"]), planner,
            cancellationToken), "the survey measure");

        last = await db.Set<SurveyRoundRecord>().Include(r => r.Strata).SingleAsync(r => r.Id == last!.Id, cancellationToken);
        var scope = new RoundScope(mission, new SurveyRights(demo.MissionId, planner, true, true), survey);
        if (await access.PublicationProblemAsync(scope, last!, cancellationToken) is { } problem)
            throw new InvalidDataException($"Demo survey round publication: {problem.Message}");
        Ok(await rounds.PublishAsync(last!, last!.Version, true, cancellationToken), "the publication");
        return $"a perception survey of {Rounds.Count} rounds ({stored:N0} invented respondents), the latest published, and its measure surveys.{MeasureSlug}";
    }

    /// <summary>
    /// Stores a round's submissions in one save, each built as the OpenRosa intake builds a new one (sent by the demo's
    /// field officer, received when the round's fieldwork says) and each with its audit row.
    /// </summary>
    private async Task<int> StoreAsync(MissionEntry mission, SurveyForm form, FormVersion version, IEnumerable<DemoInstance> instances, Guid enumerator,
        CancellationToken cancellationToken)
    {
        var actor = $"user:{enumerator}";
        var count = 0;
        foreach (var instance in instances)
        {
            var post = new SubmissionPost(mission.Id, form.Id, version.Id, form.XmlFormId, instance.InstanceId, instance.Xml,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(instance.Xml))), [], [], null, enumerator, actor, "demo");
            var submission = SubmissionIntake.New(post, instance.ReceivedAt);
            db.Set<Submission>().Add(submission);
            audit.Record(AuditAction.SubmissionReceived, Submission.AuditEntity, submission.Id,
                $"Submission {post.InstanceId} of form '{post.XmlFormId}' received from {actor} (invented for the demo).");
            count++;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return count;
    }

    private static T Ok<T>(Outcome<T> outcome, string what) where T : class =>
        outcome.Refusal is { } refusal ? throw new InvalidDataException($"Demo survey, {what}: {refusal.Message}") : outcome.Value!;
}
