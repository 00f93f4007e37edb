using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Reporting.Sms;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Reporting;

namespace Amani.Tests.Register.Reporting.Sms;

/// <summary>Staff replies to SMS reports go out through the outbox to the gateway (here a stand-in for Twilio on 127.0.0.1).</summary>
public sealed class SmsReplyDeliveryTests
{
    private const string Phone = "+23670555444";

    private static async Task<(HttpClient Duty, Guid ReportId)> SmsReportAsync(SmsTestWorld world)
    {
        Assert.Equal(HttpStatusCode.OK, (await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "Armed men at the water point"))).StatusCode);
        var duty = await world.App.SignInAsync(await world.App.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var id = await world.App.WithDbAsync(db => db.CommunityReports.Select(r => r.Id).SingleAsync());
        return (duty, id);
    }

    private static Task<HttpResponseMessage> ReplyAsync(HttpClient duty, Guid id, string body) =>
        TriageRequests.PostAsync(duty, id, "replies", new { body });

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_staff_reply_reaches_the_reporter_by_sms_and_is_marked_sent(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var (duty, id) = await SmsReportAsync(world);

        var replied = await ReplyAsync(duty, id, "A patrol is on its way.");
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        Assert.Equal("queued", (await replied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sms").GetProperty("status").GetString());

        await Waiting.UntilAsync(() => world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AnyAsync(m => m.Status == SmsOutboxStatus.Sent)), "the reply to be sent");
        var sent = Assert.Single(world.Gateway.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{SmsTestWorld.AccountSid}/Messages.json", sent.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SmsTestWorld.AccountSid}:{SmsTestWorld.AuthToken}")), sent.Authorization);
        Assert.Equal(Phone, sent.Form["To"]);
        Assert.Equal("+15005550006", sent.Form["From"]);
        Assert.Contains("A patrol is on its way.", sent.Form["Body"]);
        var row = await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AsNoTracking().SingleAsync());
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.SentAt);
        Assert.StartsWith("SM", row.GatewayMessageId);
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => new { a.ActionCode, a.Summary }).ToListAsync());
        Assert.Contains(audit, a => a.ActionCode == (int)AuditAction.SmsReplySent);
        Assert.DoesNotContain(audit, a => a.Summary.Contains("70555444"));
        Assert.DoesNotContain("70555444", world.Logs.All);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_failing_gateway_is_retried_with_backoff(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        world.Gateway.FailFirst = 1;
        var (duty, id) = await SmsReportAsync(world);

        Assert.Equal(HttpStatusCode.Created, (await ReplyAsync(duty, id, "We are looking into it.")).StatusCode);
        await Waiting.UntilAsync(() => world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AnyAsync(m => m.Attempts == 1 && m.Status == SmsOutboxStatus.Queued)),
            "the first try to fail");
        var failed = await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AsNoTracking().SingleAsync());
        Assert.Equal("HTTP 500, Twilio error 20500", failed.LastError);
        Assert.True(failed.NextAttemptAt >= world.App.Clock.GetUtcNow().UtcDateTime.AddSeconds(29));
        await Task.Delay(300);
        Assert.Single(world.Gateway.Requests); // not before the backoff has passed

        world.App.Clock.Advance(SmsOutboxSender.Backoff(1));
        await Waiting.UntilAsync(() => world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AnyAsync(m => m.Status == SmsOutboxStatus.Sent)), "the retry");
        Assert.Equal(2, world.Gateway.Requests.Count);
        Assert.Equal(2, await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().Select(m => m.Attempts).SingleAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_a_sending_gateway_the_reply_stays_queued_and_the_api_says_so(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider, sending: false);
        var (duty, id) = await SmsReportAsync(world);

        var replied = await ReplyAsync(duty, id, "Thank you.");
        Assert.Equal(HttpStatusCode.Created, replied.StatusCode);
        var sms = (await replied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sms");
        Assert.Equal("queued-no-gateway", sms.GetProperty("status").GetString());
        Assert.Contains("AMANI_SMS_TWILIO_ACCOUNT_SID", sms.GetProperty("detail").GetString());
        await Task.Delay(400);
        Assert.Equal(SmsOutboxStatus.Queued, await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().Select(m => m.Status).SingleAsync()));
        Assert.Empty(world.Gateway.Requests);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_reply_to_a_web_report_queues_no_sms(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var web = await world.App.CreateClient().PostAsJsonAsync("/api/v1/reports", new { description = "Shots at night", contact = new { phone = Phone }, consentToContact = true });
        Assert.Equal(HttpStatusCode.Created, web.StatusCode);
        var duty = await world.App.SignInAsync(await world.App.CreateUserAsync(Role.DutyOfficer, TestMission.Code));
        var id = await world.App.WithDbAsync(db => db.CommunityReports.Select(r => r.Id).SingleAsync());

        var replied = await ReplyAsync(duty, id, "Thank you.");
        Assert.Equal(JsonValueKind.Null, (await replied.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sms").ValueKind);
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().CountAsync()));
    }
}
