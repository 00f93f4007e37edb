using System.Net;
using System.Net.Http.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Notifications;
using Amani.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Amani.Analysis.Alerts;

namespace Amani.Tests.Platform.Notifications;

/// <summary>Steps the notification tests share: preferences through the API, and delivering the outbox now.</summary>
public static class NotificationTesting
{
    public static async Task PreferAsync(HttpClient client, string email = "immediately", string sms = "off", string language = "en", string? phone = null)
    {
        var response = await client.PutAsJsonAsync("/api/v1/account/notification-preferences", new { email, sms, language, phone });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Notifies <paramref name="user"/> as a module would: in the transaction of an audited change.</summary>
    public static Task NotifyAsync(TestApp app, TestUser user, string subject = "Follow-up due") => app.WithScopeAsync(async services =>
    {
        var notice = new Notice(NotificationKinds.FollowUpReminder, new LocalizedText(subject, "Relance due"),
            new LocalizedText("The follow-up of incident 42 is due today.", "Le suivi de l'incident 42 est dû aujourd'hui."), "/missions/ALPHA/incidents");
        await services.GetRequiredService<Notifier>().NotifyAsync([user.Id], notice, CancellationToken.None);
        services.GetRequiredService<AuditLog>().Record(AuditAction.AlertRaised, new AuditEntity("test"), null, "A test change that notifies.");
        return await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
    });

    /// <summary>What the background sender does at a poll, once: compose the due digests, then send the due e-mail.</summary>
    public static async Task<int> DeliverNowAsync(TestApp app)
    {
        await app.WithScopeAsync(s => s.GetRequiredService<DigestComposer>().ComposeDueAsync(CancellationToken.None));
        return await app.Services.GetRequiredService<EmailOutboxSender>().SendDueAsync(CancellationToken.None);
    }
}
