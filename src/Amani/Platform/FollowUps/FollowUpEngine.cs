using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Amani.Platform.FollowUps;

/// <summary>
/// What a module does when one of the follow-ups it manages is overdue (alerts: escalate the alert one role up the chain
/// with a new deadline). Registered by the module (<c>services.AddScoped&lt;IFollowUpEscalator, …&gt;()</c>); the engine
/// calls it at every pass, and it keeps its follow-ups in step through <see cref="FollowUpBook.TrackAsync"/>.
/// </summary>
public interface IFollowUpEscalator
{
    /// <summary>The module whose follow-ups it escalates (<see cref="FollowUp.Module"/>).</summary>
    string Module { get; }

    /// <summary>Escalates the module's overdue follow-ups and their records; returns how many.</summary>
    Task<int> EscalateOverdueAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One pass over follow-ups: reminders for those whose reminder time came (to the owner — the user, the holders of the
/// role in the follow-up's area, or for an external party the person who created it), escalations of overdue ones (level
/// 1 at the due date to the owners and the creator; levels 2 and 3, a week apart, also to the holders of the escalation
/// role, by default the administrators), and the escalators of modules that manage their own. Each reminder and
/// escalation writes its history entry, its notifications and its audit row in one save. Runs under the follow-up lock,
/// one pass at a time per process; a concurrent change of a follow-up (its version) leaves it for the next pass.
/// </summary>
public sealed class FollowUpEngine(IServiceScopeFactory scopes, ILogger<FollowUpEngine> logger)
{
    public const long FollowUpLock = 0x414D414E49_0300;
    private const int Batch = 200;
    private const int MaxRecipients = 200;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Reminders and escalations due now; <paramref name="modules"/> limits the escalators called (null = all).</summary>
    public async Task<(int Reminded, int Escalated)> RunAsync(IReadOnlyCollection<string>? modules, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reminded = modules is null ? await RemindAsync(cancellationToken) : 0;
            var escalated = modules is null ? await EscalateAsync(cancellationToken) : 0;
            await using var scope = SystemScope();
            foreach (var escalator in scope.ServiceProvider.GetServices<IFollowUpEscalator>().Where(e => modules is null || modules.Contains(e.Module)))
                escalated += await escalator.EscalateOverdueAsync(cancellationToken);
            if (reminded + escalated > 0)
                logger.LogInformation("Follow-ups: {Reminded} reminder(s), {Escalated} escalation(s)", reminded, escalated);
            return (reminded, escalated);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        await using var scope = SystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AmaniDbContext>();
        var now = Now(services);
        IQueryable<FollowUp> Due() => db.Set<FollowUp>().Where(f => f.RemindAt != null && f.RemindAt <= now && f.RemindedAt == null && f.DueAt > now
                                                                   && (f.Status == FollowUpStatus.Open || f.Status == FollowUpStatus.InProgress));
        if (!await Due().AnyAsync(cancellationToken))
            return 0; // the usual case: no lock taken, no writer held up
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, FollowUpLock, cancellationToken);
        var due = await Due().OrderBy(f => f.RemindAt).Take(Batch).ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;
        var notifier = services.GetRequiredService<Notifier>();
        var audit = services.GetRequiredService<AuditLog>();
        foreach (var followUp in due)
        {
            var mission = await MissionCodeAsync(services, followUp.MissionId, cancellationToken);
            var recipients = await OwnersAsync(services, followUp, cancellationToken);
            var told = await notifier.NotifyAsync(recipients, FollowUpNotices.Reminder(followUp, mission), cancellationToken);
            followUp.RemindedAt = now;
            followUp.Version++;
            Log(db, followUp, FollowUpEventKind.Reminded, $"Reminder sent: due {followUp.DueAt:yyyy-MM-dd HH:mm} UTC; {told} notified.", now);
            audit.Record(AuditAction.FollowUpReminded, FollowUp.AuditEntity, followUp.Id, $"Follow-up reminder: {told} notified.");
        }
        return await SaveAsync(db, transaction, due.Count, cancellationToken);
    }

    private async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        await using var scope = SystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AmaniDbContext>();
        var now = Now(services);
        IQueryable<FollowUp> Overdue() => db.Set<FollowUp>().Where(f => !f.Managed && f.NextEscalationAt != null && f.NextEscalationAt < now
                                                                       && (f.Status == FollowUpStatus.Open || f.Status == FollowUpStatus.InProgress));
        if (!await Overdue().AnyAsync(cancellationToken))
            return 0;
        await using var transaction = await DatabaseLocks.BeginExclusiveAsync(db, FollowUpLock, cancellationToken);
        var overdue = await Overdue().OrderBy(f => f.NextEscalationAt).Take(Batch).ToListAsync(cancellationToken);
        if (overdue.Count == 0)
            return 0;
        var notifier = services.GetRequiredService<Notifier>();
        var audit = services.GetRequiredService<AuditLog>();
        var people = services.GetRequiredService<IPeopleDirectory>();
        foreach (var followUp in overdue)
        {
            followUp.EscalationLevel++;
            followUp.EscalatedAt = now;
            followUp.Version++;
            followUp.Schedule(rescheduled: false);
            var recipients = (await OwnersAsync(services, followUp, cancellationToken)).ToList();
            if (followUp.CreatedByUserId is { } creator)
                recipients.Add(creator);
            var escalateTo = followUp.EscalateToRole ?? Role.Administrator;
            if (followUp.EscalationLevel >= 2)
                recipients.AddRange(await people.HoldersAsync(escalateTo, followUp.MissionId, followUp.AreaId, MaxRecipients, cancellationToken));
            var mission = await MissionCodeAsync(services, followUp.MissionId, cancellationToken);
            var told = await notifier.NotifyAsync(recipients, FollowUpNotices.Overdue(followUp, mission), cancellationToken);
            var text = $"Overdue since {followUp.DueAt:yyyy-MM-dd HH:mm} UTC: escalation level {followUp.EscalationLevel}" +
                       (followUp.EscalationLevel >= 2 ? $", told the {escalateTo} role" : ", told its owner and creator") + $"; {told} notified.";
            Log(db, followUp, FollowUpEventKind.Escalated, text, now);
            audit.Record(AuditAction.FollowUpEscalated, FollowUp.AuditEntity, followUp.Id, $"Follow-up escalated. {text}");
        }
        return await SaveAsync(db, transaction, overdue.Count, cancellationToken);
    }

    /// <summary>Who owes the follow-up: the user, the holders of the role where it applies, or (an external party) its creator.</summary>
    public static async Task<IReadOnlyList<Guid>> OwnersAsync(IServiceProvider services, FollowUp followUp, CancellationToken cancellationToken) =>
        followUp.OwnerKind switch
        {
            FollowUpOwnerKind.User when followUp.OwnerUserId is { } user => [user],
            FollowUpOwnerKind.Role when followUp.OwnerRole is { } role =>
                await services.GetRequiredService<IPeopleDirectory>().HoldersAsync(role, followUp.MissionId, followUp.AreaId, MaxRecipients, cancellationToken),
            _ => followUp.CreatedByUserId is { } creator ? [creator] : [],
        };

    private async Task<int> SaveAsync(AmaniDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, int count,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed one of them meanwhile: nothing of this batch is written; the next pass looks again.
            db.DiscardChanges();
            logger.LogInformation("A follow-up changed during the pass; its reminders and escalations wait for the next pass");
            return 0;
        }
    }

    private static void Log(AmaniDbContext db, FollowUp followUp, FollowUpEventKind kind, string text, DateTime now) =>
        db.Set<FollowUpEvent>().Add(new FollowUpEvent { FollowUpId = followUp.Id, Kind = kind, Actor = "system", Text = text, At = now });

    /// <summary>The mission's code, read once per pass and mission (a batch holds many follow-ups of few missions).</summary>
    private static async Task<string> MissionCodeAsync(IServiceProvider services, Guid missionId, CancellationToken cancellationToken)
    {
        var codes = services.GetRequiredService<PassCache>().MissionCodes;
        if (!codes.TryGetValue(missionId, out var code))
            codes[missionId] = code = (await services.GetRequiredService<IMissionDirectory>().FindAsync(missionId, cancellationToken))?.Code ?? "?";
        return code;
    }

    private static DateTime Now(IServiceProvider services) => AuditChain.Truncate(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private AsyncServiceScope SystemScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = "system";
        return scope;
    }
}

/// <summary>What one pass of the engine reads once (scoped: a pass is a scope).</summary>
internal sealed class PassCache
{
    public Dictionary<Guid, string> MissionCodes { get; } = [];
}
