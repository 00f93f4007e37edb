using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amani.Platform.Data;
using Amani.Register.Reporting;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Register.Reporting.Sms;

public sealed partial class TwilioWebhookTests
{
    private const string Phone = "+23675123456";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_signed_sms_stores_one_encrypted_report_and_a_retry_returns_the_same_code(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var form = SmsTestWorld.TwilioForm(Phone, "Armed men took the cattle near the school");

        var first = await world.PostTwilioAsync(form);
        var retry = await world.PostTwilioAsync(form);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/xml", first.Content.Headers.ContentType?.MediaType);
        var reply = XDocument.Parse(await first.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Response", reply.Name.LocalName);
        var code = Code().Match(reply.Element("Message")!.Value).Value;
        Assert.NotEmpty(code);
        Assert.Contains(code, await retry.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Phone, await first.Content.ReadAsStringAsync());

        var report = Assert.Single(await world.App.WithDbAsync(db => db.CommunityReports.AsNoTracking().ToListAsync()));
        Assert.Equal(ReportChannel.Sms, report.Channel);
        Assert.Equal(code.Replace("-", ""), report.TrackingCode);
        Assert.DoesNotContain(Phone, report.ContactProtected);
        Assert.DoesNotContain("75123456", report.ContactProtected);
        var contact = world.App.Services.GetRequiredService<ContactProtection>().Unprotect(report.ContactProtected);
        Assert.Equal(Phone, contact!.Phone);
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.Select(a => a.Summary).ToListAsync());
        Assert.DoesNotContain(audit, summary => summary.Contains("75123456"));
        Assert.DoesNotContain("75123456", world.Logs.All);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Unsigned_or_wrongly_signed_calls_get_403_and_store_nothing(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var before = await world.RowsAsync();
        var form = SmsTestWorld.TwilioForm(Phone, "Shots heard at night");
        var tampered = SmsTestWorld.TwilioForm(Phone, "Shots heard at night, 40 dead");
        string[] wrong =
        [
            "",
            "not-a-signature",
            Amani.Register.Reporting.Sms.TwilioSignature.Compute("another-token", SmsTestWorld.TwilioUrl, form),
            Amani.Register.Reporting.Sms.TwilioSignature.Compute(SmsTestWorld.AuthToken, "http://127.0.0.1/api/v1/sms/twilio", form),
            Amani.Register.Reporting.Sms.TwilioSignature.Compute(SmsTestWorld.AuthToken, SmsTestWorld.TwilioUrl, tampered),
        ];

        await ProblemAssert.IsProblemAsync(await world.PostTwilioAsync(form, signature: null), HttpStatusCode.Forbidden, "forbidden");
        foreach (var signature in wrong)
            await ProblemAssert.IsProblemAsync(await world.PostTwilioAsync(form, signature), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal(before, await world.RowsAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Malformed_payloads_get_400_and_store_nothing(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider);
        var before = await world.RowsAsync();
        var good = SmsTestWorld.TwilioForm(Phone, "Shots heard at night");
        List<KeyValuePair<string, string>>[] malformed =
        [
            good.Where(p => p.Key != "From").ToList(),
            good.Where(p => p.Key != "Body").ToList(),
            SmsTestWorld.TwilioForm(Phone, "   "),
            SmsTestWorld.TwilioForm(Phone, new string('x', 1601)),
            SmsTestWorld.TwilioForm("Amani<script>", "Shots heard at night"),
            good.Where(p => p.Key is not ("MessageSid" or "SmsMessageSid")).ToList(),
            [],
        ];

        foreach (var form in malformed)
        {
            var problem = await ProblemAssert.IsProblemAsync(await world.PostTwilioAsync(form), HttpStatusCode.BadRequest, "validation");
            Assert.DoesNotContain(Phone, problem.GetRawText());
        }
        Assert.Equal(before, await world.RowsAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_signed_call_to_an_unconfigured_gateway_gets_404(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider, sending: false, inbound: false);
        await ProblemAssert.IsProblemAsync(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "Shots")), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await world.PostTwilioAsync(SmsTestWorld.TwilioForm(Phone, "Shots"), signature: null),
            HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, await world.App.WithDbAsync(db => db.CommunityReports.CountAsync()));
    }

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    internal static partial Regex Code();
}
