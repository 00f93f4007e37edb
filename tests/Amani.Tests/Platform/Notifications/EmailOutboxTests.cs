using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Notifications;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.Notifications;

/// <summary>
/// The e-mail outbox against a real SMTP server that is down, refuses, or comes up late: a message is never lost, is
/// retried with backoff, is sent exactly once when the server takes it, and is marked failed (and kept) after the last
/// try. The tests deliver by calling the sender themselves on the test clock; nothing waits for a background loop.
/// </summary>
public sealed class EmailOutboxTests
{
    private static Task<EmailOutboxMessage> RowAsync(TestApp app) =>
        app.WithDbAsync(db => db.Set<EmailOutboxMessage>().AsNoTracking().SingleAsync());

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task With_the_server_down_a_message_stays_queued_and_is_sent_exactly_once_when_it_comes_up(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink(); // not started: the port is closed
        await using var app = await TestApp.StartAsync(provider, services: sink.Services(maxAttempts: 8));
        var user = await app.CreateUserAsync(null);
        await NotificationTesting.NotifyAsync(app, user);

        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));
        var first = await RowAsync(app);
        Assert.Equal((EmailOutboxStatus.Queued, 1), (first.Status, first.Attempts));
        Assert.StartsWith("Connection failed", first.LastError);
        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app)); // not due before its backoff
        app.Clock.Advance(NotificationSettings.Backoff(1));
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));
        Assert.Equal((EmailOutboxStatus.Queued, 2), ((await RowAsync(app)).Status, (await RowAsync(app)).Attempts));

        await sink.StartAsync();
        app.Clock.Advance(NotificationSettings.Backoff(2));
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));
        var sent = await RowAsync(app);
        Assert.Equal((EmailOutboxStatus.Sent, 3, null), (sent.Status, sent.Attempts, sent.LastError));
        Assert.NotNull(sent.SentAt);
        for (var pass = 0; pass < 3; pass++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app));
        }
        var mail = Assert.Single(sink.Messages());
        Assert.Equal(user.Email, mail.To.Mailboxes.Single().Address);
        Assert.Equal("[Amani] Follow-up due", mail.Subject);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_server_that_refuses_gets_the_message_again_until_the_last_try_then_it_is_failed_and_kept(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync(refuse: true);
        await using var app = await TestApp.StartAsync(provider, services: sink.Services(maxAttempts: 3));
        var user = await app.CreateUserAsync(null);
        await NotificationTesting.NotifyAsync(app, user);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));
            var row = await RowAsync(app);
            Assert.Equal(attempt, row.Attempts);
            Assert.Equal(attempt < 3 ? EmailOutboxStatus.Queued : EmailOutboxStatus.Failed, row.Status);
            Assert.StartsWith("SMTP 550", row.LastError);
            app.Clock.Advance(NotificationSettings.Backoff(attempt));
        }
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app)); // failed for good: not tried again
        Assert.Equal((EmailOutboxStatus.Failed, 3), ((await RowAsync(app)).Status, (await RowAsync(app)).Attempts));
        Assert.Empty(sink.Messages());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Notification>().CountAsync())); // the in-app notification is there all along
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_daily_digest_gathers_the_days_notifications_into_one_email_at_the_digest_hour(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var app = await TestApp.StartAsync(provider, services: sink.Services());
        var user = await app.CreateUserAsync(null);
        await NotificationTesting.PreferAsync(await app.SignInAsync(user), email: "dailyDigest");
        await NotificationTesting.NotifyAsync(app, user, "First thing");
        await NotificationTesting.NotifyAsync(app, user, "Second thing");

        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app));
        Assert.Empty(sink.Messages());
        var due = NotificationSettings.NextDigestAt(app.Clock.GetUtcNow().UtcDateTime);
        app.Clock.Advance(due - app.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));
        var digest = Assert.Single(sink.Messages());
        Assert.Equal("[Amani] Daily digest: 2 notification(s)", digest.Subject);
        Assert.Contains("First thing", digest.TextBody);
        Assert.Contains("Second thing", digest.TextBody);
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app));
        Assert.Single(sink.Messages());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_notification_is_part_of_an_audited_change_and_cannot_be_saved_without_one(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, services: new SmtpSink().Services());
        var user = await app.CreateUserAsync(null);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithScopeAsync(async services =>
        {
            await services.GetRequiredService<Notifier>().NotifyAsync([user.Id],
                new Notice(NotificationKinds.FollowUpOverdue, new LocalizedText("a", "a"), new LocalizedText("b", "b"), null), CancellationToken.None);
            return await services.GetRequiredService<AmaniDbContext>().SaveChangesAsync();
        }));
        Assert.Contains("without an audit row", refused.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Notification>().CountAsync()));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Two_nodes_delivering_at_once_send_each_message_exactly_once(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var first = await TestApp.StartAsync(provider, services: sink.Services());
        await using var second = await TestApp.StartNodeAsync(first.Database, sink.Services());
        var user = await first.CreateUserAsync(null);
        for (var i = 0; i < 12; i++)
            await NotificationTesting.NotifyAsync(first, user, $"Message {i}");

        var claimed = await Task.WhenAll(NotificationTesting.DeliverNowAsync(first), NotificationTesting.DeliverNowAsync(second),
            NotificationTesting.DeliverNowAsync(first), NotificationTesting.DeliverNowAsync(second));

        Assert.Equal(12, claimed.Sum());
        var messages = sink.Messages();
        Assert.Equal(12, messages.Count);
        Assert.Equal(12, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(await first.WithDbAsync(db => db.Set<EmailOutboxMessage>().AsNoTracking().ToListAsync()),
            row => Assert.Equal((EmailOutboxStatus.Sent, 1), (row.Status, row.Attempts)));
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_message_left_sending_by_a_node_that_died_is_sent_when_its_lease_lapses_with_the_same_message_id(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var app = await TestApp.StartAsync(provider, services: sink.Services());
        var user = await app.CreateUserAsync(null);
        await NotificationTesting.NotifyAsync(app, user);
        // A node claimed the row and died: it stays "sending" under its lease.
        var leasedUntil = app.Clock.GetUtcNow().UtcDateTime + EmailOutboxSender.Lease;
        await app.WithDbAsync(db => db.Set<EmailOutboxMessage>().ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, EmailOutboxStatus.Sending).SetProperty(m => m.LockedUntil, leasedUntil).SetProperty(m => m.Attempts, 1)));

        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(app)); // still leased: nobody else takes it
        app.Clock.Advance(EmailOutboxSender.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(app));

        var row = await RowAsync(app);
        Assert.Equal((EmailOutboxStatus.Sent, 2), (row.Status, row.Attempts));
        Assert.Equal(row.MessageId, Assert.Single(sink.Messages()).MessageId);
    }
}
