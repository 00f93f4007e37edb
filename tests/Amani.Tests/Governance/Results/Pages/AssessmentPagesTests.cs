using System.Net;
using Amani.Foundation.Organizations;
using Amani.Governance.Results;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>
/// The assessment pages over HTTP, as a browser without JavaScript uses them: the list and an assessment — findings with
/// their evidence as links, ratings per objective, recommendations with their decision and follow-up — in English and
/// French; a planning officer records a decision through the page's form (a follow-up follows); the others only read,
/// and partners do not get in.
/// </summary>
public sealed class AssessmentPagesTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_assessment_pages_show_findings_ratings_and_decisions_in_English_and_French_and_take_a_decision(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var incident = await app.WithScopeAsync(ResultsPageData.CreateIncidentAsync);
        var due = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        var (assessmentId, indicatorId, recommendationId) = await app.WithScopeAsync(async services =>
        {
            var indicator = await ResultsPageData.CreateIndicatorAsync(services, "SAFE-1", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            var plan = await ResultsPageData.CreatePlanAsync(services, planner.Id, indicator);
            var objective = await services.GetRequiredService<AmaniDbContext>().Set<PlanNode>().SingleAsync(n => n.PlanId == plan.Id && n.Level == PlanLevel.Objective);
            var rules = services.GetRequiredService<AssessmentRules>();
            var a = (await rules.CreateAsync(plan.MissionId, new AssessmentInput("Mid-term review", new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30),
                "Bangui", "Interviews", "Planning unit", null), planner.Id, CancellationToken.None)).Value!;
            Assert.Null((await rules.AddFindingAsync(a, a.Version, new FindingInput("Patrols reassure the markets.",
                [new EvidenceInput(indicator.Id, null, null), new EvidenceInput(null, "incident", incident)]), CancellationToken.None)).Refusal);
            Assert.Null((await rules.SetRatingsAsync(a, a.Version, [new RatingInput(objective.Key, ObjectiveRatingValue.PartlyOnTrack, "Uneven")],
                CancellationToken.None)).Refusal);
            var r = await services.GetRequiredService<RecommendationRules>().AddAsync(a, a.Version,
                new RecommendationInput("Extend the night patrols", planner.Id, due), CancellationToken.None);
            Assert.Null(r.Refusal);
            return (a.Id, indicator.Id, r.Value!.Id);
        });
        var client = await app.SignInAsync(planner);
        var list = $"/missions/{TestMission.Code}/results/assessments";
        var page = $"{list}/{assessmentId}";

        var plan = await client.GetStringAsync($"/missions/{TestMission.Code}/results");
        Assert.Contains($"href=\"{list}\"", plan);
        var listed = await client.GetStringAsync(list);
        Assert.Contains($"href=\"{page}\"", listed);
        Assert.Contains("Mid-term review", listed);
        Assert.Contains("Évaluations", WebUtility.HtmlDecode(await client.GetStringAsync(list + "?culture=fr")));

        var html = await client.GetStringAsync(page);
        Assert.Contains("Patrols reassure the markets.", html);
        Assert.Contains($"href=\"/missions/{TestMission.Code}/results/indicators/{indicatorId}\"", html);
        Assert.Contains($"href=\"/missions/{TestMission.Code}/incidents/{incident}\"", html);
        Assert.Contains("partly on track", html);
        Assert.Contains("awaiting a decision", html);
        Assert.Contains("decision-form", html);

        // A rejection without a reason is refused on the page, nothing recorded; an acceptance is recorded with its follow-up.
        var version = await app.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Id == assessmentId).Select(a => a.Version).SingleAsync());
        var refused = await client.PostAsync(page + "?handler=Decide", new FormUrlEncodedContent([new("recommendation", recommendationId.ToString()),
            new("version", version.ToString()), new("decision", "Rejected"), new("reason", "")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Give the reason", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var accepted = await client.PostAsync(page + "?handler=Decide", new FormUrlEncodedContent([new("recommendation", recommendationId.ToString()),
            new("version", version.ToString()), new("decision", "Accepted")]));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var followUp = await app.WithDbAsync(db => db.Set<FollowUp>().SingleAsync(f => f.RecordType == "assessment"));
        Assert.Equal((assessmentId, planner.Id), (followUp.RecordId!.Value, followUp.OwnerUserId!.Value));

        html = await client.GetStringAsync(accepted.Headers.Location!.OriginalString);
        Assert.Contains("The decision is recorded", html);
        Assert.Contains($"href=\"/missions/{TestMission.Code}/follow-ups/{followUp.Id}\"", html);
        Assert.DoesNotContain("decision-form", html);
        var french = WebUtility.HtmlDecode(await client.GetStringAsync(page + "?culture=fr"));
        Assert.Contains("Constats", french);
        Assert.Contains("partiellement en bonne voie", french);
        Assert.Contains("acceptée", french);
        Assert.Contains("Suivi :", french);

        // Other staff read without the forms; a field officer's post is refused; a partner does not get in.
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        var read = await field.GetStringAsync(page);
        Assert.Contains("Extend the night patrols", read);
        Assert.DoesNotContain("recommend-form", read);
        Assert.Equal(HttpStatusCode.Forbidden, (await field.PostAsync(page + "?handler=Recommend", new FormUrlEncodedContent([new("version", "9"),
            new("text", "Mine"), new("owner", planner.Id.ToString()), new("dueOn", due.ToString("yyyy-MM-dd"))]))).StatusCode);
        var organization = await app.WithScopeAsync(async s => (await s.GetRequiredService<OrganizationRules>().CreateAsync(
            new CreateOrganizationRequest("Assessment partner", "AP", OrganizationKind.Ngo, null), CancellationToken.None)).Value!.Id);
        var partner = await app.SignInAsync(await app.CreateUserAsync(Role.Partner, TestMission.Code, organization));
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync(list)).StatusCode);
    }
}
