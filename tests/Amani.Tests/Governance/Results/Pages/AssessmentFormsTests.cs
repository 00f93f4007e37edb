using System.Net;
using System.Net.Http.Json;
using Amani.Governance.Results;
using Amani.Governance.Results.Assessments;
using Amani.Governance.Results.Plans;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Results.Pages;

/// <summary>
/// The assessment forms over HTTP, as a browser without JavaScript posts them: starting an assessment, adding and editing
/// a finding with its evidence, rating the objectives, editing the frame, making it final. Each form once refused — the rules' message shown
/// in the form, what was typed kept, nothing written — and once saved.
/// </summary>
public sealed class AssessmentFormsTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_planning_officer_starts_an_assessment_adds_and_edits_findings_and_rates_the_objectives_through_the_pages(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var planner = await app.CreateUserAsync(Role.PlanningOfficer, TestMission.Code);
        var (indicatorId, objectiveKey) = await app.WithScopeAsync(async services =>
        {
            var indicator = await ResultsPageData.CreateIndicatorAsync(services, "SAFE-1", IndicatorType.Count, IndicatorDirection.HigherIsBetter);
            var plan = await ResultsPageData.CreatePlanAsync(services, planner.Id, indicator);
            var objective = await services.GetRequiredService<AmaniDbContext>().Set<PlanNode>().SingleAsync(n => n.PlanId == plan.Id && n.Level == PlanLevel.Objective);
            return (indicator.Id, objective.Key);
        });
        var client = await app.SignInAsync(planner);
        var list = $"/missions/{TestMission.Code}/results/assessments";
        Assert.Contains($"href=\"{list}/new\"", await client.GetStringAsync(list));
        Assert.Contains("new-assessment-form", await client.GetStringAsync($"{list}/new"));

        // Start: a period that ends before it starts is refused in the form, the title typed kept; then started.
        var frame = new Dictionary<string, string>
        {
            ["title"] = "Mid-term review", ["periodFrom"] = "2024-06-30", ["periodUntil"] = "2024-01-01", ["scope"] = "Bangui and Ouham",
            ["method"] = "Interviews", ["team"] = "Planning unit",
        };
        var refused = await client.PostAsync($"{list}/new", new FormUrlEncodedContent(frame));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The period assessed ends on or after its first day.", html);
        Assert.Contains("value=\"Mid-term review\"", html);
        Assert.Contains("Bangui and Ouham</textarea>", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Assessment>().CountAsync()));
        frame["periodFrom"] = "2024-01-01";
        frame["periodUntil"] = "2024-06-30";
        var started = await client.PostAsync($"{list}/new", new FormUrlEncodedContent(frame));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var assessment = await app.WithDbAsync(db => db.Set<Assessment>().SingleAsync());
        Assert.Equal(("Mid-term review", "Bangui and Ouham", "Interviews", "Planning unit", new DateOnly(2024, 6, 30)),
            (assessment.Title, assessment.Scope, assessment.Method, assessment.Team, assessment.PeriodUntil));
        var page = $"{list}/{assessment.Id}";
        Assert.Equal($"{page}?done=created", started.Headers.Location!.OriginalString);
        html = await client.GetStringAsync(started.Headers.Location.OriginalString);
        Assert.Contains("The assessment is started", html);
        Assert.Contains($"<option value=\"{indicatorId}\">SAFE-1", html);

        // A finding citing a kind of record that does not exist is refused; the text typed stays; nothing written.
        var incident = await app.WithScopeAsync(ResultsPageData.CreateIncidentAsync);
        var badFinding = await client.PostAsync(page + "?handler=Finding", new FormUrlEncodedContent([new("version", "1"),
            new("text", "Patrols reassure the markets."), new("indicators", indicatorId.ToString()), new("records", $"meteor {incident}")]));
        Assert.Equal(HttpStatusCode.BadRequest, badFinding.StatusCode);
        html = WebUtility.HtmlDecode(await badFinding.Content.ReadAsStringAsync());
        Assert.Contains("id=\"finding-new-error\"", html);
        Assert.Contains("'meteor' is not a kind of record", html);
        Assert.Contains("Patrols reassure the markets.</textarea>", html);
        Assert.Contains($"meteor {incident}</textarea>", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Finding>().CountAsync()));

        var added = await client.PostAsync(page + "?handler=Finding", new FormUrlEncodedContent([new("version", "1"),
            new("text", "Patrols reassure the markets."), new("indicators", indicatorId.ToString()), new("records", $"incident {incident}")]));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var finding = await app.WithDbAsync(db => db.Set<Finding>().SingleAsync());
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<FindingEvidence>().CountAsync(e => e.FindingId == finding.Id)));
        html = await client.GetStringAsync(page);
        Assert.Contains($"href=\"/missions/{TestMission.Code}/results/indicators/{indicatorId}\"", html);
        Assert.Contains($"href=\"/missions/{TestMission.Code}/incidents/{incident}\"", html);

        // A form posted from an older version of the page is refused (409) and says why.
        var stale = await client.PostAsync(page + "?handler=Finding", new FormUrlEncodedContent([new("version", "1"), new("text", "Late finding")]));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed since you read it", WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));

        // Editing: an empty text is refused, the evidence typed kept; then the text and evidence are replaced.
        var emptied = await client.PostAsync(page + "?handler=EditFinding", new FormUrlEncodedContent([new("version", "2"),
            new("finding", finding.Id.ToString()), new("text", " "), new("records", $"incident {incident}")]));
        Assert.Equal(HttpStatusCode.BadRequest, emptied.StatusCode);
        html = WebUtility.HtmlDecode(await emptied.Content.ReadAsStringAsync());
        Assert.Contains($"id=\"finding-{finding.Id}-error\"", html);
        Assert.Contains("Give what the assessment found", html);
        Assert.Contains("<details class=\"edit-finding\" open=\"open\">", html);
        Assert.Equal("Patrols reassure the markets.", (await app.WithDbAsync(db => db.Set<Finding>().SingleAsync())).Text);
        var edited = await client.PostAsync(page + "?handler=EditFinding", new FormUrlEncodedContent([new("version", "2"),
            new("finding", finding.Id.ToString()), new("text", "Patrols reassure the markets by day only."), new("records", $"incident {incident}")]));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var changed = await app.WithDbAsync(db => db.Set<Finding>().SingleAsync());
        Assert.Equal(("Patrols reassure the markets by day only.", 0), (changed.Text, changed.Position));
        var evidence = await app.WithDbAsync(db => db.Set<FindingEvidence>().Where(e => e.FindingId == finding.Id).ToListAsync());
        Assert.Equal((null, "incident", incident), (evidence.Single().IndicatorId, evidence.Single().RecordType, evidence.Single().RecordId!.Value));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.ActionCode == 4108)));

        // Ratings: a comment without a rating is refused, the comment kept; then the objective is rated.
        var unrated = await client.PostAsync(page + "?handler=Ratings", new FormUrlEncodedContent([new("version", "3"),
            new("ratings[0].NodeKey", objectiveKey.ToString()), new("ratings[0].Rating", ""), new("ratings[0].Comment", "Uneven across prefectures")]));
        Assert.Equal(HttpStatusCode.BadRequest, unrated.StatusCode);
        html = WebUtility.HtmlDecode(await unrated.Content.ReadAsStringAsync());
        Assert.Contains("id=\"ratings-error\"", html);
        Assert.Contains("Give the rating", html);
        Assert.Contains("value=\"Uneven across prefectures\"", html);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ObjectiveRating>().CountAsync()));
        var rated = await client.PostAsync(page + "?handler=Ratings", new FormUrlEncodedContent([new("version", "3"),
            new("ratings[0].NodeKey", objectiveKey.ToString()), new("ratings[0].Rating", "OffTrack"), new("ratings[0].Comment", "Uneven across prefectures")]));
        Assert.Equal(HttpStatusCode.Redirect, rated.StatusCode);
        var rating = await app.WithDbAsync(db => db.Set<ObjectiveRating>().SingleAsync());
        Assert.Equal((objectiveKey, ObjectiveRatingValue.OffTrack, "Uneven across prefectures"), (rating.NodeKey, rating.Rating, rating.Comment));
        html = WebUtility.HtmlDecode(await client.GetStringAsync(page + "?culture=fr"));
        Assert.Contains("Apprécier les objectifs", html);
        Assert.Contains("Ajouter un constat", html);

        // The API edits a finding through the same rules: an indicator of no mission is refused naming it; an unknown finding is a 404.
        async Task<HttpResponseMessage> PutFindingAsync(Guid findingId, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/assessments/{assessment.Id}/findings/{findingId}") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", "\"4\"");
            return await client.SendAsync(request);
        }
        var problem = await ProblemAssert.IsProblemAsync(await PutFindingAsync(finding.Id, new { text = "Via the API", evidence = new[] { new { indicatorId = Guid.NewGuid() } } }),
            HttpStatusCode.BadRequest, "validation");
        Assert.Contains("evidence[0].indicatorId", problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await PutFindingAsync(Guid.NewGuid(), new { text = "Via the API" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutFindingAsync(finding.Id, new { text = "Via the API", evidence = new[] { new { indicatorId = indicatorId } } })).StatusCode);
        Assert.Equal("Via the API", (await app.WithDbAsync(db => db.Set<Finding>().SingleAsync())).Text);

        // The frame: a period turned backwards is refused in its own form, the scope typed kept, nothing changed; then saved.
        Assert.Contains("id=\"frame-form\"", await client.GetStringAsync(page));
        var badFrame = await client.PostAsync(page + "?handler=Frame", new FormUrlEncodedContent([new("version", "5"), new("title", "Mid-term review"),
            new("periodFrom", "2024-06-30"), new("periodUntil", "2024-01-01"), new("scope", "Bangui, Ouham and Ouaka")]));
        Assert.Equal(HttpStatusCode.BadRequest, badFrame.StatusCode);
        html = WebUtility.HtmlDecode(await badFrame.Content.ReadAsStringAsync());
        Assert.Contains("id=\"frame-error\"", html);
        Assert.Contains("The period assessed ends on or after its first day.", html);
        Assert.Contains("Bangui, Ouham and Ouaka</textarea>", html);
        Assert.Equal(("Bangui and Ouham", 5), await app.WithDbAsync(async db => await db.Set<Assessment>().Select(a => new { a.Scope, a.Version })
            .SingleAsync() is var a ? (a.Scope, a.Version) : default));
        var framed = await client.PostAsync(page + "?handler=Frame", new FormUrlEncodedContent([new("version", "5"), new("title", "Mid-term review"),
            new("periodFrom", "2024-01-01"), new("periodUntil", "2024-09-30"), new("scope", "Bangui, Ouham and Ouaka"), new("method", "Interviews"),
            new("team", "Planning unit")]));
        Assert.Equal($"{page}?done=framed", framed.Headers.Location!.OriginalString);
        Assert.Equal(("Bangui, Ouham and Ouaka", new DateOnly(2024, 9, 30), 6), await app.WithDbAsync(async db =>
            await db.Set<Assessment>().Select(a => new { a.Scope, a.PeriodUntil, a.Version }).SingleAsync() is var a ? (a.Scope, a.PeriodUntil, a.Version) : default));
        Assert.Contains("The frame is saved.", await client.GetStringAsync(framed.Headers.Location.OriginalString));

        // Other staff do not post the forms; once final, the forms are gone.
        var field = await app.SignInAsync(await app.CreateUserAsync(Role.FieldOfficer, TestMission.Code));
        Assert.Equal(HttpStatusCode.Forbidden, (await field.PostAsync(page + "?handler=Finding", new FormUrlEncodedContent([new("version", "4"),
            new("text", "Mine")]))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await field.GetAsync($"{list}/new")).StatusCode);
        var final = await client.PostAsync(page + "?handler=Finalize", new FormUrlEncodedContent([new("version", "6")]));
        Assert.Equal(HttpStatusCode.Redirect, final.StatusCode);
        Assert.Equal(AssessmentStatus.Final, (await app.WithDbAsync(db => db.Set<Assessment>().SingleAsync())).Status);
        html = await client.GetStringAsync(page);
        Assert.DoesNotContain("finding-new-form", html);
        Assert.DoesNotContain("ratings-form", html);
        Assert.DoesNotContain("frame-form", html);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Finding>().CountAsync()));
    }
}
