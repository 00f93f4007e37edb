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
/// An alert not resolved by its deadline escalates one role up the chain (field officer → duty officer → analyst →
/// administrator), with a higher level, a new deadline and notifications; at the top it stays overdue. Deadlines come
/// from the severity (mission settings, else defaults) or the rule.
/// </summary>
public sealed class AlertEscalationTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_overdue_alert_escalates_up_the_chain_with_a_new_deadline_each_time(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var fieldOfficer = world.Users[Role.FieldOfficer].Id;
        await world.RuleAsync(new
        {
            name = "Clashes", kind = "incidentCount", severity = "extreme", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7, ownerRole = "fieldOfficer",
            defaultOwnerUserId = fieldOfficer,
        });
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        var raised = await world.SingleAlertAsync();
        Assert.Equal((Role.FieldOfficer, fieldOfficer, 0), (raised.OwnerRole, raised.OwnerUserId, raised.EscalationLevel));
        Assert.Equal(raised.RaisedAt.AddHours(2), raised.DeadlineAt);
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(raised.Id, new { to = "acknowledged" }, world.Field)).StatusCode);

        await world.AdvanceAsync(TimeSpan.FromMinutes(119));
        await world.RunAsync();
        Assert.Equal(0, (await world.SingleAlertAsync()).EscalationLevel); // not yet

        await world.AdvanceAsync(TimeSpan.FromMinutes(2));
        await world.RunAsync();
        var first = await world.SingleAlertAsync();
        var now = world.App.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal((Role.DutyOfficer, (Guid?)null, 1, AlertStatus.Acknowledged), (first.OwnerRole, first.OwnerUserId, first.EscalationLevel, first.Status));
        Assert.Equal(now.AddHours(2), first.DeadlineAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(raised.Version + 2, first.Version); // acknowledged, then escalated: a stale ETag is refused

        await world.AdvanceAsync(TimeSpan.FromHours(3));
        await world.RunAsync();
        Assert.Equal((Role.Analyst, 2), ((await world.SingleAlertAsync()).OwnerRole, (await world.SingleAlertAsync()).EscalationLevel));
        await world.AdvanceAsync(TimeSpan.FromHours(3));
        await world.RunAsync();
        Assert.Equal((Role.Administrator, 3), ((await world.SingleAlertAsync()).OwnerRole, (await world.SingleAlertAsync()).EscalationLevel));
        await world.AdvanceAsync(TimeSpan.FromHours(3));
        await world.RunAsync();
        var top = await world.SingleAlertAsync();
        Assert.Equal((Role.Administrator, 3), (top.OwnerRole, top.EscalationLevel)); // the top of the chain: stays overdue
        Assert.True(top.IsOverdue(world.App.Clock.GetUtcNow().UtcDateTime));

        // Each escalation notified the holders of the next role in the mission (the administrator holds it for every mission).
        var notifications = await world.App.WithDbAsync(db => db.Set<AlertNotification>().Where(n => n.AlertId == raised.Id)
            .OrderBy(n => n.CreatedAt).Select(n => new { n.UserId, n.Reason }).ToListAsync());
        Assert.Equal([(fieldOfficer, AlertNotificationReason.Raised), (world.Users[Role.DutyOfficer].Id, AlertNotificationReason.Escalated),
                (world.Users[Role.Analyst].Id, AlertNotificationReason.Escalated), (world.Users[Role.Administrator].Id, AlertNotificationReason.Escalated)],
            notifications.Select(n => (n.UserId, n.Reason)));
        var escalations = (await world.AuditAsync()).Where(a => a.Code == (int)AuditAction.AlertEscalated).ToList();
        Assert.Equal(3, escalations.Count);
        Assert.Contains("escalated from FieldOfficer (owner " + fieldOfficer + ") to DutyOfficer, level 1", escalations[0].Summary);
        var (body, _) = await world.GetAlertAsync(raised.Id, world.Admin);
        Assert.Equal(3, body.GetProperty("log").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalated"));
        Assert.True(body.GetProperty("overdue").GetBoolean());
        Assert.Equal("administrator", body.GetProperty("ownerRole").GetString());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Deadlines_come_from_the_rule_else_the_mission_else_the_defaults_and_resolved_alerts_never_escalate(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var deadlines = await world.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alert-deadlines");
        Assert.Equal((168, 48, 12, 2, true), (deadlines.GetProperty("minor").GetInt32(), deadlines.GetProperty("moderate").GetInt32(),
            deadlines.GetProperty("severe").GetInt32(), deadlines.GetProperty("extreme").GetInt32(), deadlines.GetProperty("defaults").GetBoolean()));
        await ProblemAssert.IsProblemAsync(await world.Analyst.PutAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-deadlines",
            new { minor = 0, moderate = 24, severe = 6, extreme = 1 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Analyst.PutAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-deadlines",
            new { minor = 72, moderate = 24, severe = 6 }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.Duty.PutAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-deadlines",
            new { minor = 72, moderate = 24, severe = 6, extreme = 1 }), HttpStatusCode.Forbidden, "forbidden");
        var set = await world.Analyst.PutAsJsonAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-deadlines", new { minor = 72, moderate = 24, severe = 6, extreme = 1 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Contains(await world.AuditAsync(), a => a.Code == (int)AuditAction.AlertDeadlinesChanged && a.Summary.Contains("severe 6 h"));

        await world.RuleAsync(new { name = "Mission deadline", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7 });
        await world.RuleAsync(new
        {
            name = "Rule deadline", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ombella, threshold = 1, windowDays = 7, deadlineHours = 30,
        });
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.IncidentAsync(AlertWorld.InOmbella, 1);
        await world.RunAsync();
        var alerts = await world.AlertsAsync();
        var byMission = alerts.Single(a => a.Headline.Contains("Ouham"));
        var byRule = alerts.Single(a => a.Headline.Contains("Ombella"));
        Assert.Equal(byMission.RaisedAt.AddHours(6), byMission.DeadlineAt);
        Assert.Equal(byRule.RaisedAt.AddHours(30), byRule.DeadlineAt);

        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(byMission.Id, new { to = "falseAlarm", reason = "Duplicate of a patrol report" })).StatusCode);
        await world.AdvanceAsync(TimeSpan.FromHours(7));
        await world.RunAsync();
        alerts = await world.AlertsAsync();
        Assert.Equal(0, alerts.Single(a => a.Id == byMission.Id).EscalationLevel); // closed: never escalated
        Assert.Equal(0, alerts.Single(a => a.Id == byRule.Id).EscalationLevel);    // 30 hours not yet passed
        await world.AdvanceAsync(TimeSpan.FromHours(24));
        await world.RunAsync();
        Assert.Equal(1, (await world.AlertsAsync()).Single(a => a.Id == byRule.Id).EscalationLevel);
    }
}
