using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Reporting.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Foundation.Areas;
using Amani.Register.Incidents;

namespace Amani.Tests.Analysis.Alerts;

/// <summary>Each kind of rule fires on real incidents, reports or forecasts — and not one short of its threshold.</summary>
public sealed class RuleFiringTests
{
    private static object CountRule(int threshold, string? area = AlertWorld.Ombella, bool isPublic = false) => new
    {
        name = "Clashes", kind = "incidentCount", severity = "severe", areaPCode = area, threshold, windowDays = 7, @public = isPublic,
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_incident_count_rule_fires_at_its_threshold_with_owner_deadline_notifications_and_evidence(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var rule = await world.RuleAsync(CountRule(3));
        await world.IncidentAsync(AlertWorld.InBimbo, 1);
        var rejected = await world.IncidentAsync(AlertWorld.InBimboCentre, 2);
        await world.IncidentAsync(AlertWorld.InOuham, 1);          // another province
        await world.IncidentAsync(AlertWorld.InOmbella, 8);        // before the window
        using (var reject = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{rejected}/transitions")
               { Content = JsonContent.Create(new { to = "rejected", reason = "Not confirmed" }) })
        {
            reject.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            Assert.Equal(HttpStatusCode.OK, (await world.Duty.SendAsync(reject)).StatusCode);
        }
        await world.IncidentAsync(AlertWorld.InOmbella, 3);
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync()); // 2 of 3: the rejected one, Ouham's and the old one do not count

        var restricted = await world.IncidentAsync(AlertWorld.InOmbella, 0.5, confidentiality: "restricted", client: world.Admin);
        await world.RunAsync();

        var alert = await world.SingleAlertAsync();
        Assert.Equal("3 incidents in Ombella-M'Poko in the last 7 days; the threshold is 3.", alert.Explanation);
        Assert.Equal("3 incidents in Ombella-M'Poko in 7 days", alert.Headline);
        Assert.Equal((AlertStatus.Open, AlertSeverity.Severe, Role.DutyOfficer, 0), (alert.Status, alert.Severity, alert.OwnerRole, alert.EscalationLevel));
        Assert.Null(alert.OwnerUserId);
        Assert.Equal(alert.RaisedAt.AddHours(12), alert.DeadlineAt);
        Assert.Equal(rule, alert.RuleId);

        // Notified: the mission's duty officers (the alert falls to them), nobody else.
        var notified = await world.App.WithDbAsync(db => db.Set<AlertNotification>().Where(n => n.AlertId == alert.Id).Select(n => n.UserId).ToListAsync());
        Assert.Equal([world.Users[Role.DutyOfficer].Id], notified);
        Assert.Contains(await world.AuditAsync(), a => a.Code == (int)AuditAction.AlertRaised && a.EntityId == alert.Id.ToString());

        // The duty officer (named on the restricted incident) sees the three incidents; the field officer does not see the restricted one.
        var (forDuty, _) = await world.GetAlertAsync(alert.Id);
        Assert.Equal(3, forDuty.GetProperty("evidence").GetProperty("incidentIds").GetArrayLength());
        Assert.Contains(restricted, forDuty.GetProperty("evidence").GetProperty("incidentIds").EnumerateArray().Select(i => i.GetGuid()));
        var (forField, _) = await world.GetAlertAsync(alert.Id, world.Field);
        Assert.Equal(2, forField.GetProperty("evidence").GetProperty("incidentIds").GetArrayLength());
        Assert.Equal(1, forField.GetProperty("evidence").GetProperty("incidentsNotShown").GetInt32());
        Assert.DoesNotContain(restricted, forField.GetProperty("evidence").GetProperty("incidentIds").EnumerateArray().Select(i => i.GetGuid()));
        Assert.Equal("CF.AA", forField.GetProperty("areaPCode").GetString());
        Assert.Equal(["acknowledged", "falseAlarm"], forField.GetProperty("nextStatuses").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_fatalities_rule_over_the_whole_mission_sums_the_best_estimates_in_its_window(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new { name = "Deadly month", kind = "fatalities", severity = "extreme", threshold = 25, windowDays = 30 });
        await world.IncidentAsync(AlertWorld.InOuham, 2, deaths: 10);
        await world.IncidentAsync(AlertWorld.InBimbo, 20, deaths: 10);
        await world.IncidentAsync(AlertWorld.InOmbella, 40, deaths: 30); // outside the 30 days
        await world.IncidentAsync(AlertWorld.InOmbella, 1);               // no deaths
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync());

        await world.IncidentAsync(AlertWorld.InBimboCentre, 3, deaths: 5);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        Assert.Equal("25 deaths (best estimate) in 3 incidents across ALPHA in the last 30 days; the threshold is 25.", alert.Explanation);
        Assert.Null(alert.AreaId);
        Assert.Equal(alert.RaisedAt.AddHours(2), alert.DeadlineAt); // extreme: 2 hours
        var evidence = AlertEvidence.FromJson(alert.EvidenceJson);
        Assert.Equal((25.0, 3, 3), (evidence.Observed, evidence.IncidentCount, evidence.IncidentIds.Count));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_trend_rule_compares_the_window_with_the_previous_one_and_needs_its_minimum(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new { name = "Rising in Ouham", kind = "trend", severity = "moderate", areaPCode = AlertWorld.Ouham, windowDays = 7, factor = 2.0, minimumCount = 4 });
        await world.IncidentsAsync(2, AlertWorld.InOuham, daysAgo: 10);
        await world.IncidentsAsync(3, AlertWorld.InOuham, daysAgo: 1);
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync()); // 3 is more than twice 2, but fewer than the minimum of 4

        await world.IncidentAsync(AlertWorld.InOuham, 2);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        Assert.Equal("4 incidents in Ouham in the last 7 days, twice the 2 of the previous 7 days; the rule fires at 2 times as many, with at least 4 incidents.",
            alert.Explanation);
        Assert.Equal(alert.RaisedAt.AddHours(48), alert.DeadlineAt); // moderate: 48 hours
        var evidence = AlertEvidence.FromJson(alert.EvidenceJson);
        Assert.Equal((4.0, 2, 4), (evidence.Observed, evidence.Previous, evidence.IncidentIds.Count));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_report_surge_rule_compares_community_reports_with_the_baseline_of_earlier_windows(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new
        {
            name = "Reports surge", kind = "reportSurge", severity = "minor", areaPCode = AlertWorld.Ombella, windowDays = 1, factor = 3.0, minimumCount = 3,
            baselineWindows = 3,
        });
        for (var day = 0; day < 3; day++)
        {
            await world.ReportAsync(AlertWorld.InOmbella);
            await world.ReportAsync(AlertWorld.InOuham); // another province: never counted
            await world.AdvanceAsync(TimeSpan.FromDays(1));
        }
        await world.ReportAsync(AlertWorld.InBimbo);
        await world.ReportAsync(AlertWorld.InOmbella);
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync()); // 2 against a baseline of 1 a day: below 3 times

        await world.ReportAsync(AlertWorld.InBimboCentre);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        Assert.Equal("3 community reports from Ombella-M'Poko in the last day, 3 times the average of 1 per day over the previous 3 periods; " +
                     "the rule fires at 3 times the average, with at least 3 reports.", alert.Explanation);
        Assert.Equal(alert.RaisedAt.AddDays(7), alert.DeadlineAt); // minor: 7 days
        var evidence = AlertEvidence.FromJson(alert.EvidenceJson);
        Assert.Equal((3, 3, 0), (evidence.ReportCount, evidence.ReportIds.Count, evidence.IncidentCount));

        // Report ids are shown to those who read reports (duty officers), not to field officers.
        Assert.Equal(3, (await world.GetAlertAsync(alert.Id)).Body.GetProperty("evidence").GetProperty("reportIds").GetArrayLength());
        Assert.Equal(0, (await world.GetAlertAsync(alert.Id, world.Field)).Body.GetProperty("evidence").GetProperty("reportIds").GetArrayLength());
    }

    private sealed class SettableForecasts : IForecastProbabilities
    {
        public ForecastProbability? Next { get; set; }

        public Task<ForecastProbability?> LatestAsync(Guid missionId, Guid? areaId, int monthId, ForecastOutcome outcome, CancellationToken cancellationToken) =>
            Task.FromResult(Next is { } next && areaId is not null && outcome == ForecastOutcome.AtLeast25Deaths ? next with { MonthId = monthId } : null);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_forecast_rule_reports_that_there_is_no_forecast_yet_and_fires_once_one_crosses_its_probability(DatabaseProvider provider)
    {
        var forecasts = new SettableForecasts();
        await using var world = await AlertWorld.StartAsync(provider, services: s => s.AddSingleton<IForecastProbabilities>(forecasts));
        var rule = await world.RuleAsync(new
        {
            name = "Forecast: deadly month ahead", kind = "forecast", severity = "severe", areaPCode = AlertWorld.Ouham, forecastOutcome = "atLeast25Deaths",
            probability = 0.3,
        });
        var month = AlertText.MonthName(AlertText.NextMonthId(world.App.Clock.GetUtcNow().UtcDateTime));

        var evaluation = await EvaluateAsync(world, rule);
        var outcome = Assert.Single(evaluation.GetProperty("outcomes").EnumerateArray());
        Assert.False(outcome.GetProperty("fired").GetBoolean());
        Assert.Equal($"No forecast of at least 25 deaths in Ouham for {month} is stored yet: the rule cannot fire until there is one.",
            outcome.GetProperty("explanation").GetString());
        var stored = await world.Analyst.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{rule}");
        Assert.StartsWith("No forecast of at least 25 deaths in Ouham", stored.GetProperty("lastEvaluation").GetString());
        Assert.Empty(await world.AlertsAsync());

        var issued = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        forecasts.Next = new ForecastProbability(0.29, 0, "test-model", issued);
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync());

        forecasts.Next = new ForecastProbability(0.42, 0, "test-model", issued);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        Assert.Equal($"The latest forecast (test-model, issued 2026-11-20) gives a 42 % probability of at least 25 deaths in Ouham in {month}; " +
                     "the rule fires at 30 %.", alert.Explanation);
        Assert.Equal($"42 % chance of at least 25 deaths in Ouham in {month}", alert.Headline);
        var evidence = AlertEvidence.FromJson(alert.EvidenceJson);
        Assert.Equal((0.42, "test-model", AlertText.NextMonthId(world.App.Clock.GetUtcNow().UtcDateTime)),
            (evidence.Forecast!.Probability, evidence.Forecast.Model, evidence.Forecast.MonthId));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rule_per_area_level_with_categories_fires_for_each_area_on_its_own(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        var rule = await world.RuleAsync(new
        {
            name = "Attacks on civilians per province", kind = "incidentCount", severity = "severe", areaLevel = 1, categories = new[] { "violence-against-civilians" },
            threshold = 2, windowDays = 7,
        });
        await world.IncidentAsync(AlertWorld.InBimboCentre, 1, category: "violence-against-civilians.attack");
        await world.IncidentAsync(AlertWorld.InOmbella, 1, category: "violence-against-civilians.sexual-violence");
        await world.IncidentAsync(AlertWorld.InOuham, 1, category: "violence-against-civilians.attack");
        await world.IncidentsAsync(3, AlertWorld.InOuham, 1, category: "battles.armed-clash");

        var evaluation = await EvaluateAsync(world, rule);
        var outcomes = evaluation.GetProperty("outcomes").EnumerateArray()
            .ToDictionary(o => o.GetProperty("areaPCode").GetString()!, o => o.GetProperty("result").GetString());
        Assert.Equal(new Dictionary<string, string?> { [AlertWorld.Ombella] = "raised", [AlertWorld.Ouham] = "notFired" }, outcomes);
        var alert = await world.SingleAlertAsync();
        Assert.Equal(await world.App.WithDbAsync(db => db.AdminAreas.Where(a => a.PCode == AlertWorld.Ombella).Select(a => (Guid?)a.Id).SingleAsync()), alert.AreaId);
        Assert.Equal("2 incidents (Violence against civilians) in Ombella-M'Poko in the last 7 days; the threshold is 2.", alert.Explanation);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_public_rule_counts_only_incidents_the_public_may_see(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(CountRule(2, isPublic: true));
        await world.IncidentAsync(AlertWorld.InOmbella, 1, confidentiality: "public");
        await world.IncidentsAsync(2, AlertWorld.InOmbella, 1, confidentiality: "mission");
        await world.IncidentAsync(AlertWorld.InOmbella, 1, confidentiality: "restricted", client: world.Admin);
        await world.RunAsync();
        Assert.Empty(await world.AlertsAsync());

        var second = await world.IncidentAsync(AlertWorld.InBimbo, 1, confidentiality: "public");
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        Assert.True(alert.IsPublic);
        var ids = AlertEvidence.FromJson(alert.EvidenceJson).IncidentIds;
        Assert.Contains(second, ids);
        var confidentialities = await world.App.WithDbAsync(db => db.Incidents.Where(i => ids.Contains(i.Id)).Select(i => i.Confidentiality).ToListAsync());
        Assert.Equal([Amani.Register.Incidents.Confidentiality.Public, Amani.Register.Incidents.Confidentiality.Public], confidentialities);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Rules_are_evaluated_when_incidents_and_reports_arrive(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider, nudgeDelay: TimeSpan.FromMilliseconds(50));
        await world.RuleAsync(CountRule(1, area: AlertWorld.Ouham));
        await world.RuleAsync(new
        {
            name = "Any reports", kind = "reportSurge", severity = "minor", areaPCode = AlertWorld.Ombella, windowDays = 1, factor = 2.0, minimumCount = 1,
            baselineWindows = 1,
        });

        await world.IncidentAsync(AlertWorld.InOuham, 0.5);
        await Waiting.UntilAsync(async () => (await world.AlertsAsync()).Any(a => a.Kind == AlertRuleKind.IncidentCount), "the incident to raise an alert");
        await world.ReportAsync(AlertWorld.InOmbella);
        await Waiting.UntilAsync(async () => (await world.AlertsAsync()).Any(a => a.Kind == AlertRuleKind.ReportSurge), "the report to raise an alert");
        Assert.Equal(2, (await world.AlertsAsync()).Count);
    }

    private static async Task<JsonElement> EvaluateAsync(AlertWorld world, Guid rule)
    {
        var response = await world.Analyst.PostAsync($"/api/v1/missions/{AlertWorld.Mission}/alert-rules/{rule}/evaluation", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
