using Amani.Foundation.Areas;
using Amani.Foundation.Demo;
using Amani.Governance.Results;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.FollowUps;
using Amani.Register.Incidents;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Lessons;

/// <summary>
/// The lessons of the demo mission: eight lessons and two after-action reviews, invented for the demo (each says so),
/// drawn on the places of the real UCDP events — Haute-Kotto, Ouham-Pendé, Ouaka, Bangui — and linked to the most deadly
/// demo incident of their area and year where one exists. Most are validated; one is a draft, one submitted, one not
/// attributed; one recommendation is already a follow-up.
/// </summary>
public sealed class LessonDemo(AmaniDbContext db, LessonBook book, IMissionDirectory missions, TimeProvider clock) : IDemoContribution
{
    private const string Invented = "Invented for the demo: no real review or person is described.";

    private sealed record Seed(LessonKind Kind, string Title, string Area, int Year, string[] Themes, string[] Texts, Role Author,
        LessonStatus Status = LessonStatus.Validated, bool Attributed = true, bool FollowUp = false);

    private static readonly Seed[] Seeds =
    [
        new(LessonKind.Lesson, "Early-warning calls from Bria reached the base hours after the attack", "CF.HK", 2017, ["early warning", "community alert networks"],
            ["Community focal points around Bria called the civil affairs phone when armed men gathered outside the displacement site, but the calls went unanswered after office hours.",
             $"The alert network had one phone and one person. Nobody on duty at night knew the focal points. {Invented}",
             "Route the community alert numbers to the Joint Operations Centre duty phone around the clock, with a roster of the focal points and their villages."],
            Role.FieldOfficer, FollowUp: true),
        new(LessonKind.Lesson, "Alert network focal points need feedback or they stop calling", "CF.HK", 2018, ["community alert networks", "protection of civilians"],
            ["After three months, focal points in Haute-Kotto sent half as many alerts; several said they never heard what happened after they called.",
             $"Focal points take personal risks. Silence after an alert reads as indifference. {Invented}",
             "Call every focal point back within 48 hours of an alert to say what was done, and meet them each quarter."],
            Role.Analyst),
        new(LessonKind.Lesson, "Retaliation after the Paoua attack followed a predictable path", "CF.OP", 2018, ["retaliation cycles", "protection of civilians", "early warning"],
            ["Within ten days of the attack, armed youth from the victims' community attacked herders' camps on the roads the patrols had stopped using.",
             $"The first attack was handled as an isolated incident; the pattern of earlier retaliation in Ouham-Pendé was known but not used. {Invented}",
             "After any attack with fatalities in Ouham-Pendé, raise an alert for the neighbouring herders' corridors and keep patrols on them for two weeks."],
            Role.Analyst),
        new(LessonKind.Lesson, "Transhumance corridors: agree the dates with both communities before the season", "CF.OP", 2019, ["transhumance", "mediation"],
            ["Clashes around Bocaranga started in the first weeks of the transhumance season, where herds arrived before the harvest was in.",
             $"Local committees had agreed corridors but not dates. {Invented}",
             "Before each season, convene herders and farmers with the prefect to agree arrival dates and a compensation rule for damaged fields."],
            Role.DutyOfficer, Attributed: false),
        new(LessonKind.Lesson, "Polling stations in Bangui's 3rd district needed a second perimeter", "CF.BG", 2020, ["election security"],
            ["On election day, crowds at two polling stations pushed past the police line once results were rumoured.",
             $"One perimeter served both voters and onlookers; nobody was assigned to keep onlookers back. {Invented}",
             "Plan an outer perimeter held by the national police and an inner one for voters at every station rated high risk."],
            Role.PlanningOfficer),
        new(LessonKind.Lesson, "Election materials convoys: share routes with the electoral authority only", "CF.UK", 2020, ["election security", "logistics"],
            ["A convoy of ballot papers to Bambari was stopped at an improvised checkpoint whose men knew its departure time.",
             $"The route and timing had been circulated by e-mail to a long list. {Invented}",
             "Give convoy routes and times to the electoral authority's security focal point only, by phone, on the day."],
            Role.Analyst, LessonStatus.Submitted),
        new(LessonKind.Lesson, "Rumours on social media preceded the Bambari clashes by two days", "CF.UK", 2021, ["early warning", "misinformation"],
            ["Messages accusing one community of hiding fighters spread on messaging groups two days before the clashes.",
             $"Public information staff saw them but had no way to pass them to the analysts. {Invented}",
             "Add a daily rumour log from public information to the analysts' early-warning review."],
            Role.FieldOfficer, LessonStatus.Draft),
        new(LessonKind.Lesson, "Joint patrols with local authorities were trusted more", "CF.AC", 2021, ["community engagement", "patrols"],
            ["Villagers around Bossangoa spoke to patrols more readily when the sub-prefect or a village chief came along.",
             $"Patrols alone were seen as foreign; the authorities' presence made reporting safer. {Invented}",
             "Invite the sub-prefect or a chief to join at least one patrol a week in each sector."],
            Role.DutyOfficer),
        new(LessonKind.AfterActionReview, "After-action review: response to the early-warning alert in Haute-Kotto", "CF.HK", 2019, ["early warning", "protection of civilians"],
            ["A patrol at the site within six hours of the alert, and the displaced families moved inside the protected area.",
             "The patrol arrived after eighteen hours; the road was cut by rain and no helicopter was free.",
             $"The response plan assumed the road was open; nobody checked the weather or the helicopter schedule when the alert came. {Invented}",
             "Check access (roads, weather, air assets) as the first step of every alert response, and keep a helicopter slot for alerts in the rainy season."],
            Role.PlanningOfficer),
        new(LessonKind.AfterActionReview, "After-action review: the cycle of attacks around Paoua", "CF.OP", 2018, ["retaliation cycles", "mediation"],
            ["A mediation meeting within a week of the first attack, and no further deaths.",
             "Two further attacks followed before the meeting could be held; the mediators could not reach one of the communities.",
             $"Mediation started from scratch: no contact list of community leaders existed for the area. {Invented}",
             "Keep an up-to-date list of community leaders per sub-prefecture, and rehearse the mediation call-out each quarter."],
            Role.Analyst),
    ];

    public async Task<string> SeedAsync(DemoMission demo, CancellationToken cancellationToken)
    {
        var mission = (await missions.FindAsync(demo.MissionId, cancellationToken))!;
        var managerId = demo.Users[Role.Analyst];
        var manager = new LessonRights(demo.MissionId, managerId, AreaScope.WholeMission, AreaScope.WholeMission, AreaScope.WholeMission);
        var followedUp = 0;
        foreach (var seed in Seeds)
        {
            var incidents = await IncidentsAsync(demo.MissionId, seed.Area, seed.Year, cancellationToken);
            var t = seed.Texts;
            var lesson = seed.Kind == LessonKind.Lesson
                ? new LessonInput(seed.Kind, seed.Title, incidents.FirstOrDefault().On, t[0], t[1], t[2], null, null, null, null, seed.Themes, seed.Area, seed.Attributed,
                    incidents.Select(i => new LessonLinkInput(Incident.AuditEntity.Name, i.Id)).ToArray())
                : new LessonInput(seed.Kind, seed.Title, incidents.FirstOrDefault().On, null, null, null, t[0], t[1], t[2], t[3], seed.Themes, seed.Area, seed.Attributed,
                    incidents.Select(i => new LessonLinkInput(Incident.AuditEntity.Name, i.Id)).ToArray());
            var author = new LessonRights(demo.MissionId, demo.Users[seed.Author], AreaScope.WholeMission, AreaScope.WholeMission, null);
            var recorded = await book.CreateAsync(mission, lesson, author, cancellationToken);
            var current = recorded.Value ?? throw new InvalidOperationException($"Demo lesson '{seed.Title}': {recorded.Refusal!.Message}");
            if (seed.Status == LessonStatus.Draft)
                continue;
            current = (await book.MoveAsync(current, current.Version, new LessonTransitionRequest(LessonStatus.Submitted, null), author, cancellationToken)).Value!;
            if (seed.Status == LessonStatus.Submitted)
                continue;
            current = (await book.MoveAsync(current, current.Version, new LessonTransitionRequest(LessonStatus.Validated, null), manager, cancellationToken)).Value!;
            if (!seed.FollowUp)
                continue;
            var asked = await book.AskFollowUpAsync(mission, current, current.Version, new LessonFollowUpRequest(null,
                new FollowUpOwnerInput(FollowUpOwnerKind.Role, null, Role.DutyOfficer, null), clock.GetUtcNow().AddDays(45), 72), manager, cancellationToken);
            if (asked.Succeeded)
                followedUp++;
        }
        return $"{Seeds.Length} lessons and after-action reviews ({followedUp} recommendation followed up)";
    }

    /// <summary>The two deadliest demo incidents of the area (its subtree) in the year, with their dates.</summary>
    private async Task<List<(Guid Id, DateOnly? On)>> IncidentsAsync(Guid missionId, string pCode, int year, CancellationToken cancellationToken)
    {
        var path = $"/CF/{pCode}/";
        var (from, until) = (new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var rows = await db.Set<Incident>().AsNoTracking()
            .Where(i => i.MissionId == missionId && i.OccurredFrom >= from && i.OccurredFrom < until
                        && db.Set<AdminArea>().Any(a => a.Id == i.AreaId && a.Path.StartsWith(path)))
            .OrderByDescending(i => i.FatalitiesBest).ThenBy(i => i.Id).Take(2).Select(i => new { i.Id, i.OccurredFrom }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, (DateOnly?)DateOnly.FromDateTime(r.OccurredFrom))).ToList();
    }
}
