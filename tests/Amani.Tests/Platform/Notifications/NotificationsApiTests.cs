using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Notifications;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Notifications;

/// <summary>The in-app list of the signed-in user only: unread count, paging, marking read; and the preferences' validation.</summary>
public sealed class NotificationsApiTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_user_sees_their_own_notifications_with_an_unread_count_and_marks_them_read(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: new SmtpSink().Services());
        var (alice, bob) = (await app.CreateUserAsync(null), await app.CreateUserAsync(null));
        var (aliceClient, bobClient) = (await app.SignInAsync(alice), await app.SignInAsync(bob));
        for (var i = 1; i <= 3; i++)
            await NotificationTesting.NotifyAsync(app, alice, $"Thing {i}");
        await NotificationTesting.NotifyAsync(app, bob, "Bob's thing");

        Assert.Equal(3, (await aliceClient.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
        var first = (await aliceClient.GetFromJsonAsync<NotificationPage>("/api/v1/notifications?limit=2"))!;
        Assert.Equal(["Thing 3", "Thing 2"], first.Items.Select(n => n.Subject));
        Assert.Equal(3, first.Unread);
        var second = (await aliceClient.GetFromJsonAsync<NotificationPage>($"/api/v1/notifications?limit=2&before={first.NextBefore}"))!;
        Assert.Equal(["Thing 1"], second.Items.Select(n => n.Subject));
        Assert.Null(second.NextBefore);

        // Bob's notification does not exist for Alice, and Alice's cannot be marked by Bob.
        var bobs = (await bobClient.GetFromJsonAsync<NotificationPage>("/api/v1/notifications"))!.Items.Single();
        await ProblemAssert.IsProblemAsync(await aliceClient.PostAsync($"/api/v1/notifications/{bobs.Id}/read", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsProblemAsync(await bobClient.PostAsync($"/api/v1/notifications/{first.Items[0].Id}/read", null), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsync($"/api/v1/notifications/{first.Items[0].Id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await aliceClient.PostAsync($"/api/v1/notifications/{first.Items[0].Id}/read", null)).StatusCode);
        Assert.Equal(2, (await aliceClient.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
        var unread = (await aliceClient.GetFromJsonAsync<NotificationPage>("/api/v1/notifications?unread=true"))!;
        Assert.Equal(["Thing 2", "Thing 1"], unread.Items.Select(n => n.Subject));
        Assert.Contains("id=\"unread-badge\">2<", await aliceClient.GetStringAsync("/notifications"));

        var marked = await aliceClient.PostAsync("/api/v1/notifications/read-all", null);
        Assert.Equal(2, (await marked.Content.ReadFromJsonAsync<MarkedReadResponse>())!.Marked);
        Assert.Equal(0, (await aliceClient.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
        Assert.Equal(1, (await bobClient.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
        Assert.DoesNotContain("unread-badge", await aliceClient.GetStringAsync("/notifications"));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Invalid_preferences_are_refused_field_by_field_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: new SmtpSink().Services());
        var user = await app.CreateUserAsync(null);
        var client = await app.SignInAsync(user);
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

        var response = await client.PutAsJsonAsync("/api/v1/account/notification-preferences",
            new { email = "hourly", sms = "immediately", language = "sw", phone = (string?)null });
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var errors = problem.GetProperty("errors");
        Assert.Contains("hourly", errors.GetProperty("email")[0].GetString());
        Assert.Contains("phone number", errors.GetProperty("phone")[0].GetString());
        Assert.Contains("en, fr", errors.GetProperty("language")[0].GetString());
        Assert.False(errors.TryGetProperty("sms", out _));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<NotificationPreferences>().CountAsync()));
        Assert.Equal(audited, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        var current = await client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences");
        Assert.Equal(("immediately", "off", "en"), (current.GetProperty("email").GetString(), current.GetProperty("sms").GetString(), current.GetProperty("language").GetString()));

        // A valid change is saved and audited, the phone number encrypted at rest.
        await NotificationTesting.PreferAsync(client, email: "dailyDigest", sms: "immediately", language: "fr", phone: "+236 70 11 22 33");
        var saved = await client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences");
        Assert.Equal(("dailyDigest", "immediately", "fr", "+236 70 11 22 33"), (saved.GetProperty("email").GetString(), saved.GetProperty("sms").GetString(),
            saved.GetProperty("language").GetString(), saved.GetProperty("phone").GetString()));
        var row = await app.WithDbAsync(db => db.Set<NotificationPreferences>().AsNoTracking().SingleAsync());
        Assert.DoesNotContain("70 11 22 33", row.PhoneProtected);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.ActionCode == AuditCodes.NotificationPreferencesChanged).SingleAsync());
        Assert.DoesNotContain("70 11 22 33", audit.Summary);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_smtp_settings_email_waits_and_the_preferences_say_so(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: services =>
        {
            new SmtpSink().Services()(services);
            services.Configure<SmtpOptions>(options => options.Host = null);
        });
        var user = await app.CreateUserAsync(null);
        var client = await app.SignInAsync(user);
        await NotificationTesting.NotifyAsync(app, user);
        await NotificationTesting.NotifyAsync(app, user);

        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app));
        var status = (await client.GetFromJsonAsync<JsonElement>("/api/v1/account/notification-preferences")).GetProperty("emailDelivery");
        Assert.False(status.GetProperty("configured").GetBoolean());
        Assert.Equal(2, status.GetProperty("waiting").GetInt32());
        Assert.Equal("E-mail not configured; 2 message(s) waiting.", status.GetProperty("detail").GetString());
        Assert.Contains("E-mail not configured; 2 message(s) waiting.", await client.GetStringAsync("/notifications"));
        Assert.All(await app.WithDbAsync(db => db.Set<EmailOutboxMessage>().AsNoTracking().ToListAsync()),
            row => Assert.Equal((EmailOutboxStatus.Queued, 0), (row.Status, row.Attempts)));
    }
}
