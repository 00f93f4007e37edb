using System.Net;
using System.Net.Http.Json;
using Amani.Analysis.Alerts;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>A rule has at most one open alert per area: later evaluations refresh its evidence; two nodes never raise it twice.</summary>
public sealed class AlertDeduplicationTests
{
    private static readonly object Rule = new
    {
        name = "Clashes in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 2, windowDays = 7,
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_open_alert_gets_its_evidence_refreshed_instead_of_a_second_alert_and_a_closed_one_makes_room_for_a_new_one(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(Rule);
        await world.IncidentsAsync(2, AlertWorld.InOuham, 1);
        await world.RunAsync();
        var first = await world.SingleAlertAsync();

        await world.RunAsync(); // nothing new: not even a refresh is recorded
        Assert.Equal(first.EvidenceJson, (await world.SingleAlertAsync()).EvidenceJson);
        Assert.Equal(1, (await world.AuditAsync()).Count(a => a.Code == (int)AuditAction.AlertRaised));
        Assert.DoesNotContain(await world.AuditAsync(), a => a.Code == (int)AuditAction.AlertEvidenceRefreshed);

        var acknowledged = await world.MoveAsync(first.Id, new { to = "acknowledged" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var third = await world.IncidentAsync(AlertWorld.InOuham, 0.5);
        await world.RunAsync();
        var refreshed = await world.SingleAlertAsync();
        Assert.Equal((first.Id, AlertStatus.Acknowledged, 2), (refreshed.Id, refreshed.Status, refreshed.Version)); // a refresh leaves the ETag alone
        Assert.Equal("3 incidents in Ouham in the last 7 days; the threshold is 2.", refreshed.Explanation);
        Assert.Contains(third, AlertEvidence.FromJson(refreshed.EvidenceJson).IncidentIds);
        Assert.Single(await world.AuditAsync(), a => a.Code == (int)AuditAction.AlertEvidenceRefreshed && a.EntityId == first.Id.ToString());
        var log = (await world.GetAlertAsync(first.Id)).Body.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["raised", "acknowledged", "evidenceRefreshed"], log);

        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(first.Id, new { to = "falseAlarm", reason = "Training exercise, announced beforehand" })).StatusCode);
        Assert.Null((await world.SingleAlertAsync()).OpenKey);
        await world.RunAsync(); // the condition still holds: a new alert
        var alerts = await world.AlertsAsync();
        Assert.Equal(2, alerts.Count);
        Assert.Equal([AlertStatus.FalseAlarm, AlertStatus.Open], alerts.Select(a => a.Status));
        Assert.NotNull(alerts[1].OpenKey);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_nodes_evaluating_at_the_same_time_raise_one_alert(DatabaseProvider provider)
    {
        var database = TestDatabase.Create(provider);
        await using var world = await AlertWorld.StartAsync(provider, database: database);
        await using var other = await TestApp.StartNodeAsync(database);
        await world.RuleAsync(Rule);
        await world.RuleAsync(new
        {
            name = "Clashes per province", kind = "incidentCount", severity = "moderate", areaLevel = 1, threshold = 2, windowDays = 7,
        });
        await world.IncidentsAsync(3, AlertWorld.InOuham, 1);
        await world.IncidentsAsync(2, AlertWorld.InOmbella, 1);

        var engines = new[] { world.App.Services.GetRequiredService<AlertEngine>(), other.Services.GetRequiredService<AlertEngine>() };
        for (var round = 0; round < 5; round++)
            await Task.WhenAll(engines.Select(engine => Task.Run(() => engine.RunAsync(null, CancellationToken.None))));

        var alerts = await world.AlertsAsync();
        Assert.Equal(3, alerts.Count); // Ouham by the first rule; Ouham and Ombella by the per-province rule
        Assert.Equal(alerts.Count, alerts.Select(a => a.OpenKey).Distinct().Count());
        Assert.Equal(3, (await world.AuditAsync()).Count(a => a.Code == (int)AuditAction.AlertRaised));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_database_refuses_a_second_open_alert_for_the_same_rule_and_area(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(Rule);
        await world.IncidentsAsync(2, AlertWorld.InOuham, 1);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();

        // The unique open-alert key is the guard that holds even if two writers got past every check.
        // (Written from outside the server, so that the refused insert is not logged as one of its errors.)
        await using var db = new AmaniDbContext(world.App.Database.Target.CreateOptions());
        db.Set<Alert>().Add(new Alert
        {
            MissionId = alert.MissionId, RuleId = alert.RuleId, AreaId = alert.AreaId, OpenKey = alert.OpenKey, Kind = alert.Kind, Severity = alert.Severity,
            Status = AlertStatus.Open, Headline = "twin", Explanation = "twin", EvidenceJson = alert.EvidenceJson, EvidenceFingerprint = "twin",
            OwnerRole = alert.OwnerRole, DeadlineAt = alert.DeadlineAt, RaisedAt = alert.RaisedAt, RefreshedAt = alert.RaisedAt, UpdatedAt = alert.RaisedAt,
        });
        new AuditLog(db, new AuditActor { Actor = "test" }, TimeProvider.System).Record(AuditAction.AlertRaised, Alert.AuditEntity, alert.Id, "twin");
        var twin = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsUniqueViolation(twin));
        Assert.Single(await world.AlertsAsync());
    }
}
