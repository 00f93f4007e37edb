using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting;

public sealed class CommunityReportFlowTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reporter_gets_a_code_and_sees_the_reply_and_the_verification(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var anonymous = app.CreateClient();

        var submitted = await anonymous.PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Shots heard near the school", latitude = 4.4, longitude = 18.6, occurredAt = DateTimeOffset.UtcNow.AddHours(-1),
            language = "fr", idempotencyKey = "key-0001-abcdef",
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var code = receipt.GetProperty("trackingCode").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);
        var status = await anonymous.GetFromJsonAsync<JsonElement>(receipt.GetProperty("statusUrl").GetString());
        Assert.Equal("received", status.GetProperty("status").GetString());

        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var queue = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports");
        var queued = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(code, queued.GetProperty("trackingCode").GetString());
        Assert.NotNull(queued.GetProperty("areaId").GetString());
        var id = queued.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Created, (await TriageRequests.PostAsync(duty, id, "replies", new { body = "Merci, une patrouille est en route." })).StatusCode);
        var linked = await TriageRequests.PostAsync(duty, id, "link", new { newIncident = IncidentLifecycleTests.NewIncident() });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var incidentId = (await linked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetGuid();
        // The report's history, in the record toolkit's one shape: answered (new → in review), then linked.
        var history = (await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports/{id}")).GetProperty("history");
        Assert.Equal(["new→inReview", "inReview→linked"], history.EnumerateArray().Select(h => $"{h.GetProperty("from").GetString()}→{h.GetProperty("to").GetString()}"));
        Assert.All(history.EnumerateArray(), h => Assert.StartsWith("user:", h.GetProperty("actor").GetString()));
        Assert.Equal($"Linked to incident {incidentId}.", history[1].GetProperty("text").GetString());
        await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{incidentId}/transitions", new { to = "triaged", reason = "Seen" }, "\"1\"");
        await IncidentLifecycleTests.Send(duty, HttpMethod.Post, $"/api/v1/incidents/{incidentId}/transitions", new { to = "verified", reason = "Patrol confirmed" }, "\"2\"");

        var seen = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{code.ToLowerInvariant()}");
        Assert.Equal("verified", seen.GetProperty("status").GetString());
        var message = Assert.Single(seen.GetProperty("messages").EnumerateArray());
        Assert.Equal("mission", message.GetProperty("from").GetString());
        Assert.Equal("Merci, une patrouille est en route.", message.GetProperty("body").GetString());
        Assert.Equal(["trackingCode", "status", "receivedAt", "messages"], seen.EnumerateObject().Select(p => p.Name));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_retried_submission_returns_the_same_code_and_stores_one_report(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var client = app.CreateClient();
        var body = new { description = "Checkpoint set up on the road to Bossembélé", idempotencyKey = "retry-key-123456" };

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.PostAsJsonAsync("/api/v1/reports", body)));
        var codes = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(codes.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.CommunityReports.CountAsync()));
        var other = await client.PostAsJsonAsync("/api/v1/reports", new { description = "Something else entirely", idempotencyKey = "retry-key-123456" });
        await ProblemAssert.IsProblemAsync(other, HttpStatusCode.Conflict, "conflict");
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Contact_details_are_encrypted_and_revealed_only_to_duty_officers_with_an_audit_row(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var submitted = await app.CreateClient().PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Threats against the village chief", contact = new { phone = "+236 72 55 01 99" }, consentToContact = true,
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var stored = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        Assert.DoesNotContain("72 55 01 99", stored.ContactProtected);

        var admin = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/missions/{TestMission.Code}/reports/{stored.Id}/contact", null),
            HttpStatusCode.Forbidden, "forbidden");
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var contact = await (await duty.PostAsync($"/api/v1/missions/{TestMission.Code}/reports/{stored.Id}/contact", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("+236 72 55 01 99", contact.GetProperty("phone").GetString());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActionCode == 2104 && e.EntityId == stored.Id.ToString())));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Summary.Contains("72 55"))));
    }

    [Fact]
    public async Task The_html_form_post_answers_with_a_page_showing_the_tracking_code()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        await TestMission.CreateAsync(app);

        var posted = await app.CreateClient().PostAsync("/api/v1/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["description"] = "Armed men seen <b>near</b> the river", ["placeName"] = "Ombella-M'Poko prefecture",
        }));

        var page = await posted.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.Created == posted.StatusCode, page);
        Assert.Matches("data-tracking-code>[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}<", page);
        var stored = await app.WithDbAsync(db => db.CommunityReports.SingleAsync());
        Assert.Equal("Armed men seen <b>near</b> the river", stored.Description);
        Assert.NotNull(stored.AreaId); // resolved by the place name, "prefecture" suffix ignored
    }
}
