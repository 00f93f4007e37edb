using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Platform.Data;
using Amani.Platform.Notifications;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Amani.Tests.Register.Reporting.Privacy;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Notifications;

/// <summary>
/// Alerts reach people: a raised alert's owner gets it in the app and by e-mail on a real SMTP server (in their language,
/// at their account address), unless they switched e-mail off; and no notification carries a reporter's identity.
/// </summary>
public sealed class AlertEmailTests
{
    private static object OwnedRule(Guid owner) => new
    {
        name = "Clashes in Ouham", kind = "incidentCount", severity = "severe", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7,
        defaultOwnerUserId = owner,
    };

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_raised_alert_reaches_its_owner_by_email_in_their_language(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await AlertWorld.StartAsync(provider, services: sink.Services(),
            host: s => s with { PublicBaseUrl = new Uri("http://amani.mission.example/") });
        var owner = world.Users[Role.DutyOfficer];
        await NotificationTesting.PreferAsync(world.Duty, language: "fr");
        await world.RuleAsync(OwnedRule(owner.Id));
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();

        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(world.App));

        var mail = Assert.Single(sink.Messages());
        Assert.Equal(owner.Email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(owner.Email, mail.Headers["X-Sink-Rcpt"]);
        Assert.StartsWith("[Amani] Nouvelle alerte grave – ALPHA : ", mail.Subject);
        Assert.Contains(alert.Headline, mail.Subject);
        Assert.Contains("Règle : Clashes in Ouham", mail.TextBody);
        Assert.Contains("Zone : Ouham", mail.TextBody);
        // Links start with the public address (AMANI_PUBLIC_BASE_URL), as the reader opens them from the mail.
        Assert.Contains($"Ouvrir dans Amani : http://amani.mission.example/missions/ALPHA/alerts?alert={alert.Id}", mail.TextBody);
        Assert.Contains("préférences de notification : http://amani.mission.example/notifications", mail.TextBody);
        var row = await world.App.WithDbAsync(db => db.Set<EmailOutboxMessage>().AsNoTracking().SingleAsync());
        Assert.Equal((EmailOutboxStatus.Sent, 1), (row.Status, row.Attempts));
        Assert.Equal($"<{row.MessageId}>", mail.Headers["Message-Id"]);

        // In the app too, and the existing record of who was told stays as it was.
        var page = await world.Duty.GetFromJsonAsync<NotificationPage>("/api/v1/notifications");
        var item = Assert.Single(page!.Items);
        Assert.Equal(("alert-raised", 1), (item.Kind, page.Unread));
        Assert.Equal(owner.Id, (await world.App.WithDbAsync(db => db.Set<AlertNotification>().SingleAsync())).UserId);
        // Nothing more is sent on the next pass.
        world.App.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(world.App));
        Assert.Single(sink.Messages());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_owner_who_switched_email_off_gets_no_email_but_sees_the_alert_in_the_app(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await AlertWorld.StartAsync(provider, services: sink.Services());
        await NotificationTesting.PreferAsync(world.Duty, email: "off");
        await world.RuleAsync(OwnedRule(world.Users[Role.DutyOfficer].Id));
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        await world.SingleAlertAsync();

        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(world.App));
        Assert.Empty(sink.Messages());
        Assert.Equal(0, await world.App.WithDbAsync(db => db.Set<EmailOutboxMessage>().CountAsync()));
        Assert.Equal(1, (await world.Duty.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_escalated_alert_is_emailed_to_the_next_roles_holders(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await AlertWorld.StartAsync(provider, services: sink.Services());
        await world.RuleAsync(new
        {
            name = "Clashes", kind = "incidentCount", severity = "extreme", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7, ownerRole = "fieldOfficer",
        });
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        await NotificationTesting.DeliverNowAsync(world.App);
        Assert.Equal([world.Users[Role.FieldOfficer].Email], sink.Messages().Select(m => m.To.Mailboxes.Single().Address));

        await world.AdvanceAsync(TimeSpan.FromDays(3)); // past any deadline
        await world.RunAsync();
        Assert.Equal(1, (await world.SingleAlertAsync()).EscalationLevel);
        await NotificationTesting.DeliverNowAsync(world.App);
        var escalated = sink.Messages().Skip(1).ToList();
        var mail = Assert.Single(escalated);
        Assert.Equal(world.Users[Role.DutyOfficer].Email, mail.To.Mailboxes.Single().Address);
        Assert.StartsWith("[Amani] Alert escalated to duty officers (level 1)", mail.Subject);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_notification_of_an_alert_raised_by_community_reports_never_carries_a_reporters_identity(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await AlertWorld.StartAsync(provider, services: sink.Services());
        await NotificationTesting.PreferAsync(world.Duty, sms: "immediately", phone: "+236 70 00 00 01");
        await world.RuleAsync(new
        {
            name = "Any reports", kind = "reportSurge", severity = "minor", areaPCode = AlertWorld.Ombella, windowDays = 1, factor = 2.0, minimumCount = 1,
            baselineWindows = 1, defaultOwnerUserId = world.Users[Role.DutyOfficer].Id,
        });
        var report = await world.App.CreateClient().PostAsJsonAsync("/api/v1/reports", new
        {
            description = "Armed men seen near the school", latitude = AlertWorld.InOmbella.Lat, longitude = AlertWorld.InOmbella.Lon,
            missionCode = AlertWorld.Mission, contact = new { phone = ContactNeedles.Phone, email = ContactNeedles.Email }, consentToContact = true,
        });
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        await world.RunAsync();
        Assert.Equal(AlertRuleKind.ReportSurge, (await world.SingleAlertAsync()).Kind);
        await NotificationTesting.DeliverNowAsync(world.App);

        var mail = Assert.Single(sink.Messages());
        ContactNeedles.AssertNotIn(mail.ToString(), "the notification e-mail");
        var stored = await world.App.WithDbAsync(async db => string.Join("\n",
            (await db.Set<Notification>().AsNoTracking().ToListAsync()).Select(n => $"{n.Subject}\n{n.Body}\n{n.Link}")
            .Concat(await db.Set<EmailOutboxMessage>().AsNoTracking().Select(m => m.Subject + "\n" + m.Body).ToListAsync())
            .Concat(await db.Set<Amani.Register.Reporting.Sms.SmsOutboxMessage>().AsNoTracking().Where(m => m.UserId != null).Select(m => m.Body).ToListAsync())));
        Assert.Contains("Surge of community reports", stored);
        Assert.Contains("Amani: ", stored); // the SMS copy is there, and searched too
        ContactNeedles.AssertNotIn(stored, "the notifications, their e-mail and SMS");
        ContactNeedles.AssertNotIn(await world.Duty.GetStringAsync("/api/v1/notifications"), "the notifications API");
        ContactNeedles.AssertNotIn(await world.Duty.GetStringAsync("/notifications"), "the notifications page");
    }
}
