using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amani.Analysis.Alerts;
using Amani.Platform.Access;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Amani.Platform.Notifications;
using Amani.Tests.Analysis.Alerts;
using Amani.Tests.Infrastructure;
using Amani.Tests.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Platform.FollowUps;

/// <summary>
/// People are told: a reminder before the due date, then escalations after it — by e-mail on a real SMTP server, in the
/// app, in each user's language — and nobody who chose "off" gets an e-mail. Alerts' responses are follow-ups too.
/// </summary>
public sealed class FollowUpDeliveryTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_overdue_follow_up_sends_a_reminder_then_escalation_emails(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await FollowUpWorld.StartAsync(provider, sink.Services());
        var field = world.Users[Role.FieldOfficer];
        var analyst = world.Users[Role.Analyst];
        var admin = world.Users[Role.Administrator];
        await NotificationTesting.PreferAsync(world.Field, language: "fr");
        await NotificationTesting.PreferAsync(world.Duty, email: "off");
        var (created, _) = await world.CreateAsync(FollowUpWorld.Body("Deliver the radios to the Bimbo committee", new { kind = "user", userId = field.Id },
            world.Now.AddHours(48), remind: 24));
        var id = created.GetProperty("id").GetGuid();

        // Nothing before the reminder time.
        await world.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.Equal((0, 0), await world.RunAsync());
        Assert.Equal(0, await NotificationTesting.DeliverNowAsync(world.App));

        // 24 hours before the due date: a reminder to the owner, in French, once.
        await world.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal((1, 0), await world.RunAsync());
        Assert.Equal((0, 0), await world.RunAsync());
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(world.App));
        var reminder = Assert.Single(sink.Messages());
        Assert.Equal(field.Email, Assert.Single(reminder.To.Mailboxes).Address);
        Assert.StartsWith("[Amani] Échéance ", reminder.Subject);
        Assert.Contains("Deliver the radios to the Bimbo committee", reminder.Subject);
        Assert.Contains($"/missions/ALPHA/follow-ups/{id}", reminder.TextBody);

        // Past the due date: escalation level 1 to the owner and the analyst who asked for it.
        await world.AdvanceAsync(TimeSpan.FromHours(24));
        Assert.Equal((0, 1), await world.RunAsync());
        Assert.Equal(2, await NotificationTesting.DeliverNowAsync(world.App));
        var overdue = sink.Messages().Skip(1).ToList();
        Assert.Equal([analyst.Email, field.Email], overdue.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.Contains(overdue, m => m.Subject!.StartsWith("[Amani] En retard (niveau 1)", StringComparison.Ordinal));
        Assert.Contains(overdue, m => m.Subject!.StartsWith("[Amani] Overdue (level 1)", StringComparison.Ordinal));

        // A week later, level 2 also reaches the administrators; the duty officer (e-mail off) is not among the e-mails.
        await world.AdvanceAsync(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal((0, 0), await world.RunAsync()); // not quite a week yet
        await world.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal((0, 1), await world.RunAsync());
        Assert.Equal(3, await NotificationTesting.DeliverNowAsync(world.App));
        Assert.Contains(sink.Messages(), m => m.To.Mailboxes.Single().Address == admin.Email && m.Subject!.Contains("level 2"));
        Assert.DoesNotContain(sink.Messages(), m => m.To.Mailboxes.Single().Address == world.Users[Role.DutyOfficer].Email);

        var (body, _) = await world.GetAsync(id);
        Assert.Equal(2, body.GetProperty("followUp").GetProperty("escalationLevel").GetInt32());
        Assert.True(body.GetProperty("followUp").GetProperty("overdue").GetBoolean());
        Assert.Equal(["created", "reminded", "escalated", "escalated"], body.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(["follow-up-overdue", "follow-up-overdue", "follow-up-reminder"],
            (await world.Field.GetFromJsonAsync<NotificationPage>("/api/v1/notifications"))!.Items.Select(n => n.Kind));

        // Done: no more escalations, ever.
        var (_, etag) = await world.GetAsync(id, world.Field);
        Assert.Equal(HttpStatusCode.OK, (await FollowUpWorld.SendAsync(world.Field, HttpMethod.Post, $"/api/v1/follow-ups/{id}/transitions", new { to = "done" }, etag)).StatusCode);
        await world.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal((0, 0), await world.RunAsync());
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_role_owned_follow_up_reminds_the_holders_of_the_role_where_it_applies_and_off_means_no_email(DatabaseProvider provider)
    {
        await using var sink = new SmtpSink();
        await sink.StartAsync();
        await using var world = await FollowUpWorld.StartAsync(provider, sink.Services());
        await NotificationTesting.PreferAsync(world.Scoped, email: "off");
        await world.CreateAsync(FollowUpWorld.Body("Visit the Boali IDP site", null, world.Now.AddHours(10), remind: 12, area: TestMission.Province));
        Assert.Equal((1, 0), await world.RunAsync());
        Assert.Equal(1, await NotificationTesting.DeliverNowAsync(world.App));
        // The mission's duty officer by e-mail; the CF.AA duty officer (e-mail off) in the app only.
        Assert.Equal(world.Users[Role.DutyOfficer].Email, Assert.Single(sink.Messages()).To.Mailboxes.Single().Address);
        Assert.Equal(1, (await world.Scoped.GetFromJsonAsync<UnreadCountResponse>("/api/v1/notifications/unread-count"))!.Unread);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_alerts_response_is_a_follow_up_that_moves_and_escalates_with_the_alert(DatabaseProvider provider)
    {
        await using var world = await AlertWorld.StartAsync(provider);
        await world.RuleAsync(new
        {
            name = "Clashes", kind = "incidentCount", severity = "extreme", areaPCode = AlertWorld.Ouham, threshold = 1, windowDays = 7, ownerRole = "fieldOfficer",
        });
        await world.IncidentAsync(AlertWorld.InOuham, 1);
        await world.RunAsync();
        var alert = await world.SingleAlertAsync();
        FollowUp Single() => world.App.WithDbAsync(db => db.Set<FollowUp>().AsNoTracking().SingleAsync()).GetAwaiter().GetResult();
        var followUp = Single();
        Assert.Equal(("alerts", "alert", alert.Id, true), (followUp.Module, followUp.RecordType, followUp.RecordId, followUp.Managed));
        Assert.Equal((FollowUpOwnerKind.Role, Role.FieldOfficer, alert.DeadlineAt, FollowUpStatus.Open),
            (followUp.OwnerKind, followUp.OwnerRole, followUp.DueAt, followUp.Status));

        // On the board, with a link to the alert; its moves belong to the alert.
        var board = await world.Admin.GetFromJsonAsync<JsonElement>("/api/v1/missions/ALPHA/follow-ups?module=alerts");
        var item = Assert.Single(board.GetProperty("items").EnumerateArray());
        Assert.Equal($"/missions/ALPHA/alerts?alert={alert.Id}", item.GetProperty("recordPath").GetString());
        var refused = await FollowUpWorld.SendAsync(world.Admin, HttpMethod.Post, $"/api/v1/follow-ups/{followUp.Id}/transitions", new { to = "done" },
            $"\"{followUp.Version}\"");
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "conflict");

        // Acknowledged: in progress, owned by the acknowledger. Overdue: escalated by the follow-up engine with the alert.
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(alert.Id, new { to = "acknowledged" }, world.Field)).StatusCode);
        Assert.Equal((FollowUpStatus.InProgress, FollowUpOwnerKind.User, world.Users[Role.FieldOfficer].Id), (Single().Status, Single().OwnerKind, Single().OwnerUserId));
        await world.AdvanceAsync(TimeSpan.FromHours(3));
        var (_, escalated) = await world.App.Services.GetRequiredService<FollowUpEngine>().RunAsync(null, CancellationToken.None);
        Assert.Equal(1, escalated);
        var after = await world.SingleAlertAsync();
        Assert.Equal((Role.DutyOfficer, 1), (after.OwnerRole, after.EscalationLevel));
        Assert.Equal((FollowUpOwnerKind.Role, Role.DutyOfficer, 1, after.DeadlineAt), (Single().OwnerKind, Single().OwnerRole, Single().EscalationLevel, Single().DueAt));

        // Resolved: done.
        Assert.Equal(HttpStatusCode.Created, (await world.Duty.PostAsJsonAsync($"/api/v1/alerts/{alert.Id}/actions", new { what = "Patrol sent to Bossangoa." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(alert.Id, new { to = "responding" }, world.Duty)).StatusCode);
        Assert.Equal(FollowUpStatus.InProgress, Single().Status);
        Assert.Equal(HttpStatusCode.OK, (await world.MoveAsync(alert.Id, new { to = "resolved", outcome = "Patrol deployed; calm restored." }, world.Duty)).StatusCode);
        Assert.Equal(FollowUpStatus.Done, Single().Status);
        var history = await world.App.WithDbAsync(db => db.Set<FollowUpEvent>().AsNoTracking().OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Contains(FollowUpEventKind.Escalated, history);
        Assert.Equal(FollowUpEventKind.Moved, history[^1]);
    }
}
