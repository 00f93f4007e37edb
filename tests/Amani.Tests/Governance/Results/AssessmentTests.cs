using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Governance.Results.Assessments;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Governance.Results.AssessmentClient;
using static Amani.Tests.Governance.Results.ResultsApiClient;

namespace Amani.Tests.Governance.Results;

/// <summary>
/// Assess and adapt: an assessment of the plan (its frame, findings with indicator and record evidence, a rating per
/// objective) is edited as a draft and made final; its recommendations are decided by the leadership — an accepted or
/// partly accepted one followed up (owed by its owner, due on its due date, linked back), a rejected one not; "adapt"
/// starts the plan's next version, whose edits name the recommendation behind them, and the assessment lists them.
/// </summary>
public sealed class AssessmentTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_assessment_is_written_decided_followed_up_and_adapts_the_plan(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var setup = await world.SetUpAsync();
        var url = $"/api/v1/assessments/{setup.Assessment}";
        var owner = world.Users[Role.FieldOfficer].Id;
        var incident = await world.IncidentAsync(AlertWorld.InOmbella, 10);

        var (body, etag) = await world.OkChangeAsync(HttpMethod.Put, url, setup.ETag, new
        {
            title = "Mid-term review 2024 (H1)", periodFrom = "2024-01-01", periodUntil = "2024-06-30", scope = "Ombella-M'Poko", method = "Interviews", team = "Planning unit",
        });
        Assert.Equal("Mid-term review 2024 (H1)", body.GetProperty("title").GetString());
        Assert.Equal(1, body.GetProperty("planNumber").GetInt32());
        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"{url}/findings", etag, new
        {
            text = "Civilian deaths fell where patrols doubled.",
            evidence = new object[] { new { indicatorId = setup.Indicator }, new { recordType = "incident", recordId = incident } },
        });
        var evidence = body.GetProperty("findings")[0].GetProperty("evidence");
        Assert.Equal($"/missions/{AlertWorld.Mission}/results/indicators/{setup.Indicator}", evidence[0].GetProperty("path").GetString());
        Assert.Equal("POC-1", evidence[0].GetProperty("indicatorCode").GetString());
        Assert.Equal($"/missions/{AlertWorld.Mission}/incidents/{incident}", evidence[1].GetProperty("path").GetString());
        (body, etag) = await world.OkChangeAsync(HttpMethod.Put, $"{url}/ratings", etag, new[] { new { nodeKey = setup.ObjectiveKey, rating = "partlyOnTrack", comment = "Uneven" } });
        Assert.Equal("O1.1", body.GetProperty("ratings")[0].GetProperty("nodeCode").GetString());
        foreach (var text in new[] { "Double the night patrols in Bimbo", "Train the local police", "Close the northern base" })
            (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"{url}/recommendations", etag, new { text, ownerUserId = owner, dueOn = world.DueOn(60) });
        var recommendations = body.GetProperty("recommendations").EnumerateArray().Select(Id).ToList();
        Assert.Equal(3, recommendations.Count);

        // Final: the frame, findings, ratings and recommendations no longer change; decisions still come.
        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"{url}/finalization", etag);
        Assert.Equal("final", body.GetProperty("status").GetString());
        await ProblemAssert.IsProblemAsync(await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", etag, new { text = "Late" }), HttpStatusCode.Conflict, "conflict");
        await ProblemAssert.IsProblemAsync(await world.ChangeAsync(HttpMethod.Put, url, etag, new { title = "Again", periodFrom = "2024-01-01", periodUntil = "2024-06-30" }),
            HttpStatusCode.Conflict, "conflict");

        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendations[0]}/decision", etag, new { decision = "accepted" });
        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendations[1]}/decision", etag,
            new { decision = "partlyAccepted", reason = "Only in Bimbo for now", dueOn = world.DueOn(90) });
        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendations[2]}/decision", etag,
            new { decision = "rejected", reason = "The base protects the corridor" });
        await ProblemAssert.IsProblemAsync(await world.ChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendations[2]}/decision", etag,
            new { decision = "accepted" }), HttpStatusCode.Conflict, "conflict");

        var followUps = await world.App.WithDbAsync(db => db.Set<FollowUp>().AsNoTracking().Where(f => f.RecordType == "assessment").OrderBy(f => f.DueAt).ToListAsync());
        Assert.Equal(2, followUps.Count);
        Assert.All(followUps, f => Assert.Equal((setup.Assessment, owner, "results"), (f.RecordId!.Value, f.OwnerUserId!.Value, f.Module)));
        Assert.Equal(world.DueOn(60), followUps[0].DueAt.ToString("yyyy-MM-dd"));
        Assert.Equal(world.DueOn(90), followUps[1].DueAt.ToString("yyyy-MM-dd"));
        var decided = body.GetProperty("recommendations");
        Assert.Equal(["accepted", "partlyAccepted", "rejected"], decided.EnumerateArray().Select(r => r.GetProperty("decision").GetString()));
        Assert.Equal(followUps[0].Id, Id(decided[0].GetProperty("followUp")));
        Assert.Equal($"/missions/{AlertWorld.Mission}/follow-ups/{followUps[0].Id}", decided[0].GetProperty("followUp").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, decided[2].GetProperty("followUp").ValueKind);
        // The follow-up links back to the assessment's page.
        var followUp = await OkAsync(await world.Planner().GetAsync($"/api/v1/follow-ups/{followUps[0].Id}"));
        Assert.Equal($"/missions/{AlertWorld.Mission}/results/assessments/{setup.Assessment}", followUp.GetProperty("followUp").GetProperty("recordPath").GetString());

        // Adapt: the next plan version, for this assessment; its edits name the recommendation, and the assessment lists them.
        // New dates that do not make a plan are refused naming the field, and no version is started.
        var badDates = await ProblemAssert.IsProblemAsync(await world.Planner().PostAsJsonAsync($"{url}/adapt",
            new { startsOn = "2027-01-01", endsOn = "2026-01-01" }), HttpStatusCode.BadRequest, "validation");
        Assert.True(badDates.GetProperty("errors").TryGetProperty("endsOn", out _), badDates.GetRawText());
        var adapted = await world.Planner().PostAsJsonAsync($"{url}/adapt", new { title = "Plan 2027–2029", startsOn = "2027-01-01", endsOn = "2029-12-31" });
        var next = await OkAsync(adapted, HttpStatusCode.Created);
        Assert.Equal(2, next.GetProperty("number").GetInt32());
        Assert.Equal(("Plan 2027–2029", "2027-01-01", "2029-12-31"),
            (next.GetProperty("title").GetString(), next.GetProperty("startsOn").GetString(), next.GetProperty("endsOn").GetString()));
        Assert.Equal(setup.Assessment, next.GetProperty("assessmentId").GetGuid());
        Assert.Equal("draft", next.GetProperty("status").GetString());
        var (plan, _) = await NodeAsync(world, next, adapted.Headers.ETag!.Tag, new
        {
            level = "outcome", code = "OC1.1.1", name = "Night patrols cover Bimbo", parentId = Node(next, "O1.1").Id, recommendationId = recommendations[0],
        });
        Assert.Contains(plan.GetProperty("changes").EnumerateArray(), c => c.GetProperty("recommendationId").ValueKind == JsonValueKind.String
            && c.GetProperty("recommendationId").GetGuid() == recommendations[0] && c.GetProperty("kind").GetString() == "added");
        body = await OkAsync(await world.Analyst.GetAsync(url));
        var changes = body.GetProperty("recommendations")[0].GetProperty("changes");
        Assert.Equal(2, Assert.Single(changes.EnumerateArray()).GetProperty("planNumber").GetInt32());
        Assert.Contains("OC1.1.1", changes[0].GetProperty("text").GetString());
        Assert.Empty(body.GetProperty("recommendations")[1].GetProperty("changes").EnumerateArray());
        Assert.Equal(2, Assert.Single(body.GetProperty("adaptedPlans").EnumerateArray()).GetProperty("number").GetInt32());
        // The draft is the latest version: a second adapt is refused until it is activated.
        await ProblemAssert.IsProblemAsync(await world.Planner().PostAsync($"{url}/adapt", null), HttpStatusCode.Conflict, "conflict");

        var list = await OkAsync(await world.Field.GetAsync(Assessments));
        Assert.Equal((1, 3, 0), (list[0].GetProperty("findings").GetInt32(), list[0].GetProperty("recommendations").GetInt32(), list[0].GetProperty("pending").GetInt32()));
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ActionCode >= 4100 && a.ActionCode < 4200)
            .Select(a => a.ActionCode).ToListAsync());
        Assert.Equal([4100, 4101, 4102, 4103, 4104, 4105, 4106, 4107], audit.Distinct().Order());
        Assert.Equal(3, audit.Count(c => c == 4102));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var setup = await world.SetUpAsync();
        var url = $"/api/v1/assessments/{setup.Assessment}";
        var etag = setup.ETag;

        async Task Invalid(HttpResponseMessage response, string field)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        }
        await Invalid(await world.Planner().PostAsJsonAsync(Assessments, new { periodFrom = "2024-01-01", periodUntil = "2024-06-30" }), "title");
        await Invalid(await world.Planner().PostAsJsonAsync(Assessments, new { title = "Backwards", periodFrom = "2024-06-30", periodUntil = "2024-01-01" }), "periodUntil");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", etag,
            new { text = "Evidence of an unknown kind", evidence = new object[] { new { indicatorId = setup.Indicator }, new { recordType = "rumour", recordId = Guid.NewGuid() } } }),
            "evidence[1].recordType");
        // A known kind, but no such record in the mission: refused naming the id, so that no finding links to nothing.
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", etag,
            new { text = "Evidence that does not exist", evidence = new object[] { new { recordType = "incident", recordId = Guid.NewGuid() } } }),
            "evidence[0].recordId");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", etag, new { text = "x", evidence = new[] { new { indicatorId = Guid.NewGuid() } } }),
            "evidence[0].indicatorId");
        await Invalid(await world.ChangeAsync(HttpMethod.Put, $"{url}/ratings", etag,
            new object[] { new { nodeKey = setup.ObjectiveKey, rating = "onTrack" }, new { nodeKey = setup.PriorityKey, rating = "offTrack" } }), "ratings[1].nodeKey");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"{url}/recommendations", etag, new { text = "No owner", dueOn = world.DueOn(10) }), "ownerUserId");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"{url}/recommendations", etag,
            new { text = "Past", ownerUserId = world.Users[Role.FieldOfficer].Id, dueOn = world.DueOn(-1) }), "dueOn");
        // Stale and missing ETags.
        await ProblemAssert.IsProblemAsync(await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", "\"99\"", new { text = "Stale" }),
            HttpStatusCode.PreconditionFailed, "stale-version");
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await world.Planner().PostAsJsonAsync($"{url}/findings", new { text = "No ETag" })).StatusCode);

        var body = await OkAsync(await world.Planner().GetAsync(url));
        Assert.Equal(setup.ETag, $"\"{body.GetProperty("version").GetInt32()}\"");
        Assert.Empty(body.GetProperty("findings").EnumerateArray());
        Assert.Empty(body.GetProperty("ratings").EnumerateArray());
        Assert.Empty(body.GetProperty("recommendations").EnumerateArray());
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<FindingEvidence>().CountAsync()));

        // A rejection and a partial acceptance need a reason; an undecided assessment does not adapt the plan.
        (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"{url}/recommendations", etag,
            new { text = "Open a base in Ouham", ownerUserId = world.Users[Role.FieldOfficer].Id, dueOn = world.DueOn(30) });
        var recommendation = Id(body.GetProperty("recommendations")[0]);
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendation}/decision", etag, new { decision = "rejected" }), "reason");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendation}/decision", etag, new { decision = "partlyAccepted", reason = " " }), "reason");
        await Invalid(await world.ChangeAsync(HttpMethod.Post, $"/api/v1/recommendations/{recommendation}/decision", etag, new { reason = "No decision" }), "decision");
        await ProblemAssert.IsProblemAsync(await world.Planner().PostAsync($"{url}/adapt", null), HttpStatusCode.Conflict, "conflict");
        body = await OkAsync(await world.Planner().GetAsync(url));
        Assert.Equal("pending", body.GetProperty("recommendations")[0].GetProperty("decision").GetString());
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<FollowUp>().CountAsync(f => f.RecordType == "assessment")));
        Assert.Equal(1, await world.App.WithDbAsync(db => db.Set<Amani.Governance.Results.Plans.Plan>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Partners_see_no_assessment_and_only_planners_change_or_decide(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var setup = await world.SetUpAsync();
        var url = $"/api/v1/assessments/{setup.Assessment}";
        await ProblemAssert.IsProblemAsync(await world.Partner.GetAsync(Assessments), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.Partner.GetAsync(url), HttpStatusCode.Forbidden, "forbidden");
        await OkAsync(await world.Field.GetAsync(url));
        await OkAsync(await world.Duty.GetAsync(Assessments));
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Field.PostAsJsonAsync(Assessments, new { title = "Mine", periodFrom = "2024-01-01", periodUntil = "2024-02-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.ChangeAsync(HttpMethod.Post, $"{url}/findings", setup.ETag, new { text = "Field view" }, world.Field)).StatusCode);
        var (body, etag) = await world.OkChangeAsync(HttpMethod.Post, $"{url}/recommendations", setup.ETag,
            new { text = "Share the patrol schedule", ownerUserId = world.Users[Role.DutyOfficer].Id, dueOn = world.DueOn(20) });
        var decision = $"/api/v1/recommendations/{Id(body.GetProperty("recommendations")[0])}/decision";
        Assert.Equal(HttpStatusCode.Forbidden, (await world.ChangeAsync(HttpMethod.Post, decision, etag, new { decision = "accepted" }, world.Analyst)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.Analyst.PostAsync($"{url}/adapt", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Planner().GetAsync($"/api/v1/assessments/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.App.CreateClient().GetAsync(url)).StatusCode);
        // The administrator decides.
        (body, _) = await world.OkChangeAsync(HttpMethod.Post, decision, etag, new { decision = "accepted" }, world.Admin);
        Assert.Equal("accepted", body.GetProperty("recommendations")[0].GetProperty("decision").GetString());
    }
}
