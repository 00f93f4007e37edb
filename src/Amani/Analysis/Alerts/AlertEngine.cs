using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.FollowUps;
using Microsoft.EntityFrameworkCore;
using Amani.Foundation.Missions;

namespace Amani.Analysis.Alerts;

/// <summary>
/// One pass of the alert machinery: evaluate the enabled rules (of the given missions, or all) and apply what they
/// found, then escalate overdue alerts. Passes of one process run one at a time; passes of several nodes are
/// serialised by the alert lock where they write. A rule that fails is logged and tried again at the next pass.
/// </summary>
public sealed class AlertEngine(IServiceScopeFactory scopes, FollowUpEngine followUps, ILogger<AlertEngine> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="missions">The missions whose rules to evaluate; null = every mission.</param>
    public async Task RunAsync(IReadOnlyCollection<Guid>? missions, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var rule in await RulesAsync(missions, cancellationToken))
                await EvaluateAsync(rule, cancellationToken);
            // Overdue alerts are the follow-up engine's to find (it also runs on its own schedule); this pass asks it at once.
            var (_, escalated) = await followUps.RunAsync([AlertFollowUps.Module], cancellationToken);
            if (escalated > 0)
                logger.LogInformation("Escalated {Count} overdue alert(s)", escalated);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<Guid>> RulesAsync(IReadOnlyCollection<Guid>? missions, CancellationToken cancellationToken)
    {
        await using var scope = SystemScope();
        var query = scope.ServiceProvider.GetRequiredService<AmaniDbContext>().Set<AlertRule>().AsNoTracking().Where(r => r.Enabled && r.ArchivedAt == null);
        if (missions is not null)
        {
            var ids = missions.ToList();
            query = query.Where(r => ids.Contains(r.MissionId));
        }
        return await query.OrderBy(r => r.MissionId).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private async Task EvaluateAsync(Guid ruleId, CancellationToken cancellationToken)
    {
        await using var scope = SystemScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AmaniDbContext>();
        try
        {
            var rule = await db.Set<AlertRule>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken);
            if (rule is null)
                return;
            var mission = await db.Missions.AsNoTracking().FirstAsync(m => m.Id == rule.MissionId, cancellationToken);
            var outcomes = await services.GetRequiredService<RuleEvaluator>().EvaluateAsync(rule, mission, cancellationToken);
            var applied = await services.GetRequiredService<AlertRaiser>().ApplyAsync(rule, mission, outcomes, cancellationToken);
            foreach (var raised in applied.Where(a => a.Result == RaiseResult.Raised))
                logger.LogInformation("Rule {RuleId} raised alert {AlertId}: {Headline}", rule.Id, raised.AlertId, raised.Outcome.Headline);
        }
        catch (Exception exception) when (DatabaseErrors.IsTransient(exception) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(exception, "Evaluating alert rule {RuleId} failed; it is tried again at the next pass", ruleId);
        }
    }

    private AsyncServiceScope SystemScope()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Actor = "system";
        return scope;
    }
}
