using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Register.Reporting.Sms;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Reporting.Sms;
using Microsoft.EntityFrameworkCore;
using Xunit;
using Amani.Register.Reporting;

namespace Amani.Tests.Platform.Notifications;

/// <summary>
/// A user who opted into SMS gets notifications through the SMS outbox and gateway (a stand-in for Twilio on
/// 127.0.0.1), at the number they gave, which is stored encrypted and never logged.
/// </summary>
public sealed class SmsNotificationTests
{
    private const string Phone = "+236 70 44 55 66";

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_who_chose_sms_gets_the_notification_at_their_number(DatabaseProvider provider)
    {
        await using var world = await SmsTestWorld.StartAsync(provider, inbound: false);
        var user = await world.App.CreateUserAsync(null);
        await NotificationTesting.PreferAsync(await world.App.SignInAsync(user), sms: "immediately", phone: Phone);

        await NotificationTesting.NotifyAsync(world.App, user, "Follow-up due");

        await Waiting.UntilAsync(() => world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AnyAsync(m => m.Status == SmsOutboxStatus.Sent)),
            "the SMS notification to be sent");
        var sent = Assert.Single(world.Gateway.Requests);
        Assert.Equal(Phone, sent.Form["To"]);
        Assert.Equal("Amani: Follow-up due", sent.Form["Body"]);
        var row = await world.App.WithDbAsync(db => db.Set<SmsOutboxMessage>().AsNoTracking().SingleAsync());
        Assert.Equal((user.Id, (Guid?)null), (row.UserId, row.ReportId));
        var preferences = await world.App.WithDbAsync(db => db.Set<Amani.Platform.Notifications.NotificationPreferences>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain("44 55 66", preferences.PhoneProtected);
        var audit = await world.App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(a => new { a.ActionCode, a.Summary }).ToListAsync());
        Assert.DoesNotContain(audit, a => a.ActionCode == (int)AuditAction.SmsReplySent); // delivery bookkeeping, not a reply to a reporter
        Assert.DoesNotContain(audit, a => a.Summary.Contains("44 55 66"));
        Assert.DoesNotContain("44 55 66", world.Logs.All);
    }
}
