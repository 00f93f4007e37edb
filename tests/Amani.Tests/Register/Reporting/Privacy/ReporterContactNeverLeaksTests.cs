using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Tests.Platform.Problems.BadInput;
using Amani.Tests.Register.Incidents;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static Amani.Tests.Register.Reporting.Privacy.ContactNeedles;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.Privacy;

/// <summary>
/// The privacy test: reports with a distinctive phone number and e-mail go through intake (JSON and form) and
/// triage (queue, detail, reply, link, status, an audited reveal); then the database (raw SQLite files; every column
/// of every table on both providers), every log event at every level, every audit summary and every error answer are
/// searched for the contact — and it is found nowhere but in the one audited reveal.
/// </summary>
public sealed class ReporterContactNeverLeaksTests
{
    private const string Triage = $"/api/v1/missions/{TestMission.Code}/reports";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_submitted_phone_number_and_email_are_in_no_database_file_log_audit_summary_or_error(DatabaseProvider provider)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(provider, logs: logs);
        await TestMission.CreateAsync(app);
        var reporter = app.CreateClient();

        var json = await reporter.PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Armed men took the cattle at dawn", latitude = 4.4, longitude = 18.6, occurredAt = app.Clock.GetUtcNow().AddHours(-2),
            contact = new { phone = Phone, email = Email }, consentToContact = true, language = "fr", idempotencyKey = "privacy-key-0001",
        });
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        AssertNotIn(await json.Content.ReadAsStringAsync(), "the receipt");
        var code = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        var form = await reporter.PostAsync("/api/v1/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["description"] = "The school was burnt", ["placeName"] = "Ombella-M'Poko", ["phone"] = PhoneInForm,
            ["email"] = Email.ToUpperInvariant(), ["consentToContact"] = "on",
        }));
        Assert.Equal(HttpStatusCode.Created, form.StatusCode);
        AssertNotIn(await form.Content.ReadAsStringAsync(), "the form's answer page");

        await AssertErrorsDoNotEchoTheContactAsync(app, reporter, code);
        await TriageAsync(app, reporter, code);

        Assert.Equal(2, await app.WithDbAsync(db => db.CommunityReports.CountAsync(r => r.ContactProtected != null)));
        var summaries = await app.WithDbAsync(db => db.AuditEntries.Select(e => e.Summary).ToListAsync());
        Assert.True(summaries.Count >= 8, $"Expected the intake and triage to be audited, found {summaries.Count} audit rows.");
        AssertNotIn(string.Join("\n", summaries), "an audit summary");
        Assert.True(await AssertNotInAnyColumnAsync(app) > 0);
        if (provider == DatabaseProvider.Sqlite)
            await AssertNotInSqliteFilesAsync(app);
        else
            await AssertNoPostgresRowIsLikeAsync(app, "community_reports", "report_messages", "audit_entries");

        // The capture must really have seen the traffic at every level, or finding nothing in it would prove nothing.
        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.StartsWith("Debug Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"/api/v1/reports/{code}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("INSERT INTO", StringComparison.OrdinalIgnoreCase) && l.Contains("community_reports", StringComparison.Ordinal));
        foreach (var line in lines)
            AssertNotIn(line, $"a log line: {line}");
    }

    /// <summary>Invalid requests carrying the contact: refused, and the answer does not repeat it.</summary>
    private static async Task AssertErrorsDoNotEchoTheContactAsync(TestApp app, HttpClient reporter, string code)
    {
        foreach (var body in new[]
        {
            $$$"""{"description":"Shots fired","contact":{"phone":"{{{Phone}}}","email":"{{{Email}}}"}}""",
            $$$"""{"description":"Shots fired","contact":{"phone":"{{{Phone}}} 00000000000000000000000"},"consentToContact":true}""",
            $$$"""{"description":"Shots fired","contact":{"phone":"{{{Phone}}} ext. 12"},"consentToContact":true}""",
            $$$"""{"description":"Shots fired","contact":{"email":"{{{Phone}}} {{{Email}}}"},"consentToContact":true}""",
            $$$"""{"description":"Shots fired","contact":{"phone":23675318642},"consentToContact":true}""",
            $$$"""{"description":"Shots fired","latitude":"{{{Phone}}}","longitude":18.5}""",
            $$$"""{"description":"Shots fired","contact":{"phone":"{{{Phone}}}\q"}}""",
            $$$"""{"description":"Shots fired","contact":{"phone":"{{{Phone}}}" """,
            $$$"""{"description":"x","contact":{"phone":"{{{Phone}}}","email":"{{{Email}}}"},"consentToContact":true}""",
        })
        {
            var response = await reporter.PostRawAsync("/api/v1/reports", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {body}");
            AssertNotIn(await response.Content.ReadAsStringAsync(), $"the error answer to {body}");
        }
        var form = await reporter.PostAsync("/api/v1/reports", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["description"] = "Shots fired", ["phone"] = Phone, ["email"] = Email,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        AssertNotIn(await form.Content.ReadAsStringAsync(), "the form's error page");
        var message = await reporter.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = new string('m', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, message.StatusCode);
        var replayedWithOtherContact = await reporter.PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Armed men took the cattle at dawn", contact = new { phone = "+236 70 00 00 00" }, consentToContact = true,
            idempotencyKey = "privacy-key-0001",
        });
        Assert.Equal(HttpStatusCode.Conflict, replayedWithOtherContact.StatusCode);
        AssertNotIn(await replayedWithOtherContact.Content.ReadAsStringAsync(), "the idempotency conflict");
    }

    /// <summary>A duty officer works both reports; only the audited reveal answers with the contact.</summary>
    private static async Task TriageAsync(TestApp app, HttpClient reporter, string code)
    {
        var duty = await app.SignInAsync(await app.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var queue = await duty.GetAsync(Triage);
        var queueText = await queue.Content.ReadAsStringAsync();
        AssertNotIn(queueText, "the triage queue");
        var ids = JsonDocument.Parse(queueText).RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(HttpStatusCode.Created, (await reporter.PostAsJsonAsync($"/api/v1/reports/{code}/messages", new { body = "They went north." })).StatusCode);
        foreach (var id in ids)
        {
            AssertNotIn(await duty.GetStringAsync($"{Triage}/{id}"), "a triage detail");
            var reply = await TriageRequests.PostAsync(duty, id, "replies", new { body = "Thank you; a patrol will go there." });
            Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        }
        var linked = await TriageRequests.PostAsync(duty, ids[0], "link", new { newIncident = IncidentLifecycleTests.NewIncident() });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        AssertNotIn(await linked.Content.ReadAsStringAsync(), "the link answer");
        var incidentId = (await linked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("incidentId").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await TriageRequests.PostAsync(duty, ids[1], "link", new { incidentId })).StatusCode);
        AssertNotIn(await duty.GetStringAsync($"/api/v1/incidents/{incidentId}"), "the incident");
        Assert.Equal(HttpStatusCode.OK, (await TriageRequests.PostAsync(duty, ids[1], "status", new { status = "closed" })).StatusCode);

        var revealed = await duty.PostAsync($"{Triage}/{ids[0]}/contact", null);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.NotEmpty(FoundIn(await revealed.Content.ReadAsStringAsync())); // the one place it may appear
        AssertNotIn(await reporter.GetStringAsync($"/api/v1/reports/{code}"), "the reporter's status page");
        var administrator = await app.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        AssertNotIn(await administrator.GetStringAsync("/api/v1/audit?limit=200"), "the audit API");
    }
}
