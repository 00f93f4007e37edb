using System.Net;
using System.Net.Http.Json;
using Amani.Analysis.Alerts;
using Amani.Foundation.Areas;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Platform.Measures.MeasureRun;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>The share of alerts resolved before their deadline and the median hours to the first response, by month raised, area and severity.</summary>
public sealed class AlertMeasuresTests
{
    private sealed record Stored(DateTime RaisedAt, Guid? AreaId, AlertSeverity Severity, AlertStatus Status, DateTime DeadlineAt, DateTime? ClosedAt,
        (AlertEventKind Kind, double AfterHours)[] Events, int EscalationLevel = 0, bool IsPublic = false);

    private static Task<List<Guid>> StoreAsync(TestApp app, Guid missionId, Guid userId, params Stored[] alerts) => app.WithScopeAsync(async services =>
    {
        var db = services.GetRequiredService<AmaniDbContext>();
        var audit = services.GetRequiredService<AuditLog>();
        var at = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var rule = new AlertRule
        {
            MissionId = missionId, Name = "Clashes", Kind = AlertRuleKind.IncidentCount, Severity = AlertSeverity.Severe, Enabled = false,
            Threshold = 3, WindowDays = 7, CreatedByUserId = userId, CreatedAt = at, UpdatedAt = at,
        };
        db.Add(rule);
        audit.Record(AuditAction.AlertRuleCreated, AlertRule.AuditEntity, rule.Id, "Test rule.");
        var ids = new List<Guid>();
        foreach (var stored in alerts)
        {
            var alert = new Alert
            {
                MissionId = missionId, RuleId = rule.Id, AreaId = stored.AreaId, Kind = AlertRuleKind.IncidentCount, Severity = stored.Severity,
                IsPublic = stored.IsPublic, Status = stored.Status, Headline = "Clashes", Explanation = "Three clashes in a week.", EvidenceJson = "{}",
                EvidenceFingerprint = "x", OwnerRole = Role.DutyOfficer, EscalationLevel = stored.EscalationLevel, DeadlineAt = stored.DeadlineAt,
                RaisedAt = stored.RaisedAt, RefreshedAt = stored.RaisedAt, ClosedAt = stored.ClosedAt, UpdatedAt = stored.RaisedAt,
                OpenKey = stored.ClosedAt is null ? Alert.KeyOf(rule.Id, stored.AreaId) + ":" + ids.Count : null,
            };
            db.Add(alert);
            db.Add(new AlertEvent { AlertId = alert.Id, Kind = AlertEventKind.Raised, Actor = "system", Text = "Raised.", At = stored.RaisedAt, RecordedAt = stored.RaisedAt });
            foreach (var (kind, hours) in stored.Events)
                db.Add(new AlertEvent { AlertId = alert.Id, Kind = kind, Actor = "test", Text = kind.ToString(), At = stored.RaisedAt.AddHours(hours), RecordedAt = stored.RaisedAt.AddHours(hours) });
            audit.Record(AuditAction.AlertRaised, Alert.AuditEntity, alert.Id, "Test alert.");
            ids.Add(alert.Id);
        }
        await db.SaveChangesAsync();
        return ids;
    });

    private static DateTime Jan(int day, int hour = 0) => new(2024, 1, day, hour, 0, 0, DateTimeKind.Utc);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Resolved_before_the_deadline_and_hours_to_the_first_response(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var user = await app.CreateUserAsync(Role.Administrator);
        var province = await app.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == TestMission.Province).Select(a => (Guid?)a.Id).SingleAsync());
        var feb2 = new DateTime(2024, 2, 2, 0, 0, 0, DateTimeKind.Utc);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await StoreAsync(app, mission.Id, user.Id,
            // on time; the first response is the action recorded after 1 h
            new(Jan(3), province, AlertSeverity.Severe, AlertStatus.Resolved, Jan(4), Jan(3, 12),
                [(AlertEventKind.Action, 1), (AlertEventKind.Acknowledged, 2), (AlertEventKind.Resolved, 12)]),
            // resolved after its deadline
            new(Jan(5), province, AlertSeverity.Severe, AlertStatus.Resolved, Jan(6), Jan(8), [(AlertEventKind.Acknowledged, 5), (AlertEventKind.Resolved, 72)]),
            // escalated (its deadline moved on): resolved before the new deadline, but it missed the first
            new(Jan(7), province, AlertSeverity.Severe, AlertStatus.Resolved, Jan(10), Jan(9), [(AlertEventKind.Escalated, 24), (AlertEventKind.Acknowledged, 30)],
                EscalationLevel: 1),
            // still open, its deadline passed; assigned, which is no response
            new(Jan(9), null, AlertSeverity.Moderate, AlertStatus.Open, Jan(10), null, [(AlertEventKind.Assigned, 1)]),
            // a false alarm: in neither part of the share, but declaring it was a response
            new(Jan(11), province, AlertSeverity.Severe, AlertStatus.FalseAlarm, Jan(12), Jan(11, 4), [(AlertEventKind.FalseAlarm, 4)]),
            // public, on time
            new(feb2, null, AlertSeverity.Moderate, AlertStatus.Resolved, feb2.AddDays(1), feb2.AddHours(7), [(AlertEventKind.Acknowledged, 6), (AlertEventKind.Resolved, 7)],
                IsPublic: true),
            // raised now, its deadline not passed: not yet in the share
            new(now.AddHours(-1), province, AlertSeverity.Extreme, AlertStatus.Open, now.AddHours(23), null, []));

        var share = await FactsAsync(app, "alerts.resolved-before-deadline", mission.Id, January, March, publicOnly: false);
        Assert.Equal([new MeasureFact(January, null, "moderate", 0, 1), new MeasureFact(January, province, "severe", 1, 3), new MeasureFact(February, null, "moderate", 1, 1)], share);
        Assert.Equal(2.0 / 5, Share(share));
        var hours = await FactsAsync(app, "alerts.hours-to-response", mission.Id, January, March, publicOnly: false);
        Assert.Equal([1, 4, 5, 30, 6], hours.Select(f => f.Value));
        Assert.Equal(5, Median(hours));

        Assert.Equal([new MeasureFact(February, null, "moderate", 1, 1)], await FactsAsync(app, "alerts.resolved-before-deadline", mission.Id, January, March, publicOnly: true));
        Assert.Equal([new MeasureFact(February, null, "moderate", 6, 1)], await FactsAsync(app, "alerts.hours-to-response", mission.Id, January, March, publicOnly: true));

        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        Assert.Empty(await FactsAsync(app, "alerts.resolved-before-deadline", mission.Id, thisMonth, thisMonth.AddMonths(1), publicOnly: false));
        app.Clock.Advance(TimeSpan.FromDays(1)); // the deadline passes
        Assert.Equal([new MeasureFact(thisMonth, province, "extreme", 0, 1)],
            await FactsAsync(app, "alerts.resolved-before-deadline", mission.Id, thisMonth, thisMonth.AddMonths(1), publicOnly: false));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_response_recorded_on_an_alert_is_announced_for_the_month_it_was_raised(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var mission = await TestMission.CreateAsync(app);
        var user = await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code);
        var id = (await StoreAsync(app, mission.Id, user.Id, new Stored(Jan(9), null, AlertSeverity.Moderate, AlertStatus.Open, Jan(10), null, [])))[0];
        Assert.Empty(await FactsAsync(app, "alerts.hours-to-response", mission.Id, January, February, publicOnly: false));
        var duty = await app.SignInAsync(user);
        using var watch = new Watch(app);

        var response = await duty.PostAsJsonAsync($"/api/v1/alerts/{id}/actions", new { what = "Patrol sent to the market.", at = Jan(9, 3) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(new MeasureChange(mission.Id, "alerts", January, February), watch.Seen);
        Assert.Equal([new MeasureFact(January, null, "moderate", 3, 1)], await FactsAsync(app, "alerts.hours-to-response", mission.Id, January, February, publicOnly: false));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_alert_raised_by_a_rule_and_a_report_received_are_announced_for_this_month(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        using var watch = new Watch(world.App);
        await world.RuleAsync(new
        {
            name = "Clashes in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 2, windowDays = 7,
        });
        await world.IncidentsAsync(2, AlertWorld.InOuham, 1);
        await world.ReportAsync(AlertWorld.InOuham);
        await world.RunAsync();

        var alert = await world.SingleAlertAsync();
        var month = new DateOnly(alert.RaisedAt.Year, alert.RaisedAt.Month, 1);
        Assert.Contains(new MeasureChange(world.MissionId, "alerts", month, month.AddMonths(1)), watch.Seen);
        Assert.Contains(new MeasureChange(world.MissionId, "follow-ups", null, null), watch.Seen);
        Assert.True(await watch.SeenAsync(c => c.MissionId == world.MissionId && c.Source == "reports" && c.From == month && c.Until == month.AddMonths(1)),
            "Announced: " + string.Join("; ", watch.Seen));
    }
}
