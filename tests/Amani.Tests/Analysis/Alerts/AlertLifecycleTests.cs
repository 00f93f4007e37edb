using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>
/// open → acknowledged → responding → resolved (with an outcome, after at least one response action), or a false alarm
/// (with the reason); every other move is 409 listing the allowed ones; every step is logged and audited.
/// </summary>
public sealed class AlertLifecycleTests
{
    private static async Task<(AlertWorld World, Guid Alert)> RaisedAsync(DatabaseProvider provider)
    {
        var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new { name = "Clashes", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        return (world, (await world.SingleAlertAsync()).Id);
    }

    private static async Task<JsonElement> ConflictAsync(HttpResponseMessage response, params string[] allowed)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(allowed, problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));
        foreach (var move in allowed)
            Assert.Contains(move, problem.GetProperty("detail").GetString());
        return problem;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_alert_is_acknowledged_responded_to_and_resolved_with_an_outcome_and_every_step_is_audited(DatabaseProvider provider)
    {
        var (world, id) = await RaisedAsync(provider);
        await using var _ = world;
        var duty = world.Users[Role.DutyOfficer];

        await ConflictAsync(await world.MoveAsync(id, new { to = "resolved", outcome = "Patrol sent" }), "acknowledged", "falseAlarm");
        await ConflictAsync(await world.MoveAsync(id, new { to = "responding" }), "acknowledged", "falseAlarm");

        var acknowledged = await world.MoveAsync(id, new { to = "acknowledged", note = "Seen; calling the sector." });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var body = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("acknowledged", body.GetProperty("status").GetString());
        Assert.Equal(duty.Id, body.GetProperty("ownerUserId").GetGuid()); // nobody owned it: the acknowledger does now
        Assert.Equal("\"2\"", acknowledged.Headers.ETag!.Tag);

        await ConflictAsync(await world.MoveAsync(id, new { to = "acknowledged" }), "responding", "falseAlarm");
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(id, new { to = "responding" })).StatusCode);

        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "resolved" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "resolved", outcome = "ok" }), HttpStatusCode.BadRequest, "validation");
        var noAction = await ConflictAsync(await world.MoveAsync(id, new { to = "resolved", outcome = "The armed group left the market." }), "falseAlarm");
        Assert.Contains("response action", noAction.GetProperty("detail").GetString());

        var when = world.App.Clock.GetUtcNow().AddMinutes(-30);
        var action = await world.Field.PostAsJsonAsync($"/api/v1/alerts/{id}/actions", new { what = "Patrol from Bossangoa base sent to the market.", at = when });
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        var recorded = await action.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("action", recorded.GetProperty("kind").GetString());
        Assert.Equal(world.Users[Role.FieldOfficer].Id, recorded.GetProperty("userId").GetGuid());
        Assert.Equal(when.UtcDateTime, recorded.GetProperty("at").GetDateTime(), TimeSpan.FromMilliseconds(1));

        var resolved = await world.MoveAsync(id, new { to = "resolved", outcome = "The armed group left the market; no casualties." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var closed = await resolved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("resolved", closed.GetProperty("status").GetString());
        Assert.Equal("The armed group left the market; no casualties.", closed.GetProperty("outcome").GetString());
        Assert.Empty(closed.GetProperty("nextStatuses").EnumerateArray());
        Assert.Equal(["raised", "acknowledged", "responseStarted", "action", "resolved"],
            closed.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal($"Seen; calling the sector. Owner: user {duty.Id}, who acknowledged it.", closed.GetProperty("log")[1].GetProperty("text").GetString());

        await ConflictAsync(await world.MoveAsync(id, new { to = "falseAlarm", reason = "Changed my mind" }));
        await ConflictAsync(await world.Duty.PostAsJsonAsync($"/api/v1/alerts/{id}/actions", new { what = "Too late" }));

        var audit = (await world.AuditAsync()).Where(a => a.EntityId == id.ToString()).Select(a => a.Code).ToList();
        Assert.Equal([(int)AuditAction.AlertRaised, (int)AuditAction.AlertAcknowledged, (int)AuditAction.AlertResponseStarted,
            (int)AuditAction.AlertActionRecorded, (int)AuditAction.AlertResolved], audit);
        var stored = await world.SingleAlertAsync();
        Assert.Null(stored.OpenKey);
        Assert.NotNull(stored.ClosedAt);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_false_alarm_needs_a_reason_and_refused_moves_change_nothing(DatabaseProvider provider)
    {
        var (world, id) = await RaisedAsync(provider);
        await using var _ = world;
        var before = await StateAsync(world, id);

        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "falseAlarm" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "falseAlarm", reason = " " }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "sleeping" }), HttpStatusCode.BadRequest, "malformed-request");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "falseAlarm", reason = new string('x', 2001) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.PostAsJsonAsync($"/api/v1/alerts/{id}/actions",
            new { what = "Sent a patrol", at = world.App.Clock.GetUtcNow().AddDays(1) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.PostAsJsonAsync($"/api/v1/alerts/{id}/actions", new { what = "" }), HttpStatusCode.BadRequest, "validation");
        await ConflictAsync(await world.MoveAsync(id, new { to = "open" }), "acknowledged", "falseAlarm");

        using (var noVersion = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{id}/transitions") { Content = JsonContent.Create(new { to = "acknowledged" }) })
            await ProblemAssert.IsProblemAsync(await world.Duty.SendAsync(noVersion), HttpStatusCode.PreconditionRequired, "version-required");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(id, new { to = "acknowledged" }, etag: "\"9\""), HttpStatusCode.PreconditionFailed, "stale-version");
        Assert.Equal(before, await StateAsync(world, id));

        var cancelled = await world.MoveAsync(id, new { to = "falseAlarm", reason = "Two patrols reported the same clash." });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("falseAlarm", "Two patrols reported the same clash."), (body.GetProperty("status").GetString(), body.GetProperty("outcome").GetString()));
        Assert.Contains((await world.AuditAsync()), a => a.Code == (int)AuditAction.AlertFalseAlarm && a.Summary.Contains("Two patrols reported"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_alert_is_assigned_to_someone_who_responds_to_alerts_and_they_are_notified(DatabaseProvider provider)
    {
        var (world, id) = await RaisedAsync(provider);
        await using var _ = world;
        var field = world.Users[Role.FieldOfficer];

        async Task<HttpResponseMessage> AssignAsync(Guid? userId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/alerts/{id}/assignment") { Content = JsonContent.Create(new { userId }) };
            request.Headers.TryAddWithoutValidation("If-Match", (await world.GetAlertAsync(id)).ETag);
            return await world.Duty.SendAsync(request);
        }

        await ProblemAssert.IsProblemAsync(await AssignAsync(world.Users[Role.Partner].Id), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await AssignAsync(Guid.NewGuid()), HttpStatusCode.BadRequest, "validation");
        var assigned = await AssignAsync(field.Id);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(field.Id, (await assigned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ownerUserId").GetGuid());
        var notifications = await world.App.WithDbAsync(db => db.Set<AlertNotification>().Where(n => n.AlertId == id)
            .Select(n => new { n.UserId, n.Reason }).ToListAsync());
        Assert.Contains(notifications, n => n.UserId == field.Id && n.Reason == AlertNotificationReason.Assigned);
        Assert.Contains(await world.AuditAsync(), a => a.Code == (int)AuditAction.AlertAssigned && a.Summary.Contains(field.Id.ToString()));

        // The owner, a field officer, can act on it.
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(id, new { to = "acknowledged" }, world.Field)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AssignAsync(null)).StatusCode);
        Assert.Null((await world.SingleAlertAsync()).OwnerUserId);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_list_filters_by_status_severity_area_and_overdue(DatabaseProvider provider)
    {
        var (world, id) = await RaisedAsync(provider);
        await using var _ = world;
        await world.RuleAsync(new { name = "Deaths", kind = "fatalities", severity = "minor", threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InOmbella, 1, deaths: 2);
        await world.RunAsync();
        Assert.Equal(2, (await world.AlertsAsync()).Count);

        async Task<List<string?>> HeadlinesAsync(string query)
        {
            var page = await world.Duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alerts?{query}");
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("headline").GetString()).ToList();
        }

        Assert.Equal(2, (await HeadlinesAsync("")).Count);
        Assert.Equal(["2 deaths across ALPHA in 7 days"], await HeadlinesAsync("severity=minor"));
        Assert.Equal(["1 incident in Ouham in 7 days"], await HeadlinesAsync($"area={AlertWorld.Ouham}"));
        Assert.Empty(await HeadlinesAsync($"area={AlertWorld.Ombella}")); // the deaths alert covers the whole mission, not Ombella
        Assert.Empty(await HeadlinesAsync("overdue=true"));
        await world.AdvanceAsync(TimeSpan.FromHours(13)); // past the severe alert's 12 hours, within the minor one's 7 days
        Assert.Equal(["1 incident in Ouham in 7 days"], await HeadlinesAsync("overdue=true"));
        Assert.Equal(["2 deaths across ALPHA in 7 days"], await HeadlinesAsync("overdue=false"));
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(id, new { to = "acknowledged" })).StatusCode);
        Assert.Equal(["1 incident in Ouham in 7 days"], await HeadlinesAsync("status=acknowledged"));
        var page = await world.Duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alerts?limit=1");
        var next = page.GetProperty("nextCursor").GetString();
        var second = await world.Duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alerts?limit=1&cursor={next}");
        Assert.NotEqual(page.GetProperty("items")[0].GetProperty("id").GetGuid(), second.GetProperty("items")[0].GetProperty("id").GetGuid());

        await ProblemAssert.IsProblemAsync(await world.Duty.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alerts?status=sleeping"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alerts?severity=huge"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alerts?area=XX"), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alerts?cursor=nonsense"), HttpStatusCode.BadRequest, "validation");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Someone_scoped_to_an_area_sees_and_answers_only_the_alerts_that_concern_it(DatabaseProvider provider)
    {
        var (world, ouhamAlert) = await RaisedAsync(provider);
        await using var _ = world;
        await world.RuleAsync(new { name = "Deaths", kind = "fatalities", severity = "minor", threshold = 1, windowDays = 7 });
        await world.RuleAsync(new { name = "Bimbo", kind = "incidentCount", severity = "minor", areaPCode = AlertWorld.Bimbo, threshold = 1, windowDays = 7 });
        await world.IncidentAsync(AlertWorld.InBimboCentre, 1, deaths: 2);
        await world.RunAsync();
        var alerts = await world.AlertsAsync();
        Assert.Equal(3, alerts.Count);

        var (_, ombellaOfficer) = await world.AreaUserAsync(Role.FieldOfficer, AlertWorld.Ombella);
        var seen = (await ombellaOfficer.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alerts")).GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("headline").GetString()).Order().ToList();
        Assert.Equal(["1 incident in Bimbo in 7 days", "2 deaths across ALPHA in 7 days"], seen);
        await ProblemAssert.IsProblemAsync(await ombellaOfficer.GetAsync($"/api/v1/alerts/{ouhamAlert}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await world.MoveAsync(ouhamAlert, new { to = "acknowledged" }, ombellaOfficer, "\"1\""), HttpStatusCode.NotFound, "not-found");
        var bimbo = alerts.Single(a => a.Headline.Contains("Bimbo")).Id;
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(bimbo, new { to = "acknowledged" }, ombellaOfficer)).StatusCode);

        // An analyst of Ombella manages rules inside Ombella only.
        var (_, ombellaAnalyst) = await world.AreaUserAsync(Role.Analyst, AlertWorld.Ombella);
        var outside = await ombellaAnalyst.PostAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-rules",
            new { name = "Ouham", kind = "incidentCount", severity = "minor", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        await ProblemAssert.IsProblemAsync(outside, HttpStatusCode.BadRequest, "validation");
        await world.RuleAsync(new { name = "Bimbo too", kind = "incidentCount", severity = "minor", areaPCode = AlertWorld.Bimbo, threshold = 5, windowDays = 7 },
            ombellaAnalyst);
        // Partners read public alerts in the public feed only.
        await ProblemAssert.IsProblemAsync(await world.Partner.GetAsync($"/api/v1/missions/{AlertWorld.Mission}/alerts"), HttpStatusCode.Forbidden, "forbidden");
    }

    private static Task<(int Version, AlertStatus Status, int Events, int Audit)> StateAsync(AlertWorld world, Guid id) => world.App.WithDbAsync(async db =>
    {
        var alert = await db.Set<Alert>().AsNoTracking().SingleAsync(a => a.Id == id);
        return (alert.Version, alert.Status, await db.Set<AlertEvent>().CountAsync(e => e.AlertId == id), await db.AuditEntries.CountAsync());
    });
}
