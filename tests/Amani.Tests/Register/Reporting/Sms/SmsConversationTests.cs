using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Register.Reporting.Sms;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Register.Reporting.Sms;

/// <summary>The SMS syntax end to end: structured reports, status by SMS, additions, and RapidPro as the gateway.</summary>
public sealed class SmsConversationTests
{
    private const string Phone = "+23672000111";

    private static async Task<string> TextOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_structured_report_its_status_and_an_addition_by_sms(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);

        var received = await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "rapport cf.aa :  barrage sur la route de Boali")));
        Assert.StartsWith("Amani: rapport reçu", received);
        var code = TwilioWebhookTests.Code().Match(received).Value;
        var report = await world.App.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync());
        Assert.Equal("barrage sur la route de Boali", report.Description);
        Assert.NotNull(report.AreaId); // the P-code resolved to the province
        Assert.Equal("fr", report.Language ?? "fr");

        var status = await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, $"statut {code.ToLowerInvariant().Replace("-", " ")}")));
        Assert.Equal($"Amani: rapport {code}: reçu.", status);

        var addition = SmsTestWorld.TwilioForm(Phone, $"M {code} ils sont revenus la nuit");
        Assert.Contains("information added", await TextOf(await world.PostTwilioAsync(addition)));
        Assert.Contains("information added", await TextOf(await world.PostTwilioAsync(addition))); // the gateway's retry
        var bare = await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, $"{code.Replace("-", "")} deux blessés")));
        Assert.Contains(code, bare);
        var messages = await world.App.WithDbAsync(db => db.ReportMessages.AsNoTracking().OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => m.Body).ToListAsync());
        Assert.Equal(["ils sont revenus la nuit", "deux blessés"], messages);
        Assert.Equal(1, await world.App.WithDbAsync(db => db.CommunityReports.CountAsync()));
        Assert.Equal(3, await world.App.WithDbAsync(db => db.CommunityReports.Select(r => r.Version).SingleAsync())); // each addition moved it, the retry did not

        // Unknown codes: an explicit M is refused; a bare "code text" is a new report.
        Assert.Contains("no report with code", await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "M 0000-0000-0000 hello"))));
        Assert.Contains("no report with code", await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "S 0000-0000-0000"))));
        Assert.Contains("report received", await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "Intimidation des commerçants"))));
        Assert.Equal(2, await world.App.WithDbAsync(db => db.CommunityReports.CountAsync()));
        Assert.Contains("R place", await TextOf(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "S"))));
        Assert.DoesNotContain("72000111", world.Logs.All);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RapidPro_webhooks_report_with_the_shared_secret_and_are_refused_without_it(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var uuid = Guid.NewGuid().ToString();
        var body = SmsTestWorld.RapidProBody(Phone, "R Ombella-M'Poko: looting at the market", uuid);

        await ProblemAssert.IsProblemAsync(await world.PostRapidProAsync(body, secret: null), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.PostRapidProAsync(body, secret: "wrong-secret"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(await world.PostRapidProAsync(SmsTestWorld.RapidProBody(Phone, null)), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.PostRapidProAsync(SmsTestWorld.RapidProBody("", "text")), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblemAsync(await world.PostRapidProAsync(new { input = new { text = "hi" } }), HttpStatusCode.BadRequest, "validation");
        var notJson = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/rapidpro") { Content = new StringContent("{not json", null, "application/json") };
        notJson.Headers.Authorization = new("Token", SmsTestWorld.RapidProSecret);
        await ProblemAssert.IsProblemAsync(await world.App.CreateClient().SendAsync(notJson), HttpStatusCode.BadRequest, "malformed-request");
        Assert.Equal(0, await world.App.WithDbAsync(db => db.CommunityReports.CountAsync()));

        var first = await world.PostRapidProAsync(body);
        var again = await world.PostRapidProAsync(body);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var reply = await first.Content.ReadFromJsonAsync<JsonElement>();
        var code = reply.GetProperty("trackingCode").GetString()!;
        Assert.Contains(code, reply.GetProperty("reply").GetString());
        Assert.Equal(code, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString());
        var report = await world.App.WithDbAsync(db => db.CommunityReports.AsNoTracking().SingleAsync());
        Assert.Equal(ReportChannel.Sms, report.Channel);
        Assert.Equal("Ombella-M'Poko", report.PlaceName);
        Assert.NotNull(report.AreaId);
        Assert.DoesNotContain("72000111", report.ContactProtected);
        Assert.DoesNotContain("72000111", world.Logs.All);
    }
}
