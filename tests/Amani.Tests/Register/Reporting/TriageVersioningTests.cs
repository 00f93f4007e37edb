using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Amani.Tests.Register.Reporting.BadInput.IntakeRowCounts;

namespace Amani.Tests.Register.Reporting;

/// <summary>
/// Community reports on the integer-version scheme: the triage API answers the version as the ETag, every change moves
/// it forward, and linking, replying and moving a report need it in If-Match (428 without, 412 when stale, nothing written).
/// </summary>
public sealed class TriageVersioningTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_triage_api_answers_the_version_as_the_ETag_and_every_change_moves_it(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var id = await SubmitAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));

        Assert.Equal("\"1\"", await TriageRequests.ETagAsync(duty, id));
        var queue = await duty.GetFromJsonAsync<JsonElement>($"/api/v1/missions/{TestMission.Code}/reports");
        Assert.Equal(1, Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("version").GetInt32());

        var replied = await Send(duty, id, "replies", new { body = "Thank you; a patrol will go there." }, "\"1\"");
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.Equal("\"2\"", replied.Headers.ETag?.Tag);
        var closed = await Send(duty, id, "status", new { status = "closed" }, "\"2\"");
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("\"3\"", closed.Headers.ETag?.Tag);
        Assert.Equal(3, (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var unchanged = await Send(duty, id, "status", new { status = "closed" }, "\"3\"");
        Assert.Equal("\"3\"", unchanged.Headers.ETag?.Tag); // a move to where it already is changes nothing
        var linked = await Send(duty, id, "link", new { newIncident = IncidentLifecycleTests.NewIncident() }, "\"3\"");
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal("\"4\"", linked.Headers.ETag?.Tag);

        Assert.Equal("\"4\"", await TriageRequests.ETagAsync(duty, id));
        Assert.Equal(4, await app.WithDbAsync(db => db.CommunityReports.Select(r => r.Version).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_with_a_stale_If_Match_gets_412_and_writes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var id = await SubmitAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var incident = (await duty.PostAsJsonAsync($"/api/v1/missions/{TestMission.Code}/incidents", IncidentLifecycleTests.NewIncident()))
            .Headers.Location!.ToString().Split('/')[^1];
        Assert.Equal(HttpStatusCode.OK, (await Send(duty, id, "status", new { status = "inReview" }, "\"1\"")).StatusCode);

        foreach (var (action, body) in new (string, object)[]
        {
            ("status", new { status = "closed" }),
            ("replies", new { body = "A reply to a report someone else just moved." }),
            ("link", new { incidentId = incident }),
            ("link", new { newIncident = IncidentLifecycleTests.NewIncident() }), // no incident is recorded either
        })
        {
            var problem = await AssertRefusedAsync(app, () => Send(duty, id, action, body, "\"1\""), HttpStatusCode.PreconditionFailed, "stale-version");
            Assert.Contains("Reload it", problem.GetProperty("detail").GetString());
        }
        var report = await app.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync());
        Assert.Equal((ReportStatus.InReview, 2, null), (report.Status, report.Version, report.IncidentId));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_without_If_Match_gets_428_and_writes_nothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var id = await SubmitAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var report = TriageRequests.Report(id);

        await AssertRefusedAsync(app, () => duty.PostAsJsonAsync($"{report}/status", new { status = "closed" }), HttpStatusCode.PreconditionRequired,
            "version-required");
        await AssertRefusedAsync(app, () => duty.PostAsJsonAsync($"{report}/replies", new { body = "Thank you." }), HttpStatusCode.PreconditionRequired,
            "version-required");
        var problem = await AssertRefusedAsync(app, () => duty.PostAsJsonAsync($"{report}/link", new { newIncident = IncidentLifecycleTests.NewIncident() }),
            HttpStatusCode.PreconditionRequired, "version-required");
        Assert.Contains("GET the report", problem.GetProperty("detail").GetString());
        foreach (var header in new[] { "1", "\"one\"", "*" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{report}/status") { Content = JsonContent.Create(new { status = "closed" }) };
            request.Headers.TryAddWithoutValidation("If-Match", header);
            await AssertRefusedAsync(app, () => duty.SendAsync(request), HttpStatusCode.PreconditionRequired, "version-required");
        }
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_change_that_loses_a_race_is_stale_even_with_the_version_it_read(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var id = await SubmitAsync(app);

        var outcome = await app.WithScopeAsync(async first =>
        {
            var report = await first.GetRequiredService<AmaniDbContext>().CommunityReports.SingleAsync(r => r.Id == id);
            // Someone else moves the report between this reading (version 1) and the save below.
            var other = await app.WithScopeAsync(async second =>
            {
                var same = await second.GetRequiredService<AmaniDbContext>().CommunityReports.SingleAsync(r => r.Id == id);
                return await second.GetRequiredService<ReportTriage>().SetStatusAsync(same, 1, ReportStatus.InReview, CancellationToken.None);
            });
            Assert.True(other.Succeeded);
            return await first.GetRequiredService<ReportTriage>().SetStatusAsync(report, 1, ReportStatus.Closed, CancellationToken.None);
        });

        Assert.Equal(RefusalKind.Stale, outcome.Refusal?.Kind);
        var stored = await app.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync());
        Assert.Equal((ReportStatus.InReview, 2), (stored.Status, stored.Version));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_refused_link_names_the_field_as_before(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await TestMission.CreateAsync(app);
        var id = await SubmitAsync(app);
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));

        var neither = await AssertRefusedAsync(app, () => Send(duty, id, "link", new { }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("Give either incidentId", FieldError(neither, "incidentId"));
        var unknown = await AssertRefusedAsync(app, () => Send(duty, id, "link", new { incidentId = Guid.NewGuid() }, "\"1\""),
            HttpStatusCode.BadRequest, "validation");
        Assert.Contains($"in {TestMission.Code} that you can see", FieldError(unknown, "incidentId"));
        var badIncident = await AssertRefusedAsync(app, () => Send(duty, id, "link",
            new { newIncident = IncidentLifecycleTests.NewIncident(category: "no-such-category") }, "\"1\""), HttpStatusCode.BadRequest, "validation");
        Assert.Contains("is not a category", FieldError(badIncident, "newIncident.categoryCode"));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, Guid id, string action, object body, string ifMatch) =>
        IncidentLifecycleTests.Send(client, HttpMethod.Post, $"{TriageRequests.Report(id)}/{action}", body, ifMatch);

    private static async Task<Guid> SubmitAsync(TestApp app)
    {
        var submitted = await app.CreateClient().PostAsJsonAsync("/api/v1/reports",
            new { description = "Armed men stopped the bus at the market", latitude = 4.4, longitude = 18.6 });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return await app.WithDbAsync(db => db.CommunityReports.OrderByDescending(r => r.ReceivedAt).Select(r => r.Id).FirstAsync());
    }
}
