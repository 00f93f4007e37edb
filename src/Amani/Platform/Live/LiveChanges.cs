using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Amani.Platform.Live;

/// <summary>
/// Finds what the live feed announces in the changes EF Core saves — asking every registered <see cref="LiveTopic"/>
/// (new incidents, import batches, community reports, raised and changed alerts, …) — and publishes it only once the
/// transaction committed: at once after a save in its own transaction, at
/// the commit of an explicit transaction otherwise; a rollback forgets it.
/// </summary>
public sealed class LiveChanges(LiveBus bus, IEnumerable<LiveTopic> topics)
{
    private sealed class Pending
    {
        public List<LiveEvent> Saving { get; } = [];
        public List<LiveEvent> Saved { get; } = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();
    private readonly LiveTopic[] _topics = topics.ToArray();

    internal void Capture(DbContext? context)
    {
        if (context is null)
            return;
        var saving = _pending.GetOrCreateValue(context).Saving;
        saving.Clear();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            foreach (var topic in _topics)
                if (topic.Describe(entry) is { } found)
                    saving.Add(found);
        }
    }

    internal async Task SavedAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
            return;
        pending.Saved.AddRange(pending.Saving);
        pending.Saving.Clear();
        if (context.Database.CurrentTransaction is null)
            await FlushAsync(context);
    }

    internal void Failed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
            pending.Saving.Clear();
    }

    internal async Task FlushAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saved.Count == 0)
            return;
        var events = pending.Saved.Distinct().ToList();
        pending.Saved.Clear();
        await bus.PublishAsync(events, CancellationToken.None);
    }

    internal void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
            pending.Saved.Clear(); // what is being saved right now belongs to the transaction EF Core starts for the save
    }
}

public sealed class LiveSaveInterceptor(LiveChanges changes) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        changes.Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        changes.Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        changes.SavedAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await changes.SavedAsync(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => changes.Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        changes.Failed(eventData.Context);
        return Task.CompletedTask;
    }
}

public sealed class LiveTransactionInterceptor(LiveChanges changes) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        changes.Forget(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        changes.Forget(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        changes.FlushAsync(eventData.Context).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        changes.FlushAsync(eventData.Context);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => changes.Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        changes.Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => changes.Forget(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        changes.Forget(eventData.Context);
        return Task.CompletedTask;
    }
}
